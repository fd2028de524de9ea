import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { claimIdempotencyKey, keepIdempotentAnswer, releaseIdempotencyKey } from "../access/idempotency.js";
import type { AppContext } from "./context.js";
import { ApiError } from "./errors.js";

/**
 * `Idempotency-Key` on the POSTs that create or move money (a route with `config.idempotent`):
 * bank-file imports, manual matches, settlements, case actions. The first request with a key is
 * answered and its answer kept (2xx and 4xx; after a 5xx the key is let go so it can be sent
 * again); the same request with the same key gets the kept answer again, marked
 * `Idempotency-Replayed: true`; the same key with another request is a 422 problem
 * (`idempotency_key_reused`), and while the first is still being answered a 409
 * (`idempotency_key_in_use`). Keys are per caller (a user or an API client).
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";

/** The header as the route schemas declare it (documented in OpenAPI, checked by validation). */
export const IdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
    .optional()
    .describe("a key of your choosing (a UUID) that makes a retry safe: the same request with the same key is answered once, the kept answer replayed"),
});

interface Claimed {
  principal: string;
  key: string;
}
const CLAIMS = new WeakMap<FastifyRequest, Claimed>();

function requestHash(req: FastifyRequest): string {
  const h = createHash("sha256").update(`${req.method} ${req.url}\n`);
  h.update(Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null));
  return h.digest("hex");
}

/** A preHandler hook (after access and validation): claims the key, or replays the kept answer. */
export const idempotencyPreHandler = (ctx: AppContext) => async (req: FastifyRequest, reply: FastifyReply) => {
  if (!(req.routeOptions.config as { idempotent?: boolean } | undefined)?.idempotent) return;
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== "string" || !req.access?.principal) return;
  const principal = `${req.access.principal.kind}:${req.access.principal.id}`;
  const claim = await claimIdempotencyKey(ctx.database, { principal, key, route: `${req.method} ${req.routeOptions.url}`, requestHash: requestHash(req) });
  switch (claim.state) {
    case "new":
      CLAIMS.set(req, { principal, key });
      return;
    case "replay":
      reply.code(claim.status).header("idempotency-replayed", "true");
      if (claim.contentType) reply.header("content-type", claim.contentType);
      return reply.send(claim.body);
    case "mismatch":
      throw new ApiError(422, "idempotency_key_reused", `this Idempotency-Key was used for another request (${claim.route}, or another body): use a new key for a new request`, "header.idempotency-key");
    case "busy":
      throw new ApiError(409, "idempotency_key_in_use", "the first request with this Idempotency-Key is still being answered: send it again in a moment", "header.idempotency-key");
  }
};

/** An onSend hook: keeps the answer to a claimed key (or lets the key go after a 5xx). */
export const idempotencyOnSend = (ctx: AppContext) => async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
  const claimed = CLAIMS.get(req);
  if (!claimed) return payload;
  CLAIMS.delete(req);
  if (reply.statusCode >= 500 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) {
    await releaseIdempotencyKey(ctx.database, claimed);
    return payload;
  }
  const contentType = reply.getHeader("content-type");
  await keepIdempotentAnswer(ctx.database, { ...claimed, status: reply.statusCode, body: payload.toString(), contentType: typeof contentType === "string" ? contentType : null });
  return payload;
};
