import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { databaseAnswers } from "../../platform/db/ping.js";
import type { AppContext } from "../context.js";

const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ kind: z.enum(["postgres", "pglite"]), ok: z.boolean() }),
  jobs: z.object({ running: z.boolean() }),
  businessDate: z.string().describe("today's business date in the agency's time zone (the Clock)"),
  version: z.string(),
});

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/health",
      { schema: { tags: ["system"], summary: "Liveness and database check", response: { 200: HealthResponse, 503: HealthResponse } } },
      async (_req, reply) => {
        const ok = await databaseAnswers(ctx.database);
        const body = {
          status: ok ? ("ok" as const) : ("degraded" as const),
          database: { kind: ctx.database.kind, ok },
          jobs: { running: ctx.jobs !== undefined },
          businessDate: ctx.clock.today().toString(),
          version: ctx.version,
        };
        return reply.status(ok ? 200 : 503).send(body);
      },
    );
  };
}
