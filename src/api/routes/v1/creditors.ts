import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createApiClient, listApiClients, regenerateApiClientKey, revokeApiClient } from "../../../access/api-clients.js";
import { creditorScope, scopeCondition, scopeParams } from "../../../access/tenant.js";
import { ROLE_LEVEL, ROLE_PERMISSIONS } from "../../../access/roles.js";
import { createUser, grantRole } from "../../../access/users.js";
import { CollectionSettingsSchema } from "../../../collection/settings.js";
import { transferPolicy } from "../../../collection/transfer-policy.js";
import { DomainError } from "../../../domain/errors.js";
import { checkNoOrganisationNumber } from "../../../domain/identifiers/no-organisation-number.js";
import { creditorAccounts } from "../../../domain/settlement/accounts.js";
import { connectorFactory, credentialsFromEnv, sealCredentials } from "../../../integration/connector-for.js";
import type { LedgerConnector } from "../../../integration/ledger-connector.js";
import { addLedgerIntegration, listIntegrations, type LedgerIntegration } from "../../../integration/sync/integrations.js";
import type { Queryable } from "../../../platform/db/database.js";
import { checkActivation } from "../../../onboarding/activation.js";
import { settlementSettings } from "../../../settlement/settlement-settings.js";
import type { AppContext } from "../../context.js";
import { ApiError, notFound } from "../../errors.js";
import { Address, Contact, Id, iso, parseAmount, TransferDelayDays } from "./shapes.js";

/** Accounting firms, their clients (creditors), onboarding and the creditor's settings. */
const BankAccount = z.object({
  accountNumber: z.string().max(20).optional().describe("a Norwegian account number, 11 digits"),
  iban: z.string().max(40).optional(),
  bic: z.string().min(8).max(11),
  active: z.boolean().default(true),
});

const TransferSettings = z.object({
  mode: z.enum(["automatic", "manual"]).optional().describe("automatic: eligible invoices become cases at once; manual: they wait in the draft list"),
  preset: z.string().max(60).optional(),
  minimumAmount: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/).optional().describe("invoices with less open than this are not transferred"),
  delayDays: TransferDelayDays.optional().describe("extra days after due before transfer (never below the legal minimum)"),
  excludedCustomerGroups: z.array(z.string().max(100)).max(200).optional(),
  transferAlreadyOverdue: z.boolean().optional(),
});
const SettlementSettings = z.object({
  frequency: z.enum(["daily", "weekly", "monthly"]).optional().describe("how often the agency settles and pays out (default monthly); the worker settles each ended period at 07:00"),
  interestTo: z.enum(["creditor", "agency"]).optional().describe("who keeps the late interest collected (default the creditor)"),
  commission: z
    .object({
      percentOfPrincipal: z.string().regex(/^\d{1,3}(\.\d{1,6})?$/).optional().describe("the agency's commission, percent of the principal collected on a case, e.g. \"10.00\""),
      minimumPerCase: z.string().regex(/^\d{1,12}(\.\d{1,2})?$/).optional().describe("least commission on a case with principal collected, in kroner"),
    })
    .optional()
    .describe("set by the agency's staff only: the agency's commission by agreement"),
  commissionVatLiable: z.boolean().optional().describe("set by the agency's staff only: VAT on the commission (default true)"),
});
/** The parts of the settlement settings that are the agreement's terms: only the agency's staff with finance change them. */
const AGENCY_TERMS = ["interestTo", "commission", "commissionVatLiable"] as const;
const Accounts = z.object({
  bank: z.string().optional(),
  clearing: z.string().optional(),
  interestIncome: z.string().optional(),
  collectionCostExpense: z.string().optional(),
  commissionExpense: z.string().optional(),
  inputVat: z.string().optional(),
  agencyPayable: z.string().optional(),
});

