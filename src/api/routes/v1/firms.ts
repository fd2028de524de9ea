import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isAgency } from "../../../access/roles.js";
import { creditorScope, scopeCondition, scopeParams } from "../../../access/tenant.js";
import { createUser, grantRole } from "../../../access/users.js";
import { DomainError } from "../../../domain/errors.js";
import { checkNoOrganisationNumber } from "../../../domain/identifiers/no-organisation-number.js";
import type { AppContext } from "../../context.js";
import { tenantOf } from "../../access.js";
import { insertCreditor, NewCreditor } from "./creditors.js";
import { Address, Contact, money } from "./shapes.js";

/** Accounting firms: registration, the firm, its dashboard across all clients, registering clients. */
const DashboardCounts = { overdueCount: z.number(), overdueAmount: z.string(), draftCount: z.number(), draftAmount: z.string(), actionNeeded: z.number(), openCases: z.number() };
export const DashboardBody = {
  currency: z.string(),
  today: z.string(),
  totals: z.object({ ...DashboardCounts, syncProblems: z.number() }),
  clients: z.array(z.object({ creditorId: z.string(), code: z.string(), name: z.string(), status: z.string(), ...DashboardCounts, collectedThisMonth: z.string(), sync: z.object({ status: z.string().nullable(), lastSyncAt: z.string().nullable(), problems: z.number() }) })),
};

