import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { unauthorizedAccess } from "./api-error.js";
import { checkBearer, privilegeStatus, type TokenRecord } from "./auth.js";
import { sendJson } from "./envelope.js";
import type { FaultInjector, FaultKind } from "./faults.js";
import type { ClientConfig } from "./model.js";
import type { RateLimiter } from "./rate-limit.js";
import { routeMeta, sendFailure, setRequestContext, type Runtime } from "./route-kit.js";
import type { Tenant } from "./tenant.js";
import { readerOf } from "./tenant-reader.js";

/**
 * What happens to every request before and after its route: counting, injected faults, the
 * bearer token (401), the rate limit per integration (429), privileges ("Unauthorized access")
 * and subscriptions (403), and the choice of primary or replica for reading.
 */
export interface PipelineDeps {
  readonly rt: Runtime;
  readonly counters: { requestCount: number; rateLimited: number; readonly faultsInjected: Record<FaultKind, number> };
  readonly tokens: ReadonlyMap<string, TokenRecord>;
  readonly tenantFor: (record: TokenRecord) => { tenant: Tenant; client: ClientConfig } | undefined;
  readonly rateLimiter: RateLimiter;
  readonly faults?: FaultInjector;
  readonly faultTokenEndpoint: boolean;
  readonly hangMs: number;
  readonly replicaLagMs: number;
  /** Registers a hang so that close() can end it. */
  readonly hang: (ms: number) => Promise<void>;
}

export function integrationKey(applicationKey: string, clientKey: string): string {
  return `${applicationKey.toLowerCase()}|${clientKey.toLowerCase()}`;
}

export function installPipeline(app: FastifyInstance, deps: PipelineDeps): void {
  const pendingFault = new WeakMap<FastifyRequest, FaultKind>();

  app.addHook("onRequest", async (req, reply) => {
    deps.counters.requestCount++;
    const meta = routeMeta(app, req);
    if (!meta) return; // no such route: the 404 handler answers
    const isToken = meta.privilege === undefined;

    if (deps.faults && (!isToken || deps.faultTokenEndpoint)) {
      const kind = deps.faults.next();
      if (kind) {
        deps.counters.faultsInjected[kind]++;
        if (kind === "429") return tooManyRequests(reply);
        if (kind === "500") return sendJson(reply, { message: "An error has occurred." }, 500);
        pendingFault.set(req, kind);
      }
    }
    if (isToken) return; // the token route checks its Basic credentials itself

    const bearer = checkBearer(deps.tokens, req.headers.authorization, deps.rt.clock.now().getTime());
    if (!bearer.ok) return unauthorized(reply);
    const found = deps.tenantFor(bearer.record);
    if (!found) return unauthorized(reply);
    const { tenant, client } = found;

    if (!deps.rateLimiter.tryAcquire(integrationKey(client.applicationKey, client.clientKey), deps.rt.clock.now().getTime())) {
      deps.counters.rateLimited++;
      return tooManyRequests(reply);
    }

    if (meta.privilege !== "none") {
      const status = privilegeStatus(client, meta.privilege);
      if (status === "not_granted") return sendFailure(reply, deps.rt, unauthorizedAccess().error);
      if (status === "no_subscription") {
        return sendJson(reply, { message: `The client has no subscription that covers the privilege '${meta.privilege}'` }, 403);
      }
    }

    const asOf = req.method === "GET" && deps.replicaLagMs > 0 ? deps.rt.clock.now().getTime() - deps.replicaLagMs : undefined;
    setRequestContext(req, { tenant, client, read: readerOf(tenant, asOf) });
  });

  app.addHook("onSend", async (req, _reply, payload) => {
    const kind = pendingFault.get(req);
    if (kind === "malformed" && (typeof payload === "string" || Buffer.isBuffer(payload))) {
      return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    }
    if (kind === "timeout") await deps.hang(deps.hangMs);
    return payload;
  });
}

/** limitations.md: "answered with the HTTP response code 429 Too Many Requests". No Retry-After is documented, so none is sent. */
export function tooManyRequests(reply: FastifyReply): FastifyReply {
  return sendJson(reply, { message: "Too many requests: at most the configured number per second per integration key" }, 429);
}

/** poweroffice.md §6.1: an expired or absent token gives 401 [infer: the body is ASP.NET's default]. */
function unauthorized(reply: FastifyReply): FastifyReply {
  return reply
    .header("www-authenticate", `Bearer error="invalid_token"`)
    .code(401)
    .header("content-type", "application/json; charset=utf-8")
    .send(JSON.stringify({ message: "Authorization has been denied for this request." }));
}
