import type { FastifyInstance, FastifyReply } from "fastify";
import { findClient, issueToken, parseBasic, type TokenRecord } from "./auth.js";
import type { ClientConfig } from "./model.js";
import { integrationKey, tooManyRequests } from "./pipeline.js";
import type { RateLimiter } from "./rate-limit.js";
import { definePublicRoute, type Runtime } from "./route-kit.js";

export interface TokenRouteDeps {
  readonly rt: Runtime;
  readonly clients: readonly ClientConfig[];
  readonly tokens: Map<string, TokenRecord>;
  readonly ttlSeconds: number;
  readonly secret: string;
  readonly rateLimiter: RateLimiter;
  readonly onRateLimited: () => void;
}

/** POST /OAuth/Token (authentication.md "Requesting access"). Errors follow RFC 6749 §5.2. */
export function tokenRoute(app: FastifyInstance, deps: TokenRouteDeps): void {
  // authentication.md: "The Content-Type header must be set to application/x-www-form-urlencoded".
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, body));

  definePublicRoute(app, "POST", "/OAuth/Token", (req, reply) => {
    const form = typeof req.body === "string" ? new URLSearchParams(req.body) : undefined;
    const grantType = form?.get("grant_type");
    if (!grantType) return oauthError(reply, "invalid_request", "The body must be application/x-www-form-urlencoded with grant_type=client_credentials");
    if (grantType !== "client_credentials") return oauthError(reply, "unsupported_grant_type", `grant_type '${grantType}' is not supported`);
    const creds = parseBasic(req.headers.authorization);
    const client = creds && findClient(deps.clients, creds.applicationKey, creds.clientKey);
    if (!client) return oauthError(reply, "invalid_client", "Unknown application key or client key");
    if (!deps.rateLimiter.tryAcquire(integrationKey(client.applicationKey, client.clientKey), deps.rt.clock.now().getTime())) {
      deps.onRateLimited();
      return tooManyRequests(reply);
    }
    const now = deps.rt.clock.now().getTime();
    for (const [token, record] of deps.tokens) if (record.expiresAt <= now) deps.tokens.delete(token);
    const issued = issueToken(client, now, deps.ttlSeconds, deps.secret, deps.rt.ids);
    deps.tokens.set(issued.token, issued.record);
    return reply.code(200).header("content-type", "application/json;charset=UTF-8").header("cache-control", "no-store").send(JSON.stringify(issued.response));
  });
}

/** poweroffice.md §6.1: unknown keys → 400 {"error":"invalid_client","error_description":…}. */
function oauthError(reply: FastifyReply, error: string, description: string): FastifyReply {
  return reply.code(400).header("content-type", "application/json;charset=UTF-8").send(JSON.stringify({ error, error_description: description }));
}
