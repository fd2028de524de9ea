import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { databaseAnswers } from "../../platform/db/ping.js";
import type { Metrics } from "../../platform/metrics.js";
import { migrationsApplied } from "../../read-models/operations.js";
import type { AppContext } from "../context.js";

const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ kind: z.enum(["postgres", "pglite"]), ok: z.boolean() }),
  jobs: z.object({ running: z.boolean() }),
  businessDate: z.string().describe("today's business date in the agency's time zone (the Clock)"),
  version: z.string(),
});

const LiveResponse = z.object({ status: z.literal("ok"), version: z.string() });

const ReadyResponse = z.object({
  status: z.enum(["ready", "not-ready"]),
  role: z.enum(["api", "worker", "all"]),
  checks: z.object({
    database: z.object({ ok: z.boolean(), kind: z.enum(["postgres", "pglite"]) }),
    migrations: z.object({ ok: z.boolean(), expected: z.string().describe("the newest migration this version ships"), applied: z.number().int() }),
    jobs: z.object({ ok: z.boolean(), running: z.boolean().describe("this process works the job queue (role worker or all)") }),
    shutdown: z.object({ ok: z.boolean(), draining: z.boolean().describe("a SIGTERM/SIGINT arrived: finishing what is in flight, taking nothing new") }),
  }),
});

/** What the process tells its probes beyond the context: its role, whether its worker runs, whether it is shutting down. */
export interface ProcessState {
  role: "api" | "worker" | "all";
  jobsRunning(): boolean;
  draining(): boolean;
}

/**
 * `/health` (as before: the database answers), `/health/live` (the process answers: restart it
 * when this fails), `/health/ready` (send it traffic or work: the database answers, every
 * migration of this version is applied, the worker runs where the role says so, and no shutdown
 * has begun), and `/metrics` (Prometheus). docs/OPERATIONS.md, "Health and metrics".
 */
export function healthRoutes(ctx: AppContext, state: ProcessState, metrics: Metrics | undefined): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/health",
      { schema: { tags: ["system"], summary: "Database check (kept for compatibility; see /health/live and /health/ready)", response: { 200: HealthResponse, 503: HealthResponse } } },
      async (_req, reply) => {
        const ok = await databaseAnswers(ctx.database);
        const body = {
          status: ok ? ("ok" as const) : ("degraded" as const),
          database: { kind: ctx.database.kind, ok },
          jobs: { running: state.jobsRunning() },
          businessDate: ctx.clock.today().toString(),
          version: ctx.version,
        };
        return reply.status(ok ? 200 : 503).send(body);
      },
    );

    app.get("/health/live", { schema: { tags: ["system"], summary: "Liveness: the process answers", response: { 200: LiveResponse } } }, async () => ({ status: "ok" as const, version: ctx.version }));

    app.get(
      "/health/ready",
      { schema: { tags: ["system"], summary: "Readiness: database, migrations, job worker, not shutting down", response: { 200: ReadyResponse, 503: ReadyResponse } } },
      async (_req, reply) => {
        const dbOk = await databaseAnswers(ctx.database);
        const migrations = dbOk ? await migrationsApplied(ctx.database).catch(() => ({ ok: false, expected: "?", applied: 0 })) : { ok: false, expected: "?", applied: 0 };
        const running = state.jobsRunning();
        const jobsOk = state.role === "api" ? true : running;
        const draining = state.draining();
        const ready = dbOk && migrations.ok && jobsOk && !draining;
        return reply.status(ready ? 200 : 503).send({
          status: ready ? ("ready" as const) : ("not-ready" as const),
          role: state.role,
          checks: {
            database: { ok: dbOk, kind: ctx.database.kind },
            migrations,
            jobs: { ok: jobsOk, running },
            shutdown: { ok: !draining, draining },
          },
        });
      },
    );

    if (metrics) {
      const token = ctx.config.metricsToken ? Buffer.from(`Bearer ${ctx.config.metricsToken}`) : undefined;
      app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
        if (token) {
          const given = Buffer.from(req.headers.authorization ?? "");
          if (given.length !== token.length || !timingSafeEqual(given, token)) {
            return reply.status(401).header("www-authenticate", 'Bearer realm="metrics"').type("text/plain").send("metrics need Authorization: Bearer <FORDRING_METRICS_TOKEN>\n");
          }
        }
        return reply.type(metrics.registry.contentType).send(await metrics.text());
      });
    }
  };
}
