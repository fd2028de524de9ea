import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { timingSafeEqual } from "node:crypto";
import { authenticateApiKey } from "../access/api-clients.js";
import { writeAudit } from "../access/audit.js";
import { ROLE_LEVEL, ROLE_PERMISSIONS, permissionsOn, type Grant, type Permission, type Tenant } from "../access/roles.js";
import { SESSION_COOKIE, loadSession } from "../access/sessions.js";
import { resolveTenant, type ResourceKind } from "../access/tenant.js";
import type { AppContext } from "./context.js";
import { ApiError } from "./errors.js";

/**
 * Who is calling and what they may reach, decided here and nowhere else (issue 6: "every query is
 * scoped by tenant in one place"). Every `/v1` route declares its access in `config.access`:
 *  - `{ public: true }` — no login (log in, register a firm);
 *  - `{ resource: kind, param, permission }` — the route works on one resource named by a path
 *    parameter; its tenant is resolved (src/access/tenant.ts) before the handler runs, and a
 *    caller without read access gets 404 (another tenant's ids look like missing ones), a caller
 *    with read but not the permission 403;
 *  - `{ scoped: permission }` — a list or an action across what the caller can see; the handler
 *    filters with `req.access.grants` (src/access/tenant.ts `creditorScope`);
 *  - `{ agency: permission }` — the agency's own work (bank files, the unmatched queue): only an
 *    agency role with the permission.
 * A `/v1` route without a declaration fails at start. Session callers must send the CSRF token on
 * every write. Every write is written to the audit log with its outcome.
 */
export type Access = { public: true } | { resource: ResourceKind; param: string; permission: Permission } | { scoped: Permission } | { agency: Permission };

export interface Principal {
  kind: "user" | "api-client";
  id: string;
  label: string;
  grants: readonly Grant[];
  /** Session callers only. */
  csrfToken: string | null;
  locale: string | null;
}

export interface RequestAccess {
  principal: Principal;
  /** The resolved tenant of a `resource` route. */
  tenant: Tenant | null;
  permissions: ReadonlySet<Permission>;
}