export const NewCreditor = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, "2–20 capital letters, digits or '-'"),
  name: z.string().min(1).max(200),
  orgNumber: z.string().regex(/^\d{9}$/, "9 digits"),
  address: Address,
  bankAccount: BankAccount.optional(),
  contact: Contact.optional(),
  vatRegistered: z.boolean().default(true),
  factoring: z.boolean().default(false),
  user: z.object({ email: z.email(), name: z.string().min(1).max(200), password: z.string().min(10).max(512) }).optional().describe("a creditor user to create with the client"),
});

const CreditorView = z.object({
  id: z.string(),
  firmId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  orgNumber: z.string().nullable(),
  address: z.unknown(),
  status: z.string(),
  bankAccount: z.unknown(),
  contact: z.unknown(),
  vatRegistered: z.boolean(),
  factoring: z.boolean(),
  activatedAt: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  integrations: z.array(z.object({ id: z.string(), kind: z.string(), canCreateCases: z.boolean(), active: z.boolean(), lastSyncAt: z.string().nullable(), lastSyncStatus: z.string().nullable() })),
});
type CreditorView = z.infer<typeof CreditorView>;

const Missing = z.object({ code: z.string(), text: z.object({ nb: z.string(), en: z.string() }) });

export async function insertCreditor(db: Queryable, firmId: string | null, c: z.infer<typeof NewCreditor>): Promise<string> {
  if (!checkNoOrganisationNumber(c.orgNumber).valid) throw new DomainError("invalid_input", `${c.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  const settings = { collection: CollectionSettingsSchema.parse({}), transfer: { mode: "automatic" } };
  const rows = await db.query<{ id: string }>(
    `insert into creditors (firm_id, code, name, org_number, address, bank_account, contact, vat_registered, factoring, settings, status, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'registered', false)
     on conflict (code) do nothing returning id`,
    [firmId, c.code, c.name, c.orgNumber, JSON.stringify(c.address), c.bankAccount ? JSON.stringify(c.bankAccount) : null, c.contact ? JSON.stringify(c.contact) : null, c.vatRegistered, c.factoring, JSON.stringify(settings)],
  );
  if (!rows[0]) throw new DomainError("conflict", `a creditor with the code ${c.code} exists already`, "code");
  if (c.user) {
    const userId = await createUser(db, { email: c.user.email, name: c.user.name, password: c.user.password });
    await grantRole(db, { userId, role: "creditor-user", creditorId: rows[0].id });
  }
  return rows[0].id;
}

export async function loadCreditorView(db: Queryable, id: string): Promise<CreditorView> {
  const [c] = await db.query<{
    id: string; firm_id: string | null; code: string; name: string; org_number: string | null; address: unknown; status: string; bank_account: unknown; contact: unknown;
    vat_registered: boolean; factoring: boolean; activated_at: Date | null; settings: Record<string, unknown>;
  }>("select * from creditors where id = $1", [id]);
  if (!c) throw notFound(`no creditor ${id}`);
  const integrations = await listIntegrations(db, id);
  return {
    id: c.id, firmId: c.firm_id, code: c.code, name: c.name, orgNumber: c.org_number, address: c.address, status: c.status, bankAccount: c.bank_account, contact: c.contact,
    vatRegistered: c.vat_registered, factoring: c.factoring, activatedAt: iso(c.activated_at), settings: c.settings,
    integrations: integrations.map((i: LedgerIntegration) => ({ id: i.id, kind: i.kind, canCreateCases: i.canCreateCases, active: i.active, lastSyncAt: iso(i.lastSyncAt), lastSyncStatus: i.lastSyncStatus })),
  };
}

export const creditorRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const connectorFor = connectorFactory({ fetch: (url, init) => fetch(url, init), credentials: credentialsFromEnv(ctx.config.credentialVariables, ctx.secrets) });
    const creditorParam = z.object({ creditorId: z.string() });

    app.get(
      "/creditors",
      {
        config: { access: { scoped: "read" } },
        schema: { tags: ["creditors"], summary: "The creditors the caller may see", querystring: z.object({ firmId: Id.optional(), status: z.enum(["registered", "active", "inactive"]).optional() }), response: { 200: z.object({ items: z.array(z.object({ id: z.string(), firmId: z.string().nullable(), code: z.string(), name: z.string(), status: z.string() })) }) } },
      },
      async (req) => {
        const scope = creditorScope(req.access.principal.grants);
        const rows = await ctx.database.query<{ id: string; firm_id: string | null; code: string; name: string; status: string }>(
          `select c.id, c.firm_id, c.code, c.name, c.status from creditors c
            where ${scopeCondition("c", 1)} and ($4::uuid is null or c.firm_id = $4) and ($5::text is null or c.status = $5) order by c.name, c.id`,
          [...scopeParams(scope), req.query.firmId ?? null, req.query.status ?? null],
        );
        return { items: rows.map((r) => ({ id: r.id, firmId: r.firm_id, code: r.code, name: r.name, status: r.status })) };
      },
    );

    app.post(
      "/creditors",
      {
        config: { access: { public: true }, rateLimit: { max: 5, timeWindow: "1 minute" } },
        schema: {
          tags: ["onboarding"],
          summary: "Register a creditor on its own (without an accounting firm), with its first user",
          body: NewCreditor.required({ user: true }),
          response: { 201: z.object({ creditorId: z.string(), code: z.string(), status: z.string() }) },
        },
      },
      async (req, reply) => {
        const id = await ctx.database.transaction((tx) => insertCreditor(tx, null, req.body));
        req.auditTenant = { firmId: null, creditorId: id };
        req.auditLabel = req.body.user.email;
        return reply.status(201).send({ creditorId: id, code: req.body.code, status: "registered" });
      },
    );

    app.get(
      "/creditors/:creditorId",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["creditors"], summary: "A creditor with its settings and integrations", params: creditorParam, response: { 200: CreditorView } } },
      async (req) => loadCreditorView(ctx.database, req.params.creditorId),
    );

    app.patch(
      "/creditors/:creditorId",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: { tags: ["creditors"], summary: "Change a creditor's details", params: creditorParam, body: z.object({ name: z.string().min(1).max(200).optional(), orgNumber: z.string().regex(/^\d{9}$/).optional(), address: Address.optional(), bankAccount: BankAccount.optional(), contact: Contact.optional(), vatRegistered: z.boolean().optional(), factoring: z.boolean().optional() }), response: { 200: CreditorView } },
      },
      async (req) => {
        const b = req.body;
        if (b.orgNumber && !checkNoOrganisationNumber(b.orgNumber).valid) throw new DomainError("invalid_input", `${b.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
        await ctx.database.query(
          `update creditors set name = coalesce($2, name), org_number = coalesce($3, org_number), address = coalesce($4, address), bank_account = coalesce($5, bank_account),
             contact = coalesce($6, contact), vat_registered = coalesce($7, vat_registered), factoring = coalesce($8, factoring) where id = $1`,
          [req.params.creditorId, b.name ?? null, b.orgNumber ?? null, b.address ? JSON.stringify(b.address) : null, b.bankAccount ? JSON.stringify(b.bankAccount) : null, b.contact ? JSON.stringify(b.contact) : null, b.vatRegistered ?? null, b.factoring ?? null],
        );
        return loadCreditorView(ctx.database, req.params.creditorId);
      },
    );

    app.patch(
      "/creditors/:creditorId/settings",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "write" } },
        schema: {
          tags: ["creditors"],
          summary: "Dunning profile, automatic transfer, approval gates, accounts, settlement",
          description: "Each part is merged into the stored settings and validated whole; a refused value changes nothing.",
          params: creditorParam,
          body: z.object({ collection: z.record(z.string(), z.unknown()).optional(), transfer: TransferSettings.optional(), accounts: Accounts.optional(), settlement: SettlementSettings.optional() }),
          response: { 200: CreditorView },
        },
      },
      async (req) => {
        await ctx.database.transaction(async (tx) => {
          const [row] = await tx.query<{ settings: Record<string, Record<string, unknown> | undefined> }>("select settings from creditors where id = $1 for update", [req.params.creditorId]);
          const s = row!.settings;
          const collection = req.body.collection ? parseCollection({ ...(s.collection ?? {}), ...req.body.collection }) : s.collection;
          const transfer = req.body.transfer ? { ...(s.transfer ?? {}), ...req.body.transfer } : s.transfer;
          if (req.body.transfer?.minimumAmount !== undefined) transfer!["minimumAmount"] = parseAmount(req.body.transfer.minimumAmount, "transfer.minimumAmount");
          // The same reading the sync uses: a value it would refuse is refused here, before it is stored.
          transferPolicy({ transfer });
          const accounts = req.body.accounts ? { ...(s.accounts ?? {}), ...req.body.accounts } : s.accounts;
          if (accounts) creditorAccounts(accounts as Parameters<typeof creditorAccounts>[0], "accounts");
          const body = req.body.settlement;
          const commission = body?.commission
            ? { ...((s.settlement?.["commission"] as Record<string, unknown> | undefined) ?? {}), ...body.commission, ...(body.commission.minimumPerCase !== undefined ? { minimumPerCase: parseAmount(body.commission.minimumPerCase, "settlement.commission.minimumPerCase") } : {}) }
            : s.settlement?.["commission"];
          const settlement = body ? { ...(s.settlement ?? {}), ...body, ...(commission !== undefined ? { commission } : {}) } : s.settlement;
          // The agreement's terms (who keeps the interest, the commission) move money between the
          // agency and the creditor: a change needs the agency's finance staff. A form that sends
          // them back unchanged is fine.
          const changed = AGENCY_TERMS.filter((k) => JSON.stringify(settlement?.[k]) !== JSON.stringify(s.settlement?.[k]));
          const agencyFinance = req.access.principal.grants.some((g) => ROLE_LEVEL[g.role] === "agency" && ROLE_PERMISSIONS[g.role].includes("finance"));
          if (changed.length > 0 && !agencyFinance) {
            throw new ApiError(403, "forbidden", `settlement.${changed[0]} is a term of the agency's agreement with the creditor: only the agency's finance staff change it`);
          }
          // The same reading every settlement run uses: a value it would refuse is refused here, before it is stored.
          if (body) settlementSettings({ settlement });
          await tx.query("update creditors set settings = $2 where id = $1", [req.params.creditorId, JSON.stringify({ ...s, collection, transfer, accounts, settlement })]);
        });
        return loadCreditorView(ctx.database, req.params.creditorId);
      },
    );

    app.get(
      "/creditors/:creditorId/activation",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["onboarding"], summary: "What stops activation, in words", params: creditorParam, response: { 200: z.object({ ready: z.boolean(), missing: z.array(Missing) }) } } },
      async (req) => checkActivation(ctx.database, req.params.creditorId, connectorFor),
    );

    app.post(
      "/creditors/:creditorId/activate",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: { tags: ["onboarding"], summary: "Activate a client after checking the prerequisites", params: creditorParam, body: z.object({ transferAlreadyOverdue: z.boolean().default(false).describe("a one-time choice: do invoices already overdue at activation go to collection too?") }), response: { 200: CreditorView, 422: z.object({ error: z.object({ code: z.string(), message: z.string(), missing: z.array(Missing) }) }) } },
      },
      async (req, reply) => {
        const check = await activate(ctx, connectorFor, req.params.creditorId, req.body.transferAlreadyOverdue);
        if (!check.ready) return reply.status(422).send({ error: { code: "not_ready", message: check.missing.map((x) => x.text.en).join(" "), missing: check.missing } });
        return loadCreditorView(ctx.database, req.params.creditorId);
      },
    );

    app.post(
      "/firms/:firmId/creditors/activate",
      {
        config: { access: { resource: "firm", param: "firmId", permission: "admin" } },
        schema: {
          tags: ["onboarding"],
          summary: "Activate many clients of the firm; each is checked and activated on its own",
          params: z.object({ firmId: z.string() }),
          body: z.object({ creditorIds: z.array(z.uuid()).min(1).max(500), transferAlreadyOverdue: z.boolean().default(false) }),
          response: { 200: z.object({ activated: z.number(), notReady: z.number(), results: z.array(z.object({ creditorId: z.string(), activated: z.boolean(), missing: z.array(Missing) })) }) },
        },
      },
      async (req) => {
        // Only the firm's own clients: any other id is answered like a missing one.
        const own = new Set((await ctx.database.query<{ id: string }>("select id from creditors where firm_id = $1 and id = any($2::uuid[])", [req.params.firmId, req.body.creditorIds])).map((r) => r.id));
        const results = [];
        for (const creditorId of req.body.creditorIds) {
          if (!own.has(creditorId)) {
            results.push({ creditorId, activated: false, missing: [{ code: "not_found", text: { nb: "Finnes ikke blant firmaets klienter.", en: "Not one of the firm's clients." } }] });
            continue;
          }
          const check = await activate(ctx, connectorFor, creditorId, req.body.transferAlreadyOverdue);
          results.push({ creditorId, activated: check.ready, missing: check.missing });
        }
        return { activated: results.filter((r) => r.activated).length, notReady: results.filter((r) => !r.activated).length, results };
      },
    );

    for (const [action, status] of [["deactivate", "inactive"], ["reactivate", "active"]] as const) {
      app.post(
        `/creditors/:creditorId/${action}`,
        {
          config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
          schema: { tags: ["onboarding"], summary: action === "deactivate" ? "Stop new transfers; open cases go on to their end" : "Take a deactivated client back into use", params: creditorParam, response: { 200: CreditorView } },
        },
        async (req) => {
          const [c] = await ctx.database.query<{ status: string; activated_at: Date | null }>("select status, activated_at from creditors where id = $1", [req.params.creditorId]);
          if (action === "reactivate" && c!.status !== "inactive") throw new ApiError(409, "not_inactive", `the creditor is ${c!.status}, not inactive`);
          if (action === "deactivate" && c!.status !== "active") throw new ApiError(409, "not_active", `the creditor is ${c!.status}, not active`);
          await ctx.database.query(`update creditors set status = $2::text, active = true, deactivated_at = case when $2::text = 'inactive' then $3::timestamptz else null end where id = $1`, [req.params.creditorId, status, ctx.clock.now()]);
          return loadCreditorView(ctx.database, req.params.creditorId);
        },
      );
    }

    app.post(
      "/creditors/:creditorId/integrations",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: {
          tags: ["onboarding"],
          summary: "Connect a ledger; its credentials are tried first",
          description:
            "PowerOffice Go: the client key the customer created for Fordring in PowerOffice (Settings → Integrations). The application key is the deployment's (POWEROFFICE_APPLICATION_KEY) unless given. `baseUrl` must be one the operator allowed (FORDRING_LEDGER_URLS; PowerOffice's own API by default): the keys are never sent anywhere else.",
          params: creditorParam,
          body: z.object({ kind: z.literal("poweroffice"), clientKey: z.string().min(8).max(200), applicationKey: z.string().min(8).max(200).optional(), baseUrl: z.url().optional(), canCreateCases: z.boolean().default(true) }),
          response: { 201: z.object({ id: z.string(), kind: z.string(), canCreateCases: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const baseUrl = b.baseUrl?.replace(/\/+$/, "");
        if (baseUrl !== undefined && !ctx.config.ledgerUrls.includes(baseUrl)) {
          throw new ApiError(422, "ledger_url_not_allowed", `baseUrl: not one of the ledger addresses this deployment allows (${ctx.config.ledgerUrls.join(", ")})`);
        }
        const credentialsRef = sealCredentials(ctx.secrets, { clientKey: b.clientKey, ...(b.applicationKey ? { applicationKey: b.applicationKey } : {}) });
        const trial: LedgerIntegration = { id: "trial", creditorId: req.params.creditorId, kind: b.kind, credentialsRef, settings: baseUrl ? { baseUrl } : {}, canCreateCases: b.canCreateCases, active: true, watermark: null, lastSyncAt: null, lastSyncStatus: null } as LedgerIntegration;
        try {
          await connectorFor(trial).canCreateCases();
        } catch (e) {
          // The detail stays in the log: the caller learns only that the keys did not work.
          req.log.warn({ err: e, creditorId: req.params.creditorId }, "ledger credentials refused");
          throw new ApiError(422, "ledger_credentials", "the ledger refused these credentials (or could not be reached); check the client key in PowerOffice");
        }
        const integration = await addLedgerIntegration(ctx.database, { creditorId: req.params.creditorId, kind: b.kind, credentialsRef, settings: baseUrl ? { baseUrl } : {}, canCreateCases: b.canCreateCases });
        return reply.status(201).send({ id: integration.id, kind: integration.kind, canCreateCases: integration.canCreateCases });
      },
    );

    // --- API client keys -------------------------------------------------------------------
    const ApiClient = z.object({ id: z.string(), name: z.string(), role: z.string(), firmId: z.string().nullable(), creditorId: z.string().nullable(), keyPrefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
    app.get(
      "/creditors/:creditorId/api-clients",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["api clients"], summary: "The creditor's API clients (never their keys)", params: creditorParam, response: { 200: z.object({ items: z.array(ApiClient) }) } } },
      async (req) => ({ items: await listApiClients(ctx.database, { creditorId: req.params.creditorId }) }),
    );
    app.post(
      "/creditors/:creditorId/api-clients",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: { tags: ["api clients"], summary: "Create an API client; the key is in this answer only", params: creditorParam, body: z.object({ name: z.string().min(1).max(100) }), response: { 201: z.object({ client: ApiClient, key: z.string() }) } },
      },
      async (req, reply) => reply.status(201).send(await createApiClient(ctx.database, { name: req.body.name, role: "creditor-user", creditorId: req.params.creditorId, createdBy: req.access.principal.label })),
    );
    const clientParams = z.object({ creditorId: z.string(), clientId: z.uuid() });
    app.post(
      "/creditors/:creditorId/api-clients/:clientId/regenerate",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["api clients"], summary: "Restore the client key: a new key, the old one stops working", params: clientParams, response: { 200: z.object({ client: ApiClient, key: z.string() }) } } },
      async (req) => {
        await ownClient(ctx.database, req.params.clientId, req.params.creditorId);
        return (await regenerateApiClientKey(ctx.database, req.params.clientId))!;
      },
    );
    app.delete(
      "/creditors/:creditorId/api-clients/:clientId",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } }, schema: { tags: ["api clients"], summary: "Revoke an API client", params: clientParams, response: { 204: z.null() } } },
      async (req, reply) => {
        await ownClient(ctx.database, req.params.clientId, req.params.creditorId);
        await revokeApiClient(ctx.database, req.params.clientId, ctx.clock.now());
        return reply.status(204).send(null);
      },
    );
  };

