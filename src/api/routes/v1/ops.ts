import { checkedCollectionSettings } from "../../../collection/settings.js";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listAudit } from "../../../access/audit.js";
import { isAgency, ROLE_LEVEL } from "../../../access/roles.js";
import { MAX_WHAT_IF_DAYS, type WhatIfResult, type WhatIfSummary } from "../../../collection/what-if/what-if.js";
import { WhatIfJobs, type WhatIfJob } from "../../../collection/what-if/what-if-jobs.js";
import { syncCreditor } from "../../../integration/sync/sync-creditor.js";
import { connectorFactory, credentialsFromEnv } from "../../../integration/connector-for.js";
import { creditorCharts } from "../../../read-models/charts.js";
import { creditorIdsOfFirm, firmOfCreditor } from "../../../read-models/creditors.js";
import { latestSyncRuns } from "../../../read-models/sync-runs.js";
import type { AppContext } from "../../context.js";
import { ApiError, notFound } from "../../errors.js";
import { Amount, Id, iso, money } from "./shapes.js";

/** Sync runs, charts, what-if, the audit log. */
export const opsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const creditorParam = z.object({ creditorId: z.string() });
    const connectorFor = connectorFactory({ fetch: (url, init) => fetch(url, init), credentials: credentialsFromEnv(ctx.config.credentialVariables, ctx.secrets), powerOffice: { clock: ctx.clock } });

    const Run = z.object({ runId: z.string(), integrationId: z.string(), trigger: z.string(), businessDate: z.string(), status: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), counts: z.record(z.string(), z.number()), setAside: z.number(), error: z.string().nullable() });
    app.get(
      "/creditors/:creditorId/sync-runs",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["sync"], summary: "The latest ledger sync runs", params: creditorParam, response: { 200: z.object({ items: z.array(Run) }) } } },
      async (req) => {
        const runs = await latestSyncRuns(ctx.database, req.params.creditorId);
        return { items: runs.map((r) => ({ ...r, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt) })) };
      },
    );

    app.post(
      "/creditors/:creditorId/sync",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "write" } }, schema: { tags: ["sync"], summary: "Sync with the ledger now", params: creditorParam, response: { 200: z.object({ integrations: z.array(z.object({ integrationId: z.string(), kind: z.string(), runId: z.string().nullable(), status: z.string(), counts: z.record(z.string(), z.number()), setAside: z.number() })) }) } } },
      async (req) => {
        const r = await syncCreditor(ctx.database, req.params.creditorId, { clock: ctx.clock, rules: ctx.rules, connectorFor, actor: req.access.principal.label, trigger: "on-demand", agency: ctx.config.agency, ...(ctx.config.publicUrl ? { publicUrl: ctx.config.publicUrl } : {}) });
        return { integrations: r.integrations.map((i) => ({ integrationId: i.integrationId, kind: i.kind, runId: i.runId, status: i.status, counts: { ...i.counts }, setAside: i.setAside })) };
      },
    );

    app.get(
      "/creditors/:creditorId/charts",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: {
          tags: ["dashboard"],
          summary: "Overdue by age bucket and collected per month (last 12 months)",
          params: creditorParam,
          response: { 200: z.object({ currency: z.string(), overdueByAge: z.array(z.object({ bucket: z.string(), count: z.number(), amount: Amount })), collectedByMonth: z.array(z.object({ month: z.string(), amount: Amount })) }) },
        },
      },
      async (req) => {
        const c = await creditorCharts(ctx.database, req.params.creditorId, ctx.clock.today());
        return { currency: c.currency, overdueByAge: c.overdueByAge.map((b) => ({ bucket: b.bucket, count: b.count, amount: money(b.amountMinor) })), collectedByMonth: c.collectedByMonth.map((m) => ({ month: m.month, amount: money(m.amountMinor) })) };
      },
    );

    const Summary = z.object({
      cases: z.number(), opened: z.number(), letters: z.object({ reminder: z.number(), collectionNotice: z.number(), paymentDemand: z.number() }),
      legalSteps: z.number().describe("legal steps taken in the period (forliksklage or begjæring om utlegg)"), legalCosts: Amount.describe("the court fees those legal steps add"),
      stages: z.record(z.string(), z.number()).describe("the open cases at the period's end by stage, gates waiting included"),
      fees: Amount, salary: Amount, interest: Amount, byWeek: z.array(z.object({ weekStart: z.string(), letters: z.number(), fees: Amount })),
    });
    const wireSummary = (s: WhatIfSummary) => ({ cases: s.cases, opened: s.opened, letters: s.letters, legalSteps: s.legalSteps, legalCosts: money(s.legalCostsMinor), stages: s.stages, fees: money(s.feesMinor), salary: money(s.salaryMinor), interest: money(s.interestMinor), byWeek: s.byWeek.map((w) => ({ weekStart: w.weekStart, letters: w.letters, fees: money(w.feesMinor) })) });
    const Result = z.object({ from: z.string(), to: z.string(), current: Summary, proposed: Summary });
    const wireResult = (r: WhatIfResult) => ({ from: r.from, to: r.to, current: wireSummary(r.current), proposed: wireSummary(r.proposed) });
    const WhatIfBody = z.object({ settings: z.object({ collection: z.record(z.string(), z.unknown()).optional(), transfer: z.record(z.string(), z.unknown()).optional() }).default({}), days: z.number().int().min(1).max(MAX_WHAT_IF_DAYS).default(60) });
    // Runs off the request thread (a worker with a database of its own), with a time budget.
    const jobs = new WhatIfJobs({ database: ctx.database, databaseUrl: ctx.config.databaseUrl, rulesDir: ctx.config.rulesDir, rules: ctx.rules });
    app.addHook("onClose", () => jobs.close());
    const startJob = (creditorId: string, body: z.infer<typeof WhatIfBody>) => {
      // Settings the engine would refuse are refused here, with their field, before a job starts.
      checkedCollectionSettings(body.settings.collection ?? {}, "settings.collection");
      return startWhatIf(creditorId, body);
    };
    const startWhatIf = (creditorId: string, body: z.infer<typeof WhatIfBody>) => jobs.start({ creditorId, proposed: body.settings, days: body.days, today: ctx.clock.today(), agency: ctx.config.agency });
    const Job = z.object({
      jobId: z.string(),
      state: z.enum(["running", "done", "failed", "cancelled"]),
      progress: z.object({ run: z.enum(["current", "proposed"]), day: z.number(), days: z.number(), percent: z.number().describe("of both runs together") }).nullable(),
      result: Result.nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    });
    const wireJob = (j: WhatIfJob) => ({
      jobId: j.id, state: j.state, error: j.error, result: j.result ? wireResult(j.result) : null,
      progress: j.progress ? { ...j.progress, percent: Math.floor(((j.progress.run === "proposed" ? j.progress.days : 0) + j.progress.day) * 50 / j.progress.days) } : null,
    });
    const jobOf = (creditorId: string, jobId: string) => {
      const j = jobs.get(jobId);
      if (!j || j.creditorId !== creditorId) throw notFound("no such what-if job (a finished one is kept for 10 minutes)");
      return j;
    };
    const description = "Both runs go through the real case engine inside a transaction that is rolled back: nothing is kept. `settings` takes the same parts as PATCH …/settings (collection, transfer). The run is done off the request thread, so the server keeps answering; it is stopped after its time budget (2 minutes).";
    app.post(
      "/creditors/:creditorId/what-if",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: { tags: ["dashboard"], summary: "Run the creditor's open invoices and cases forward with other settings, before saving them (waits for the answer)", description, params: creditorParam, body: WhatIfBody, response: { 200: Result } },
      },
      async (req) => {
        const j = (await jobs.settled((await startJob(req.params.creditorId, req.body)).id))!;
        if (j.state !== "done") throw new ApiError(j.error?.code === "time_budget" ? 503 : 500, j.error?.code === "time_budget" ? "time_budget" : "what_if_failed", j.error?.message ?? j.state);
        return wireResult(j.result!);
      },
    );
    app.post(
      "/creditors/:creditorId/what-if/jobs",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: { tags: ["dashboard"], summary: "Start a what-if and answer at once with its job: poll it for progress and the answer, or cancel it", description, params: creditorParam, body: WhatIfBody, response: { 202: Job } },
      },
      async (req, reply) => reply.code(202).send(wireJob(await startJob(req.params.creditorId, req.body))),
    );
    const jobParams = z.object({ creditorId: z.string(), jobId: z.string() });
    app.get(
      "/creditors/:creditorId/what-if/jobs/:jobId",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["dashboard"], summary: "A what-if job: its progress (which run, which day), then its answer or why it stopped", params: jobParams, response: { 200: Job } } },
      async (req) => wireJob(jobOf(req.params.creditorId, req.params.jobId)),
    );
    app.delete(
      "/creditors/:creditorId/what-if/jobs/:jobId",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["dashboard"], summary: "Cancel a running what-if (nothing was kept either way)", params: jobParams, response: { 200: Job } } },
      async (req) => {
        jobOf(req.params.creditorId, req.params.jobId);
        return wireJob(jobs.cancel(req.params.jobId)!);
      },
    );

    app.get(
      "/audit",
      {
        config: { access: { scoped: "admin" } },
        schema: {
          tags: ["audit"],
          summary: "Who did what, when, from where — for a firm's or a creditor's admins (the agency's operators see all)",
          querystring: z.object({ firmId: Id.optional(), creditorId: Id.optional(), before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.number(), at: z.string(), actorKind: z.string(), actorId: z.string().nullable(), actorLabel: z.string().nullable(), firmId: z.string().nullable(), creditorId: z.string().nullable(), action: z.string(), target: z.string().nullable(), ip: z.string().nullable(), outcome: z.string(), details: z.record(z.string(), z.unknown()) })), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const grants = req.access.principal.grants;
        const admin = (g: (typeof grants)[number]) => g.role === "firm-admin" || g.role === "creditor-user" || g.role === "operator-admin";
        const q = req.query;
        let firmId: string | null = null;
        let creditorIds: string[] | null = null;
        if (isAgency(grants) && grants.some((g) => g.role === "operator-admin")) {
          firmId = q.firmId ?? null;
          creditorIds = q.creditorId ? [q.creditorId] : null;
        } else if (q.firmId && grants.some((g) => admin(g) && ROLE_LEVEL[g.role] === "firm" && g.firmId === q.firmId)) {
          firmId = q.firmId;
          creditorIds = await creditorIdsOfFirm(ctx.database, q.firmId);
        } else if (q.creditorId && grants.some((g) => admin(g) && ((ROLE_LEVEL[g.role] === "creditor" && g.creditorId === q.creditorId) || (ROLE_LEVEL[g.role] === "firm" && g.firmId !== null)))) {
          const firmOf = await firmOfCreditor(ctx.database, q.creditorId);
          const allowed = grants.some((g) => admin(g) && ((ROLE_LEVEL[g.role] === "creditor" && g.creditorId === q.creditorId) || (ROLE_LEVEL[g.role] === "firm" && firmOf !== null && g.firmId === firmOf)));
          if (!allowed) throw new ApiError(404, "not_found", `no creditor ${q.creditorId}`);
          creditorIds = [q.creditorId];
          firmId = "00000000-0000-0000-0000-000000000000";
        } else {
          throw new ApiError(403, "forbidden", "name the firm (firmId) or creditor (creditorId) you administer");
        }
        const items = await listAudit(ctx.database, { firmId, creditorIds, before: q.before ?? null, limit: q.limit });
        return { items, nextCursor: items.length === q.limit ? String(items[items.length - 1]!.id) : null };
      },
    );
  };
