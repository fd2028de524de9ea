import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listAudit } from "../../../access/audit.js";
import { isAgency, ROLE_LEVEL } from "../../../access/roles.js";
import { MAX_WHAT_IF_DAYS, whatIf, type WhatIfSummary } from "../../../collection/what-if/what-if.js";
import { syncCreditor } from "../../../integration/sync/sync-creditor.js";
import { connectorFactory, credentialsFromEnv } from "../../../integration/connector-for.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { Amount, Id, iso, money } from "./shapes.js";
import { agencyFromEnv } from "../../../collection/agency.js";

/** Sync runs, charts, what-if, the audit log. */
export const opsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const creditorParam = z.object({ creditorId: z.string() });
    const connectorFor = connectorFactory({ fetch: (url, init) => fetch(url, init), credentials: credentialsFromEnv(process.env, ctx.secrets), powerOffice: { clock: ctx.clock } });

    const Run = z.object({ runId: z.string(), integrationId: z.string(), trigger: z.string(), businessDate: z.string(), status: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), counts: z.record(z.string(), z.number()), setAside: z.number(), error: z.string().nullable() });
    app.get(
      "/creditors/:creditorId/sync-runs",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["sync"], summary: "The latest ledger sync runs", params: creditorParam, response: { 200: z.object({ items: z.array(Run) }) } } },
      async (req) => {
        const rows = await ctx.database.query<{ id: string; integration_id: string; trigger: string; business_date: string; status: string; started_at: Date | null; finished_at: Date | null; counts: Record<string, number>; set_aside: number; error: string | null }>(
          `select id, integration_id, trigger, business_date, status, started_at, finished_at, counts, jsonb_array_length(items) filter (where true) as set_aside, error
             from sync_runs where creditor_id = $1 order by started_at desc limit 50`,
          [req.params.creditorId],
        );
        return { items: rows.map((r) => ({ runId: r.id, integrationId: r.integration_id, trigger: r.trigger, businessDate: r.business_date, status: r.status, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), counts: r.counts, setAside: Number(r.set_aside ?? 0), error: r.error })) };
      },
    );

    app.post(
      "/creditors/:creditorId/sync",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "write" } }, schema: { tags: ["sync"], summary: "Sync with the ledger now", params: creditorParam, response: { 200: z.object({ integrations: z.array(z.object({ integrationId: z.string(), kind: z.string(), runId: z.string().nullable(), status: z.string(), counts: z.record(z.string(), z.number()), setAside: z.number() })) }) } } },
      async (req) => {
        const r = await syncCreditor(ctx.database, req.params.creditorId, { clock: ctx.clock, rules: ctx.rules, connectorFor, actor: req.access.principal.label, trigger: "on-demand", agency: agencyFromEnv(), ...(ctx.config.publicUrl ? { publicUrl: ctx.config.publicUrl } : {}) });
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
        const today = ctx.clock.today().toString();
        const buckets = await ctx.database.query<{ bucket: string; n: number; amount: number }>(
          `select b.bucket, count(x.*)::int as n, coalesce(sum(x.open_minor), 0)::bigint as amount
             from (values (1, '0-30'), (2, '31-60'), (3, '61-90'), (4, '91-180'), (5, '180+')) as b(i, bucket)
             left join (select cl.open_minor, ($2::date - cl.due_date) as age from claims cl left join cases c on c.claim_id = cl.id
                         where cl.creditor_id = $1 and cl.open_minor > 0 and cl.due_date < $2 and (c.id is null or c.closed_on is null)) x
               on b.bucket = case when x.age <= 30 then '0-30' when x.age <= 60 then '31-60' when x.age <= 90 then '61-90' when x.age <= 180 then '91-180' else '180+' end
            group by b.i, b.bucket order by b.i`,
          [req.params.creditorId, today],
        );
        const months = await ctx.database.query<{ month: string; amount: number }>(
          `select to_char(m, 'YYYY-MM') as month, coalesce(sum(p.amount_minor), 0)::bigint as amount
             from generate_series(date_trunc('month', $2::date) - interval '11 months', date_trunc('month', $2::date), interval '1 month') m
             left join payments p on p.creditor_id = $1 and p.channel in ('agency', 'creditor') and date_trunc('month', p.received_on) = m and p.received_on <= $2::date
            group by m order by m`,
          [req.params.creditorId, today],
        );
        return { currency: "NOK", overdueByAge: buckets.map((b) => ({ bucket: b.bucket, count: b.n, amount: money(b.amount) })), collectedByMonth: months.map((m) => ({ month: m.month, amount: money(m.amount) })) };
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
        const r = await whatIf(ctx.database, { creditorId: req.params.creditorId, proposed: req.body.settings, days: req.body.days, today: ctx.clock.today(), rules: ctx.rules, agency: agencyFromEnv() });
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
          creditorIds = (await ctx.database.query<{ id: string }>("select id from creditors where firm_id = $1", [q.firmId])).map((r) => r.id);
        } else if (q.creditorId && grants.some((g) => admin(g) && ((ROLE_LEVEL[g.role] === "creditor" && g.creditorId === q.creditorId) || (ROLE_LEVEL[g.role] === "firm" && g.firmId !== null)))) {
          const [c] = await ctx.database.query<{ firm_id: string | null }>("select firm_id from creditors where id = $1", [q.creditorId]);
          const allowed = grants.some((g) => admin(g) && ((ROLE_LEVEL[g.role] === "creditor" && g.creditorId === q.creditorId) || (ROLE_LEVEL[g.role] === "firm" && c && g.firmId === c.firm_id)));
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