/** Every /v1 route with its declared access (the tenant-isolation tests are generated from it). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  hasBody: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    access?: Access;
    /** A POST that creates or moves money: takes an `Idempotency-Key` (src/api/idempotency.ts). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    access: RequestAccess;
    /** Set by handlers that want the audit row to name a tenant the route does not (e.g. a new firm). */
    auditTenant?: Tenant;
  }
}

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const accessPlugin = (ctx: AppContext) =>
  fp(async (app: FastifyInstance) => {
    await app.register(fastifyCookie);
    app.decorateRequest("principal", null);
    app.decorateRequest("access", null as unknown as RequestAccess);

    const table: RouteEntry[] = [];
    app.decorate("routeTable", table);
    app.addHook("onRoute", (route) => {
      if (!route.url.startsWith("/v1")) return;
      const access = route.config?.access;
      if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
      for (const method of [route.method].flat()) if (method !== "HEAD") table.push({ method, url: route.url, access, hasBody: !!route.schema?.body });
    });

    app.addHook("onRequest", async (req) => {
      // /metrics has a bearer token of its own (FORDRING_METRICS_TOKEN), not an API client key.
      if (req.routeOptions.url === "/metrics") return;
      req.principal = await authenticate(ctx, req);
    });

    // Before validation: a caller who may not reach a resource learns nothing, not even what its body should be.
    app.addHook("preValidation", async (req) => {
      const access = req.routeOptions.config?.access;
      if (!access || "public" in access) return;
      const principal = req.principal;
      if (!principal) throw new ApiError(401, "unauthenticated", "log in, or send an API client key as `Authorization: Bearer …`");
      if (principal.kind === "user" && WRITE.has(req.method)) checkCsrf(req, principal);
      if ("scoped" in access) {
        // The handler filters by tenant; here: the caller's role has the permission somewhere.
        const permissions = new Set(principal.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
        if (!permissions.has(access.scoped)) throw new ApiError(403, "forbidden", `your role may not do this (needs "${access.scoped}")`);
        req.access = { principal, tenant: null, permissions: new Set() };
        return;
      }
      if ("agency" in access) {
        const permissions = new Set(principal.grants.filter((g) => ROLE_LEVEL[g.role] === "agency").flatMap((g) => ROLE_PERMISSIONS[g.role]));
        if (!permissions.has(access.agency)) throw new ApiError(403, "forbidden", `only the agency's staff may do this (needs "${access.agency}")`);
        req.access = { principal, tenant: null, permissions };
        return;
      }
      const id = (req.params as Record<string, string>)[access.param] ?? "";
      const tenant = await resolveTenant(ctx.database, access.resource, id);
      const permissions = tenant ? permissionsOn(principal.grants, tenant) : new Set<Permission>();
      if (!tenant || !permissions.has("read")) throw new ApiError(404, "not_found", `no such ${access.resource}`);
      if (!permissions.has(access.permission)) throw new ApiError(403, "forbidden", `your role may not do this (needs "${access.permission}")`);
      req.access = { principal, tenant, permissions };
    });

    app.addHook("onResponse", async (req, reply) => {
      if (!WRITE.has(req.method) || !req.routeOptions.url?.startsWith("/v1")) return;
      const p = req.principal;
      const tenant = req.auditTenant ?? req.access?.tenant ?? null;
      const status = reply.statusCode;
      await writeAudit(ctx.database, {
        actorKind: p ? p.kind : "anonymous",
        actorId: p?.id ?? null,
        actorLabel: p?.label ?? (req.auditLabel ?? null),
        firmId: tenant?.firmId ?? null,
        creditorId: tenant?.creditorId ?? null,
        action: `${req.method} ${req.routeOptions.url}`,
        target: Object.keys(req.params as object).length ? JSON.stringify(req.params) : null,
        ip: req.ip,
        outcome: status < 400 ? "ok" : status === 401 || status === 403 || status === 404 ? "denied" : "failed",
        details: { status },
      }).catch((err: unknown) => req.log.error({ err }, "audit write failed"));
    });
  });

declare module "fastify" {
  interface FastifyRequest {
    /** For anonymous writes (a login attempt): who it claimed to be. */
    auditLabel?: string;
  }
}

async function authenticate(ctx: AppContext, req: FastifyRequest): Promise<Principal | null> {
  const now = ctx.clock.now();
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) {
    const client = await authenticateApiKey(ctx.database, auth.slice(7).trim(), now);
    if (!client) throw new ApiError(401, "invalid_key", "the API client key is unknown or revoked");
    return { kind: "api-client", id: client.id, label: `api-client:${client.name}`, grants: [{ role: client.role, firmId: client.firmId, creditorId: client.creditorId }], csrfToken: null, locale: null };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const session = await loadSession(ctx.database, token, now);
  if (!session) return null;
  return { kind: "user", id: session.user_id, label: session.email, grants: session.grants, csrfToken: session.csrf_token, locale: session.locale };
}

function checkCsrf(req: FastifyRequest, principal: Principal): void {
  const sent = req.headers["x-csrf-token"];
  const expected = principal.csrfToken ?? "";
  const ok = typeof sent === "string" && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) throw new ApiError(403, "csrf", "missing or wrong x-csrf-token header (take it from the login answer or GET /v1/me)");
}

/** The tenant of a resource route (set by the preHandler). */
export function tenantOf(req: FastifyRequest): Tenant {
  const t = req.access.tenant;
  if (!t) throw new Error(`route ${req.routeOptions.url} has no resource tenant`);
  return t;
}

export function replyPdf(reply: FastifyReply, pdf: Buffer, fileName: string): FastifyReply {
  return reply.header("content-type", "application/pdf").header("content-disposition", `inline; filename="${fileName.replace(/[^\w.-]/g, "_")}"`).send(pdf);
}