export const firmRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const firmParam = z.object({ firmId: z.string() });
    const Firm = z.object({ id: z.string(), name: z.string(), orgNumber: z.string().nullable(), address: z.unknown(), contact: z.unknown() });

    app.post(
      "/firms",
      {
        config: { access: { public: true }, rateLimit: { max: 5, timeWindow: "1 minute" } },
        schema: {
          tags: ["onboarding"],
          summary: "Register an accounting firm and its first administrator",
          body: z.object({ name: z.string().min(1).max(200), orgNumber: z.string().regex(/^\d{9}$/, "9 digits"), address: Address, contact: Contact, admin: z.object({ email: z.email(), name: z.string().min(1).max(200), password: z.string().min(10).max(512) }) }),
          response: { 201: z.object({ firm: Firm, adminUserId: z.string() }) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        if (!checkNoOrganisationNumber(b.orgNumber).valid) throw new DomainError("invalid_input", `${b.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
        const out = await ctx.database.transaction(async (tx) => {
          const [firm] = await tx.query<{ id: string }>("insert into accounting_firms (name, org_number, address, contact) values ($1, $2, $3, $4) returning id", [b.name, b.orgNumber, JSON.stringify(b.address), JSON.stringify(b.contact)]);
          const userId = await createUser(tx, { email: b.admin.email, name: b.admin.name, password: b.admin.password });
          await grantRole(tx, { userId, role: "firm-admin", firmId: firm!.id });
          return { firmId: firm!.id, userId };
        });
        req.auditTenant = { firmId: out.firmId, creditorId: null };
        req.auditLabel = b.admin.email;
        return reply.status(201).send({ firm: { id: out.firmId, name: b.name, orgNumber: b.orgNumber, address: b.address, contact: b.contact }, adminUserId: out.userId });
      },
    );

    app.get("/firms/:firmId", { config: { access: { resource: "firm", param: "firmId", permission: "read" } }, schema: { tags: ["onboarding"], summary: "An accounting firm", params: firmParam, response: { 200: Firm } } }, async (req) => {
      const [f] = await ctx.database.query<{ id: string; name: string; org_number: string | null; address: unknown; contact: unknown }>("select id, name, org_number, address, contact from accounting_firms where id = $1", [req.params.firmId]);
      return { id: f!.id, name: f!.name, orgNumber: f!.org_number, address: f!.address, contact: f!.contact };
    });

    app.post(
      "/firms/:firmId/users",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "admin" } },
        schema: { tags: ["onboarding"], summary: "Add a colleague to the firm", params: firmParam, body: z.object({ email: z.email(), name: z.string().min(1).max(200), password: z.string().min(10).max(512), role: z.enum(["firm-admin", "firm-accountant"]) }), response: { 201: z.object({ userId: z.string() }) } },
      },
      async (req, reply) => {
        const userId = await ctx.database.transaction(async (tx) => {
          const id = await createUser(tx, req.body);
          await grantRole(tx, { userId: id, role: req.body.role, firmId: req.params.firmId });
          return id;
        });
        return reply.status(201).send({ userId });
      },
    );

    const Created = z.object({ creditorId: z.string(), code: z.string(), status: z.string() });
    app.post(
      "/firms/:firmId/creditors",
      { config: { access: { resource: "firm", param: "firmId", permission: "admin" } }, schema: { tags: ["onboarding"], summary: "Register a client (state: registered, until activated)", params: firmParam, body: NewCreditor, response: { 201: Created } } },
      async (req, reply) => {
        const id = await ctx.database.transaction((tx) => insertCreditor(tx, req.params.firmId, req.body));
        return reply.status(201).send({ creditorId: id, code: req.body.code, status: "registered" });
      },
    );

    app.post(
      "/firms/:firmId/creditors/bulk",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "admin" } },
        schema: {
          tags: ["onboarding"],
          summary: "Register many clients; each row succeeds or fails alone",
          params: firmParam,
          body: z.object({ creditors: z.array(NewCreditor.omit({ user: true })).min(1).max(500) }),
          response: { 200: z.object({ registered: z.number(), failed: z.number(), results: z.array(z.object({ index: z.number(), code: z.string(), ok: z.boolean(), creditorId: z.string().nullable(), error: z.string().nullable() })) }) },
        },
      },
      async (req) => {
        const results = [];
        for (const [index, c] of req.body.creditors.entries()) {
          try {
            const id = await ctx.database.transaction((tx) => insertCreditor(tx, req.params.firmId, c));
            results.push({ index, code: c.code, ok: true, creditorId: id, error: null });
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            results.push({ index, code: c.code, ok: false, creditorId: null, error: e.message });
          }
        }
        return { registered: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
      },
    );

    app.get(
      "/dashboard",
      {
        config: { access: { scoped: "read" } },
        schema: {
          tags: ["dashboard"],
          summary: "The same overview across every creditor the caller may see (the agency's staff: all of them); agency roles also see the manual-match queue",
          response: { 200: z.object({ ...DashboardBody, unmatchedPayments: z.number().nullable() }) },
        },
      },
      async (req) => {
        const grants = req.access.principal.grants;
        const body = await dashboardOf(ctx, scopeCondition("c", 2), scopeParams(creditorScope(grants)));
        const agency = isAgency(grants);
        const unmatched = agency ? (await ctx.database.query<{ n: number }>("select count(*)::int as n from bank_payments where status = 'unmatched'"))[0]!.n : null;
        return { ...body, unmatchedPayments: unmatched };
      },
    );

    const Counts = DashboardCounts;
    app.get(
      "/firms/:firmId/dashboard",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "read" } },
        schema: {
          tags: ["dashboard"],
          summary: "Across all the firm's clients: overdue, drafts, cases needing action, sync problems",
          params: firmParam,
          response: {
            200: z.object({
              firm: z.object({ id: z.string(), name: z.string() }),
              currency: z.string(),
              today: z.string(),
              totals: z.object({ ...Counts, syncProblems: z.number() }),
              clients: z.array(z.object({ creditorId: z.string(), code: z.string(), name: z.string(), status: z.string(), ...Counts, collectedThisMonth: z.string(), sync: z.object({ status: z.string().nullable(), lastSyncAt: z.string().nullable(), problems: z.number() }) })),
            }),
          },
        },
      },
      async (req) => {
        const firmId = tenantOf(req).firmId!;
        const [firm] = await ctx.database.query<{ id: string; name: string }>("select id, name from accounting_firms where id = $1", [firmId]);
        return { firm: firm!, ...(await dashboardOf(ctx, "c.firm_id = $2", [firmId])) };
      },
    );
  };

/**
 * The dashboard's figures for the creditors a condition selects (`c` is the creditor; its
 * parameters start at $2, $1 is today): per client and in total — overdue (the ledger's open
 * amount, or the case's principal still owed once transferred), drafts, cases needing action,
 * collected this month, sync problems.
 */
export async function dashboardOf(ctx: AppContext, condition: string, params: unknown[]) {
  const today = ctx.clock.today().toString();
  const rows = await ctx.database.query<{
    id: string; code: string; name: string; status: string; overdue_count: number; overdue_minor: number; draft_count: number; draft_minor: number;
    action_needed: number; open_cases: number; collected_minor: number; sync_status: string | null; last_sync_at: Date | null; sync_problems: number;
  }>(
    `select c.id, c.code, c.name, c.status,
            coalesce(o.n, 0)::int as overdue_count, coalesce(o.amount, 0)::bigint as overdue_minor,
            coalesce(d.n, 0)::int as draft_count, coalesce(d.amount, 0)::bigint as draft_minor,
            coalesce(k.action, 0)::int as action_needed, coalesce(k.open, 0)::int as open_cases,
            coalesce(p.amount, 0)::bigint as collected_minor,
            s.last_sync_status as sync_status, s.last_sync_at, coalesce(s.problems, 0)::int as sync_problems
       from creditors c
       left join lateral (select count(*) as n, sum(case when cs.id is null then cl.open_minor else cs.principal_minor - cs.principal_paid_minor end) as amount
                            from claims cl left join cases cs on cs.claim_id = cl.id
                           where cl.creditor_id = c.id and cl.open_minor > 0 and cl.due_date < $1 and (cs.id is null or cs.closed_on is null)) o on true
       left join lateral (select count(*) as n, sum(cl.open_minor) as amount from claims cl left join cases cs on cs.claim_id = cl.id
                           where cl.creditor_id = c.id and cl.transfer_state = 'draft' and cs.id is null) d on true
       left join lateral (select count(*) filter (where closed_on is null) as open,
                                 count(*) filter (where closed_on is null and (stage like 'awaiting-%' or hold_kind = 'disputed')) as action
                            from cases where creditor_id = c.id) k on true
       left join lateral (select sum(amount_minor) as amount from payments where creditor_id = c.id and channel in ('agency', 'creditor')
                             and received_on >= date_trunc('month', $1::date)::date and received_on <= $1::date) p on true
       left join lateral (select max(last_sync_at) as last_sync_at, (array_agg(last_sync_status order by last_sync_at desc nulls last))[1] as last_sync_status,
                                 count(*) filter (where last_sync_status in ('failed', 'partial')) as problems
                            from ledger_integrations where creditor_id = c.id and active) s on true
      where ${condition}
      order by c.name, c.id`,
    [today, ...params],
  );
  const clients = rows.map((r) => ({
    creditorId: r.id, code: r.code, name: r.name, status: r.status,
    overdueCount: r.overdue_count, overdueAmount: money(r.overdue_minor), draftCount: r.draft_count, draftAmount: money(r.draft_minor),
    actionNeeded: r.action_needed, openCases: r.open_cases, collectedThisMonth: money(r.collected_minor),
    sync: { status: r.sync_status, lastSyncAt: r.last_sync_at ? new Date(r.last_sync_at).toISOString() : null, problems: r.sync_problems },
  }));
  const sum = (k: "overdue_minor" | "draft_minor") => rows.reduce((a, r) => a + Number(r[k]), 0);
  return {
    currency: "NOK",
    today,
    totals: {
      overdueCount: rows.reduce((a, r) => a + r.overdue_count, 0), overdueAmount: money(sum("overdue_minor")),
      draftCount: rows.reduce((a, r) => a + r.draft_count, 0), draftAmount: money(sum("draft_minor")),
      actionNeeded: rows.reduce((a, r) => a + r.action_needed, 0), openCases: rows.reduce((a, r) => a + r.open_cases, 0),
      syncProblems: rows.reduce((a, r) => a + r.sync_problems, 0),
    },
    clients,
  };
}
