import Fastify, { type FastifyInstance } from "fastify";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "./context.js";
import { ApiError, errorHandler, problem, sendProblem } from "./errors.js";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import { accessPlugin } from "./access.js";
import { healthRoutes, type ProcessState } from "./routes/health.js";
import type { Metrics } from "../platform/metrics.js";
import { traceHttp, type Tracing } from "../platform/tracing.js";
import { refuseNulCharacters } from "./text-guard.js";
import { completeDocument, describeRoute } from "./openapi-contract.js";
import { idempotencyOnSend, idempotencyPreHandler } from "./idempotency.js";
import { calculatorRoutes } from "./routes/calculator.js";
import { v1Routes } from "./routes/v1/index.js";

/**
 * The HTTP server: every route declared once with zod (validation, types and the OpenAPI
 * document at /docs come from the same schema).
 */
function createFastify(ctx: AppContext) {
  // A hop count: trust that many proxies nearest the server (what Fastify does with a number; its types want a function).
  const tp = ctx.config.trustProxy;
  const trustProxy = typeof tp === "number" ? (_address: string, hop: number) => hop < tp : tp;
  return Fastify({ loggerInstance: ctx.logger, trustProxy, bodyLimit: 50 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
}
export type Server = ReturnType<typeof createFastify>;

/** What helmet is told: a CSP the portal works under (inline styles), no cross-origin isolation. */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * The security headers (CSP, HSTS, nosniff, frame denial, …) exactly as @fastify/helmet sets them,
 * worked out once at start: the plugin builds helmet's middleware anew on every request (a few
 * per cent of a case page's time), and the headers never depend on the request.
 */
async function securityHeaders(): Promise<[string, string | number | readonly string[]][]> {
  const probe = Fastify();
  const set: [string, string | number | readonly string[]][] = [];
  let recording = false;
  probe.addHook("onRequest", async (_req, reply) => {
    const raw = reply.raw;
    const setHeader = raw.setHeader.bind(raw);
    raw.setHeader = (name, value) => {
      if (recording) set.push([name, value]);
      return setHeader(name, value);
    };
    recording = true;
  });
  await probe.register(fastifyHelmet, HELMET_OPTIONS);
  probe.addHook("onRequest", async () => {
    recording = false;
  });
  probe.get("/", async () => "");
  await probe.inject({ method: "GET", url: "/" });
  await probe.close();
  // Fail closed: a helmet that set its headers some other way must not leave the answers bare.
  if (!set.some(([name]) => name.toLowerCase() === "content-security-policy")) throw new Error("could not work out helmet's security headers");
  return set;
}

export interface ServerOptions {
  portalDist?: string;
  /** Served at /metrics, with the HTTP latency measured into it. */
  metrics?: Metrics;
  /** The process's role, worker and shutdown state for /health/ready (default: an API process, no worker, not draining). */
  state?: ProcessState;
  /** OpenTelemetry (src/platform/tracing.ts): each request becomes a span. */
  tracing?: Tracing;
  /** `false` for a worker process: only /health* and /metrics (its probes), no API, no portal. */
  api?: boolean;
}

const PROBES = new Set(["/health", "/health/live", "/health/ready", "/metrics"]);

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<Server> {
  const app = createFastify(ctx);
  const metrics = options.metrics;
  // traceHttp only adds hooks; it takes the plain instance type (this one has our logger and zod's type provider).
  if (options.tracing) traceHttp(app as unknown as FastifyInstance, options.tracing);
  if (metrics) {
    app.addHook("onResponse", (req, reply, done) => {
      const route = req.routeOptions.url ?? "unmatched";
      metrics.httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    sendProblem(reply, problem(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`));
  });

  const headers = await securityHeaders();
  app.addHook("onRequest", (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  // Per address: a caller cannot choose its own bucket with a made-up header or cookie. The
  // limits on single routes (logins, registrations) apply even when the global one is off.
  await app.register(fastifyRateLimit, {
    global: ctx.config.rateLimit > 0,
    max: Math.max(ctx.config.rateLimit, 1),
    timeWindow: "1 minute",
    keyGenerator: (req) => req.ip,
    allowList: (req) => PROBES.has(req.url),
    errorResponseBuilder: (_req, c) => new ApiError(429, "rate_limited", `more than ${c.max} requests in ${c.after}; slow down`),
  });
  await app.register(accessPlugin(ctx));
  // Per account as well: a user or an API key spread over many addresses still gets one bucket.
  // It runs once the caller is known (after authentication), and counts only known callers.
  if (ctx.config.accountRateLimit > 0) {
    const perAccount = app.createRateLimit({ max: ctx.config.accountRateLimit, timeWindow: "1 minute", keyGenerator: (req) => `account:${req.principal!.kind}:${req.principal!.id}` });
    app.addHook("preHandler", async (req, reply) => {
      if (!req.principal || PROBES.has(req.url)) return;
      const r = await perAccount(req);
      if (r.isAllowed) return;
      reply.header("x-ratelimit-limit", r.max).header("x-ratelimit-remaining", r.remaining).header("x-ratelimit-reset", r.ttlInSeconds);
      if (r.isExceeded) {
        reply.header("retry-after", r.ttlInSeconds);
        throw new ApiError(429, "rate_limited", `more than ${r.max} requests a minute from this account (${req.principal.kind === "user" ? "user" : "API key"}), from any address; slow down`);
      }
    });
  }
  app.addHook("preValidation", refuseNulCharacters);
  app.addHook("onRoute", describeRoute);
  app.addHook("preHandler", idempotencyPreHandler(ctx));
  app.addHook("onSend", idempotencyOnSend(ctx));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Fordring API",
        version: ctx.version,
        description:
          "Open debt collection between a creditor's ledger and the collection workflow. Amounts are decimal strings " +
          '("202.45") in the currency given; dates are calendar dates (YYYY-MM-DD). Every computed number carries its legal source.',
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "fordring_session", description: "after POST /v1/auth/login; writes also need the x-csrf-token header" },
          clientKey: { type: "http", scheme: "bearer", description: "an API client key (fdr_…)" },
        },
      },
      security: [{ session: [] }, { clientKey: [] }],
      tags: [
        { name: "system", description: "Health and documentation" },
        { name: "calculator", description: "Interest, fees and salær as the law allows them, with sources" },
        { name: "auth", description: "Log in (session cookie + CSRF token) or use an API client key (Authorization: Bearer)" },
        { name: "onboarding", description: "Accounting firms, clients, activation, ledger integrations" },
        { name: "creditors", description: "Creditors and their settings" },
        { name: "dashboard", description: "Overviews across clients" },
        { name: "invoices", description: "Invoices with their eligibility, the draft list" },
        { name: "cases", description: "Cases, timelines, letters, actions" },
        { name: "payments", description: "Bank files and the manual-match queue" },
        { name: "settlements", description: "Settlements, remittance reports, vouchers" },
        { name: "sync", description: "Ledger sync runs" },
        { name: "api clients", description: "API client keys" },
        { name: "audit", description: "Who did what, when, from where" },
        { name: "webhooks", description: "Signed event deliveries" },
      ],
    },
    transform: jsonSchemaTransform,
    // The schemas named with `.meta({ id })` (routes/v1/shapes.ts) go into `components.schemas`.
    transformObject: (input) => completeDocument(jsonSchemaTransformObject(input)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });

  const state = options.state ?? { role: "api", jobsRunning: () => ctx.jobs !== undefined, draining: () => false };
  await app.register(healthRoutes(ctx, state, metrics));
  if (options.api === false) return app;
  await app.register(calculatorRoutes(ctx), { prefix: "/v1" });
  await app.register(v1Routes(ctx), { prefix: "/v1" });
  if (options.portalDist) {
    const { portalRoutes } = await import("./portal.js");
    await app.register(portalRoutes({ distDir: options.portalDist }));
  }
  return app;
}
