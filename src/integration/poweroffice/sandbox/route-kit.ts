import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiError, Outcome } from "./api-error.js";
import type { Privilege } from "./auth.js";
import type { SerializationMode } from "./enums.js";
import { failureBody, sendJson, successBody, type SuccessShape } from "./envelope.js";
import type { ClientConfig } from "./model.js";
import { ODataError } from "./odata-filter.js";
import type { Prng } from "./prng.js";
import type { Tenant, SandboxClock } from "./tenant.js";
import type { TenantReader } from "./tenant-reader.js";

/** What every route handler gets besides the request: the caller's client and a read view. */
export interface RequestContext {
  readonly tenant: Tenant;
  readonly client: ClientConfig;
  /** GETs read the replica (lagged); writes read the primary. */
  readonly read: TenantReader;
}

/** Settings and services shared by the routes of one sandbox. */
export interface Runtime {
  readonly mode: SerializationMode;
  readonly successShape: SuccessShape;
  readonly clock: SandboxClock;
  readonly ids: Prng;
}

export interface RouteMeta {
  /** Undefined: the token endpoint, which authenticates itself. */
  readonly privilege?: Privilege | "none";
}

type Handler = (req: FastifyRequest, reply: FastifyReply, ctx: RequestContext) => Promise<FastifyReply> | FastifyReply;

const metas = new WeakMap<FastifyInstance, Map<string, RouteMeta>>();
const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** Registers a route and remembers what the pipeline must check before it runs. */
export function defineRoute(app: FastifyInstance, method: "GET" | "POST" | "DELETE", url: string, meta: RouteMeta, handler: Handler): void {
  let m = metas.get(app);
  if (!m) metas.set(app, (m = new Map()));
  m.set(`${method} ${url}`, meta);
  app.route({
    method,
    url,
    handler: async (req, reply) => {
      const ctx = contexts.get(req);
      if (!ctx) throw new Error(`no request context for ${method} ${url}`);
      return handler(req, reply, ctx);
    },
  });
}

/** A route that authenticates itself (the token endpoint): no bearer, no request context. */
export function definePublicRoute(app: FastifyInstance, method: "POST", url: string, handler: (req: FastifyRequest, reply: FastifyReply) => FastifyReply): void {
  let m = metas.get(app);
  if (!m) metas.set(app, (m = new Map()));
  m.set(`${method} ${url}`, {});
  app.route({ method, url, handler: async (req, reply) => handler(req, reply) });
}

export function routeMeta(app: FastifyInstance, req: FastifyRequest): RouteMeta | undefined {
  const url = req.routeOptions.url;
  return url === undefined ? undefined : metas.get(app)?.get(`${req.method} ${url}`);
}

export function setRequestContext(req: FastifyRequest, ctx: RequestContext): void {
  contexts.set(req, ctx);
}

/** `2sxuf3bp2jq-0810110719` in apicalls.md: a random part and the month, day and time. */
export function errorLogReference(rt: Runtime): string {
  const iso = rt.clock.now().toISOString();
  return `${rt.ids.base36(11)}-${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

export function sendFailure(reply: FastifyReply, rt: Runtime, error: ApiError): FastifyReply {
  return sendJson(reply, failureBody(error, errorLogReference(rt)));
}

export function sendOutcome<T>(reply: FastifyReply, rt: Runtime, outcome: Outcome<T>, toWire: (value: T) => unknown): FastifyReply {
  return outcome.ok ? sendJson(reply, successBody(toWire(outcome.value))) : sendFailure(reply, rt, outcome.error);
}

/** Runs a query; an OData error becomes success=false with exception "OData" (apicalls.md example). */
export function withOData(reply: FastifyReply, rt: Runtime, run: () => FastifyReply): FastifyReply {
  try {
    return run();
  } catch (e) {
    if (e instanceof ODataError) return sendFailure(reply, rt, { summary: e.message, exception: "OData" });
    throw e;
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A Guid path parameter, lowercased, or undefined when it is not one. */
export function guidParam(req: FastifyRequest, name: string): string | undefined {
  const value = (req.params as Record<string, string | undefined>)[name];
  return value !== undefined && GUID.test(value) ? value.toLowerCase() : undefined;
}

/** The body, or for the legacy `?request=<json>` routes the query parameter (poweroffice.md §4). */
export function bodyOrRequestParam(req: FastifyRequest): unknown {
  if (req.body !== undefined && req.body !== null && req.body !== "") return req.body;
  const raw = (req.query as Record<string, unknown>)["request"];
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