/** Checks the prerequisites and, when nothing is missing, activates (idempotent: the first activation date is kept). */
async function activate(ctx: AppContext, connectorFor: (i: LedgerIntegration) => LedgerConnector, creditorId: string, transferAlreadyOverdue: boolean) {
  const check = await checkActivation(ctx.database, creditorId, connectorFor);
  if (check.ready) {
    await ctx.database.query(
      `update creditors set status = 'active', active = true, activated_at = coalesce(activated_at, $2), deactivated_at = null,
         settings = jsonb_set(settings, '{transfer}', coalesce(settings->'transfer', '{}'::jsonb) || jsonb_build_object('transferAlreadyOverdue', $3::boolean)) where id = $1`,
      [creditorId, ctx.clock.now(), transferAlreadyOverdue],
    );
  }
  return check;
}

async function ownClient(db: Queryable, clientId: string, creditorId: string): Promise<void> {
  const rows = await db.query("select 1 from api_clients where id = $1::uuid and creditor_id = $2", [clientId, creditorId]);
  if (!rows.length) throw notFound(`no API client ${clientId}`);
}

function parseCollection(input: Record<string, unknown>) {
  const r = CollectionSettingsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new DomainError("invalid_input", i.message, `collection.${i.path.join(".")}`);
  }
  return r.data;
}
