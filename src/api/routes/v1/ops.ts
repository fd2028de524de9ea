import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listAudit } from "../../../access/audit.js";
import { isAgency, ROLE_LEVEL } from "../../../access/roles.js";
import { MAX_WHAT_IF_DAYS, whatIf, type WhatIfSummary } from "../../../collection/what-if/what-if.js";
import { syncCreditor } from "../../../integration/sync/sync-creditor.js";
import { connectorFactory, credentialsFromEnv } from "../../../integration/connector-for.js";
import { creditorCharts } from "../../../read-models/charts.js";
import { creditorIdsOfFirm, firmOfCreditor } from "../../../read-models/creditors.js";
import { latestSyncRuns } from "../../../read-models/sync-runs.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
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

    const Summary = z.object({ cases: z.number(), opened: z.number(), letters: z.object({ reminder: z.number(), collectionNotice: z.number(), paymentDemand: z.number() }), fees: Amount, salary: Amount, interest: Amount, byWeek: z.array(z.object({ weekStart: z.string(), letters: z.number(), fees: Amount })) });
    const wireSummary = (s: WhatIfSummary) => ({ cases: s.cases, opened: s.opened, letters: s.letters, fees: money(s.feesMinor), salary: money(s.salaryMinor), interest: money(s.interestMinor), byWeek: s.byWeek.map((w) => ({ weekStart: w.weekStart, letters: w.letters, fees: money(w.feesMinor) })) });
    app.post(
      "/creditors/:creditorId/what-if",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: {
          tags: ["dashboard"],
          summary: "Run the creditor's open invoices and cases forward with other settings, before saving them",
          description: "Both runs go through the real case engine inside a transaction that is rolled back: nothing is kept. `settings` takes the same parts as PATCH …/settings (collection, transfer).",
          params: creditorParam,
          body: z.object({ settings: z.object({ collection: z.record(z.string(), z.unknown()).optional(), transfer: z.record(z.string(), z.unknown()).optional() }).default({}), days: z.number().int().min(1).max(MAX_WHAT_IF_DAYS).default(60) }),
          response: { 200: z.object({ from: z.string(), to: z.string(), current: Summary, proposed: Summary }) },
        },
      },
      async (req) => {
        const r = await whatIf(ctx.database, { creditorId: req.params.creditorId, proposed: req.body.settings, days: req.body.days, today: ctx.clock.today(), rules: ctx.rules, agency: ctx.config.agency });
        return { from: r.from, to: r.to, current: wireSummary(r.current), proposed: wireSummary(r.proposed) };
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
