import { companyRegistryOf } from "../../../collection/debtor-info/company-registry.js";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isAgency } from "../../../access/roles.js";
import { creditorScope } from "../../../access/tenant.js";
import { registerCreditor, registerCreditors } from "../../../onboarding/creditor-lifecycle.js";
import { addFirmUser, approveRegistration } from "../../../onboarding/firm-registration.js";
import { startFirmRegistration } from "../../../onboarding/user-management.js";
import { CHECK_YOUR_EMAIL, mailerOf, portalUrlOf } from "./team-routes.js";
import { loadFirm } from "../../../read-models/creditors.js";
import type { AppContext } from "../../context.js";
import { tenantOf } from "../../access.js";
import { NewCreditor } from "./creditors.js";
import { dashboard, unmatchedPaymentCount, type Dashboard, type DashboardCounts } from "../../../read-models/dashboard.js";
import { Address, Contact, ErrorBody, iso, money } from "./shapes.js";

/** Accounting firms: registration, the firm, its dashboard across all clients, registering clients. */
const DashboardCounts = { overdueCount: z.number(), overdueAmount: z.string(), draftCount: z.number(), draftAmount: z.string(), actionNeeded: z.number(), openCases: z.number() };
/** Amounts in different currencies are never added together: one row per currency. */
const ByCurrency = z.array(z.object({ currency: z.string(), overdueAmount: z.string(), draftAmount: z.string() })).describe("the overdue and draft amounts per currency (a firm with Norwegian and Swedish clients has two rows)");
export const DashboardBody = {
  currency: z.string(),
  today: z.string(),
  totals: z.object({ ...DashboardCounts, syncProblems: z.number(), byCurrency: ByCurrency }),
  clients: z.array(z.object({ creditorId: z.string(), code: z.string(), name: z.string(), status: z.string(), currency: z.string(), ...DashboardCounts, collectedThisMonth: z.string(), sync: z.object({ status: z.string().nullable(), lastSyncAt: z.string().nullable(), problems: z.number() }) })),
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
          summary: "Register an accounting firm and its first administrator: answers \"check your e-mail\" (the same whether the address has an account or not); the e-mailed link (POST /v1/registrations/confirm) creates the firm",
          description: "With FORDRING_BRREG_URL the organisation number is verified in Enhetsregisteret first (exists, not deleted or bankrupt, registered to this name). The firm created from the link then waits for the agency's approval (`POST /v1/firms/:firmId/approve`) before its clients can be activated.",
          body: z.object({ name: z.string().min(1).max(200), orgNumber: z.string().regex(/^\d{9}$/, "9 digits"), address: Address, contact: Contact, admin: z.object({ email: z.email(), name: z.string().min(1).max(200), password: z.string().min(10).max(512) }), locale: z.enum(["nb", "en", "sv"]).optional() }),
          response: { 202: z.object({ status: z.literal("check-your-email") }), 503: ErrorBody.describe("E-mail is not configured on this server (mail_not_configured)") },
        },
      },
      async (req, reply) => {
        req.auditLabel = req.body.admin.email;
        await startFirmRegistration(ctx.database, mailerOf(ctx), { ...req.body, portalUrl: portalUrlOf(ctx), now: ctx.clock.now() }, { registry: companyRegistryOf(ctx.config) });
        return reply.status(202).send(CHECK_YOUR_EMAIL);
      },
    );

    app.post(
      "/firms/:firmId/approve",
      {
        config: { access: { agency: "admin" } },
        schema: { tags: ["onboarding"], summary: "The agency approves a firm's registration (its clients can be activated from then)", params: z.object({ firmId: z.uuid() }), response: { 200: z.object({ firmId: z.string(), approvedAt: z.string() }) } },
      },
      async (req) => ({ firmId: req.params.firmId, ...(await approveRegistration(ctx.database, "firm", req.params.firmId, req.access.principal.label)) }),
    );

    app.post(
      "/creditors/:creditorId/approve-registration",
      {
        config: { access: { agency: "admin" } },
        schema: { tags: ["onboarding"], summary: "The agency approves a creditor that registered on its own (no firm): it can be activated from then", params: z.object({ creditorId: z.uuid() }), response: { 200: z.object({ creditorId: z.string(), approvedAt: z.string() }) } },
      },
      async (req) => ({ creditorId: req.params.creditorId, ...(await approveRegistration(ctx.database, "creditor", req.params.creditorId, req.access.principal.label)) }),
    );

    app.get("/firms/:firmId", { config: { access: { resource: "firm", param: "firmId", permission: "read" } }, schema: { tags: ["onboarding"], summary: "An accounting firm", params: firmParam, response: { 200: Firm } } }, async (req) => {
      return (await loadFirm(ctx.database, req.params.firmId))!;
    });

    app.post(
      "/firms/:firmId/users",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "admin" } },
        schema: { tags: ["onboarding"], summary: "Add a colleague to the firm", params: firmParam, body: z.object({ email: z.email(), name: z.string().min(1).max(200), password: z.string().min(10).max(512), role: z.enum(["firm-admin", "firm-accountant"]) }), response: { 201: z.object({ userId: z.string() }) } },
      },
      async (req, reply) => {
        const userId = await addFirmUser(ctx.database, req.params.firmId, req.body);
        return reply.status(201).send({ userId });
      },
    );

    const Created = z.object({ creditorId: z.string(), code: z.string(), status: z.string() });
    app.post(
      "/firms/:firmId/creditors",
      { config: { access: { resource: "firm", param: "firmId", permission: "admin" } }, schema: { tags: ["onboarding"], summary: "Register a client (state: registered, until activated)", params: firmParam, body: NewCreditor, response: { 201: Created } } },
      async (req, reply) => {
        const id = await registerCreditor(ctx.database, req.params.firmId, req.body, { registry: companyRegistryOf(ctx.config) });
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
        const results = await registerCreditors(ctx.database, req.params.firmId, req.body.creditors, { registry: companyRegistryOf(ctx.config) });
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
        const body = wireDashboard(await dashboard(ctx.database, { scope: creditorScope(grants) }, ctx.clock.today()));
        return { ...body, unmatchedPayments: isAgency(grants) ? await unmatchedPaymentCount(ctx.database) : null };
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
              totals: z.object({ ...Counts, syncProblems: z.number(), byCurrency: ByCurrency }),
              clients: z.array(z.object({ creditorId: z.string(), code: z.string(), name: z.string(), status: z.string(), currency: z.string(), ...Counts, collectedThisMonth: z.string(), sync: z.object({ status: z.string().nullable(), lastSyncAt: z.string().nullable(), problems: z.number() }) })),
            }),
          },
        },
      },
      async (req) => {
        const firmId = tenantOf(req).firmId!;
        const firm = (await loadFirm(ctx.database, firmId))!;
        return { firm: { id: firm.id, name: firm.name }, ...wireDashboard(await dashboard(ctx.database, { firmId }, ctx.clock.today())) };
      },
    );
  };

/** The dashboard on the wire: amounts as decimal strings. */
function wireDashboard(d: Dashboard) {
  const counts = (c: DashboardCounts) => ({ overdueCount: c.overdueCount, overdueAmount: money(c.overdueMinor), draftCount: c.draftCount, draftAmount: money(c.draftMinor), actionNeeded: c.actionNeeded, openCases: c.openCases });
  return {
    currency: d.currency,
    today: d.today,
    totals: { ...counts(d.totals), syncProblems: d.totals.syncProblems, byCurrency: d.totals.byCurrency.map((b) => ({ currency: b.currency, overdueAmount: money(b.overdueMinor), draftAmount: money(b.draftMinor) })) },
    clients: d.clients.map((c) => ({
      creditorId: c.creditorId, code: c.code, name: c.name, status: c.status, currency: c.currency, ...counts(c), collectedThisMonth: money(c.collectedThisMonthMinor),
      sync: { status: c.sync.status, lastSyncAt: iso(c.sync.lastSyncAt), problems: c.sync.problems },
    })),
  };
}
