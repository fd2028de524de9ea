import { companyRegistryOf } from "../../../collection/debtor-info/company-registry.js";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createApiClient, listApiClients, regenerateApiClientKey, revokeApiClient } from "../../../access/api-clients.js";
import { creditorScope } from "../../../access/tenant.js";
import { ROLE_LEVEL, ROLE_PERMISSIONS } from "../../../access/roles.js";
import { checkedCollectionSettings, foreignSettings } from "../../../collection/settings.js";
import { DomainError } from "../../../domain/errors.js";
import { transferPolicy } from "../../../collection/transfer-policy.js";
import { creditorAccounts } from "../../../domain/settlement/accounts.js";
import { connectorFactory, credentialsFromEnv, sealCredentials } from "../../../integration/connector-for.js";
import { addLedgerIntegration, type LedgerIntegration } from "../../../integration/sync/integrations.js";
import { checkActivation } from "../../../onboarding/activation.js";
import { activateConnectedProcountor, procountorActivationCheck } from "../../../onboarding/procountor-activation.js";
import { activateCreditor, activateCreditors, changeCreditorDetails, changeCreditorSettings, deactivateCreditor, reactivateCreditor, registerCreditor, useLedgerTransferPreset } from "../../../onboarding/creditor-lifecycle.js";
import { creditorDetail, isCreditorsApiClient, listCreditors, type CreditorDetailView } from "../../../read-models/creditors.js";
import { settlementSettings } from "../../../settlement/settlement-settings.js";
import type { AppContext } from "../../context.js";
import type { FastifyRequest } from "fastify";
import type { RequestAccess } from "../../access.js";
import { decidePayoutAccountChange, requestPayoutAccountChange, type Actor, type Notify } from "../../../onboarding/payout-account-change.js";
import { smtpMailer } from "../../../notifications/mailer.js";
import { parseBankAccount } from "../../../settlement/creditor-bank-account.js";
import { ApiError, notFound, problem, PROBLEM_JSON } from "../../errors.js";
import { Address, Contact, ErrorBody, Id, iso, parseAmount, TransferDelayDays } from "./shapes.js";

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
  customerMainGroups: z
    .record(z.string().min(1).max(100), z.array(z.string().min(1).max(100)).min(1).max(200))
    .optional()
    .describe("main groups covering several customer groups (Procountor's huvudgrupp): a main group named in excludedCustomerGroups excludes the customers of all its groups"),
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
  orgNumber: z.string().regex(/^(\d{9}|(16)?\d{6}-?\d{4})$/, "9 digits (NO) or NNNNNN-NNNC (SE)").describe("checked by the jurisdiction's rule: Norwegian MOD11 or Swedish Luhn"),
  jurisdiction: z.enum(["NO", "SE"]).default("NO").describe("the creditor's country: its law runs the cases"),
  currency: z.enum(["NOK", "SEK"]).optional().describe("the creditor's currency; must be the jurisdiction's (NO: NOK, SE: SEK); default that"),
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
  pendingBankAccount: z
    .object({ changeId: z.string(), account: z.unknown(), requestedBy: z.string(), requestedAt: z.string() })
    .nullable()
    .describe("a payout account change waiting for another person's approval; `bankAccount` is the one in use until then"),
}).meta({ id: "Creditor" });
type CreditorView = z.infer<typeof CreditorView>;

const Missing = z.object({ code: z.string(), text: z.object({ nb: z.string(), en: z.string() }) });

/** A creditor on the wire (dates as ISO text). */
function creditorView(c: CreditorDetailView): CreditorView {
  return {
    id: c.id, firmId: c.firmId, code: c.code, name: c.name, orgNumber: c.orgNumber, address: c.address, status: c.status, bankAccount: c.bankAccount, contact: c.contact,
    vatRegistered: c.vatRegistered, factoring: c.factoring, activatedAt: iso(c.activatedAt), settings: c.settings,
    integrations: c.integrations.map((i: LedgerIntegration) => ({ id: i.id, kind: i.kind, canCreateCases: i.canCreateCases, active: i.active, lastSyncAt: iso(i.lastSyncAt), lastSyncStatus: i.lastSyncStatus })),
    pendingBankAccount: c.pendingBankAccount,
  };
}

/** Who may ask for or decide a payout account change: a person who is the creditor's firm's admin, or the agency's staff. */
function mayChangePayoutAccount(access: RequestAccess): boolean {
  const { principal, tenant } = access;
  return principal.kind === "user" && principal.grants.some((g) => (g.role === "firm-admin" && tenant !== null && g.firmId === tenant.firmId) || g.role === "operator-admin" || g.role === "agency-finance");
}

function actorOf(req: FastifyRequest): Actor {
  const p = req.access.principal;
  return { kind: p.kind, id: p.id, label: p.label, ip: req.ip };
}

function notifyOf(ctx: AppContext): Notify {
  const mail = ctx.config.delivery.email;
  return { mailer: mail ? smtpMailer(mail) : undefined, logger: ctx.logger, portalUrl: ctx.config.publicUrl ?? "" };
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
        return { items: await listCreditors(ctx.database, creditorScope(req.access.principal.grants), { firmId: req.query.firmId, status: req.query.status }) };
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
        const id = await registerCreditor(ctx.database, null, req.body, { registry: companyRegistryOf(ctx.config) });
        req.auditTenant = { firmId: null, creditorId: id };
        req.auditLabel = req.body.user.email;
        return reply.status(201).send({ creditorId: id, code: req.body.code, status: "registered" });
      },
    );

    app.get(
      "/creditors/:creditorId",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["creditors"], summary: "A creditor with its settings and integrations", params: creditorParam, response: { 200: CreditorView } } },
      async (req) => creditorView(await creditorDetail(ctx.database, req.params.creditorId)),
    );

    app.patch(
      "/creditors/:creditorId",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: { tags: ["creditors"], summary: "Change a creditor's details",
          description: "A changed `bankAccount` is not used at once (unless the creditor has none yet): it becomes `pendingBankAccount`, asked for by a person who is the firm's admin or the agency's staff, and used once another such person approves it (`POST …/payout-account-changes/:changeId/approve`). The firm's admins get an e-mail; each step is audited.", params: creditorParam, body: z.object({ name: z.string().min(1).max(200).optional(), orgNumber: z.string().regex(/^\d{9}$/).optional(), address: Address.optional(), bankAccount: BankAccount.optional(), contact: Contact.optional(), vatRegistered: z.boolean().optional(), factoring: z.boolean().optional() }), response: { 200: CreditorView } },
      },
      async (req) => {
        const { bankAccount, ...details } = req.body;
        if (bankAccount) {
          // The payout account is where the creditor's money goes (a classic fraud path): only a
          // person who is the firm's admin, or the agency's staff, asks for a change — never an API
          // key — and another such person approves it before it is used (payout-account-change.ts).
          const current = (await creditorDetail(ctx.database, req.params.creditorId)).bankAccount as Record<string, unknown> | null;
          const sent = bankAccount as Record<string, unknown>;
          if (["accountNumber", "iban", "bic", "active"].some((k) => (current?.[k] ?? null) !== (sent[k] ?? null))) {
            if (!mayChangePayoutAccount(req.access)) throw new ApiError(403, "forbidden", "bankAccount: the payout account is changed only by a person who is the firm's admin or the agency's staff (not with an API key)", "body.bankAccount");
            const account = parseBankAccount({ account: bankAccount.accountNumber, iban: bankAccount.iban, bic: bankAccount.bic, active: bankAccount.active });
            await requestPayoutAccountChange(ctx.database, req.params.creditorId, { ...account }, actorOf(req), notifyOf(ctx));
          }
        }
        await changeCreditorDetails(ctx.database, req.params.creditorId, details);
        return creditorView(await creditorDetail(ctx.database, req.params.creditorId));
      },
    );

    const ChangeParams = z.object({ creditorId: z.string(), changeId: z.uuid() });
    for (const decision of ["approve", "reject"] as const) {
      app.post(
        `/creditors/:creditorId/payout-account-changes/:changeId/${decision}`,
        {
          // "read" lets the agency's finance staff reach it; who may decide is checked below.
          config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
          schema: {
            tags: ["creditors"],
            summary: decision === "approve" ? "Approve a pending payout account change (another person than the one who asked)" : "Reject a pending payout account change",
            description: "A firm admin of the creditor's firm or the agency's staff, logged in (not an API key). Approving needs another person than the one who asked. Audited; the firm's admins get an e-mail.",
            params: ChangeParams,
            response: { 200: CreditorView },
          },
        },
        async (req) => {
          if (!mayChangePayoutAccount(req.access)) throw new ApiError(403, "forbidden", "only a person who is the firm's admin or the agency's staff decides a payout account change (not with an API key)");
          await decidePayoutAccountChange(ctx.database, req.params.creditorId, req.params.changeId, decision, actorOf(req), notifyOf(ctx));
          return creditorView(await creditorDetail(ctx.database, req.params.creditorId));
        },
      );
    }

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
        await changeCreditorSettings(ctx.database, req.params.creditorId, (s, creditor) => {
          const collection = req.body.collection ? parseCollection({ ...(s.collection ?? {}), ...req.body.collection }, creditor.jurisdiction, req.body.collection) : s.collection;
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
          if (body) settlementSettings({ settlement }, creditor.currency);
          return { ...s, collection, transfer, accounts, settlement };
        });
        return creditorView(await creditorDetail(ctx.database, req.params.creditorId));
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
        schema: { tags: ["onboarding"], summary: "Activate a client after checking the prerequisites", params: creditorParam, body: z.object({ transferAlreadyOverdue: z.boolean().default(false).describe("a one-time choice: do invoices already overdue at activation go to collection too?") }), response: { 200: CreditorView, 422: ErrorBody.extend({ missing: z.array(Missing), error: ErrorBody.shape.error.extend({ missing: z.array(Missing) }) }) } },
      },
      async (req, reply) => {
        const check = await activateCreditor(ctx.database, connectorFor, req.params.creditorId, { transferAlreadyOverdue: req.body.transferAlreadyOverdue, now: ctx.clock.now() });
        if (!check.ready) {
          const p = problem(422, "not_ready", check.missing.map((x) => x.text.en).join(" "));
          return reply.status(422).header("content-type", `${PROBLEM_JSON}; charset=utf-8`).send({ ...p, missing: check.missing, error: { ...p.error, missing: check.missing } });
        }
        return creditorView(await creditorDetail(ctx.database, req.params.creditorId));
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
        const results = await activateCreditors(ctx.database, connectorFor, req.params.firmId, req.body.creditorIds, { transferAlreadyOverdue: req.body.transferAlreadyOverdue, now: ctx.clock.now() });
        return { activated: results.filter((r) => r.activated).length, notReady: results.filter((r) => !r.activated).length, results };
      },
    );

    for (const action of ["deactivate", "reactivate"] as const) {
      app.post(
        `/creditors/:creditorId/${action}`,
        {
          config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
          schema: { tags: ["onboarding"], summary: action === "deactivate" ? "Stop new transfers; open cases go on to their end" : "Take a deactivated client back into use", params: creditorParam, response: { 200: CreditorView } },
        },
        async (req) => {
          const change = await (action === "deactivate" ? deactivateCreditor : reactivateCreditor)(ctx.database, req.params.creditorId, ctx.clock.now());
          if (!change.ok) throw new ApiError(409, change.code, `the creditor is ${change.status}, not ${change.code === "not_active" ? "active" : "inactive"}`);
          return creditorView(await creditorDetail(ctx.database, req.params.creditorId));
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
            "PowerOffice Go: the client key the customer created for Fordring in PowerOffice (Settings → Integrations). The application key is the deployment's (POWEROFFICE_APPLICATION_KEY) unless given. Visma.net ERP: the integration's client id and secret (Visma Developer Portal) and the company's tenant id; `balanceAccount` (default 1510) holds the agency's payments until settlement, `transferAtDunningLevel` (default 1) is the dunning level at which the company's dunning routine hands an invoice over (docs/VISMA-NET.md). Procountor: the company's API key, and the integration's client id and secret unless the deployment's (PROCOUNTOR_CLIENT_ID, PROCOUNTOR_CLIENT_SECRET) are meant; a Swedish creditor gets the procountor-kravia transfer rules; activation then goes through `…/integrations/procountor/activate` (docs/PROCOUNTOR.md). `baseUrl` must be one the operator allowed (FORDRING_LEDGER_URLS; the vendors' own APIs by default): the keys are never sent anywhere else.",
          params: creditorParam,
          body: z.discriminatedUnion("kind", [
            z.object({ kind: z.literal("poweroffice"), clientKey: z.string().min(8).max(200), applicationKey: z.string().min(8).max(200).optional(), baseUrl: z.url().optional(), canCreateCases: z.boolean().default(true) }),
            z.object({
              kind: z.literal("visma-net"),
              clientId: z.string().min(3).max(200),
              clientSecret: z.string().min(8).max(500),
              tenantId: z.string().min(1).max(100),
              baseUrl: z.url().optional(),
              balanceAccount: z.string().regex(/^\d{4,6}$/).optional(),
              transferAtDunningLevel: z.number().int().min(0).max(9).optional(),
              canCreateCases: z.boolean().default(true),
            }),
            z.object({
              kind: z.literal("procountor"),
              apiKey: z.string().min(8).max(200).describe("the company's API key (one key is one company), created by its administrator for the agency's API user"),
              clientId: z.string().min(3).max(200).optional().describe("the integration's client id; default the deployment's PROCOUNTOR_CLIENT_ID"),
              clientSecret: z.string().min(8).max(500).optional().describe("the integration's client secret; default the deployment's PROCOUNTOR_CLIENT_SECRET"),
              baseUrl: z.url().optional(),
              partnerName: z.string().min(1).max(100).optional().describe("what the company's collectionPartner shows for this agency (default \"Fordring\")"),
              canCreateCases: z.boolean().default(true),
            }),
          ]),
          response: { 201: z.object({ id: z.string(), kind: z.string(), canCreateCases: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const baseUrl = b.baseUrl?.replace(/\/+$/, "");
        if (baseUrl !== undefined && !ctx.config.ledgerUrls.includes(baseUrl)) {
          throw new ApiError(422, "ledger_url_not_allowed", `baseUrl: not one of the ledger addresses this deployment allows (${ctx.config.ledgerUrls.join(", ")})`);
        }
        if (b.kind === "procountor" && (b.clientId === undefined) !== (b.clientSecret === undefined)) {
          throw new ApiError(400, "invalid_input", `${b.clientId === undefined ? "clientId" : "clientSecret"}: give the integration's client id and secret together, or neither (the deployment's are used)`, b.clientId === undefined ? "body.clientId" : "body.clientSecret");
        }
        const credentialsRef =
          b.kind === "poweroffice"
            ? sealCredentials(ctx.secrets, { clientKey: b.clientKey, ...(b.applicationKey ? { applicationKey: b.applicationKey } : {}) })
            : b.kind === "procountor"
              ? // Sealed under the names that win over the deployment's PROCOUNTOR_CLIENT_ID/SECRET (connector-for.ts).
                sealCredentials(ctx.secrets, { apiKey: b.apiKey, ...(b.clientId && b.clientSecret ? { procountorClientId: b.clientId, procountorClientSecret: b.clientSecret } : {}) })
              : sealCredentials(ctx.secrets, { clientId: b.clientId, clientSecret: b.clientSecret, tenantId: b.tenantId });
        const settings = {
          ...(baseUrl ? { baseUrl } : {}),
          ...(b.kind === "procountor" && b.partnerName ? { partnerName: b.partnerName } : {}),
          ...(b.kind === "visma-net" && b.balanceAccount ? { balanceAccount: b.balanceAccount } : {}),
          ...(b.kind === "visma-net" && b.transferAtDunningLevel !== undefined ? { transferAtDunningLevel: b.transferAtDunningLevel } : {}),
        };
        const trial: LedgerIntegration = { id: "trial", creditorId: req.params.creditorId, kind: b.kind, credentialsRef, settings, canCreateCases: b.canCreateCases, active: true, watermark: null, lastSyncAt: null, lastSyncStatus: null } as LedgerIntegration;
        try {
          await connectorFor(trial).canCreateCases();
        } catch (e) {
          // The detail stays in the log: the caller learns only that the keys did not work.
          req.log.warn({ err: e, creditorId: req.params.creditorId }, "ledger credentials refused");
          const check = { poweroffice: "check the client key in PowerOffice", "visma-net": "check the client id, secret and company (tenant id) in Visma", procountor: "check the company's API key in Procountor (and the client id and secret, given here or the deployment's PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET)" }[b.kind];
          throw new ApiError(422, "ledger_credentials", `the ledger refused these credentials (or could not be reached); ${check}`);
        }
        const integration = await addLedgerIntegration(ctx.database, { creditorId: req.params.creditorId, kind: b.kind, credentialsRef, settings, canCreateCases: b.canCreateCases });
        await useLedgerTransferPreset(ctx.database, req.params.creditorId, b.kind);
        return reply.status(201).send({ id: integration.id, kind: integration.kind, canCreateCases: integration.canCreateCases });
      },
    );

    // --- Activation from Procountor's side (docs/PROCOUNTOR.md) ------------------------------
    const LedgerMissing = z.object({ code: z.string(), text: z.object({ sv: z.string(), nb: z.string(), en: z.string() }) });
    const LedgerCheck = z.object({ ready: z.boolean(), missing: z.array(LedgerMissing) });
    app.get(
      "/creditors/:creditorId/integrations/procountor/activation",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: {
          tags: ["onboarding"],
          summary: "What the connected Procountor company still lacks before collection can start, in Swedish, Norwegian and English",
          description: "Read from Procountor: the business ID, street address, postcode and city, an active bank account with a BIC on every active one, a contact with an e-mail address (the creditor's contact, else the company's e-mail), the terms accepted (by an earlier activation request) and this agency chosen as the collection partner.",
          params: creditorParam,
          response: { 200: LedgerCheck, 404: ErrorBody.describe("no such creditor, or it has no Procountor integration") },
        },
      },
      async (req) => procountorActivationCheck(ctx.database, connectorFor, req.params.creditorId),
    );
    app.post(
      "/creditors/:creditorId/integrations/procountor/activate",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "admin" } },
        schema: {
          tags: ["onboarding"],
          summary: "Accept the terms and activate (or reactivate) a creditor connected to Procountor, once nothing is missing",
          description: "The terms accepted are kept; the check runs against Procountor; a registered creditor is activated, a deactivated one reactivated, only when nothing is missing. Not ready: 422 with the list.",
          params: creditorParam,
          body: z.object({
            termsAccepted: z.boolean().describe("the company accepts the agency's terms of use"),
            contact: Contact.optional().describe("the agency's contact at the company; default the creditor's contact"),
            transferAlreadyOverdue: z.boolean().default(false).describe("a one-time choice: do invoices already overdue at activation go to collection too?"),
          }),
          response: {
            200: LedgerCheck.extend({ status: z.string() }),
            404: ErrorBody.describe("no such creditor, or it has no Procountor integration"),
            422: ErrorBody.extend({ missing: z.array(LedgerMissing), error: ErrorBody.shape.error.extend({ missing: z.array(LedgerMissing) }) }).describe("something is missing: the list, in sv, nb and en"),
          },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const result = await activateConnectedProcountor(ctx.database, connectorFor, { creditorId: req.params.creditorId, termsAccepted: b.termsAccepted, contact: b.contact ? { name: b.contact.name, email: b.contact.email } : undefined, transferAlreadyOverdue: b.transferAlreadyOverdue, now: ctx.clock.now() });
        if (!result.ready) {
          const p = problem(422, "not_ready", result.missing.map((x) => x.text.en).join(" "));
          return reply.status(422).header("content-type", `${PROBLEM_JSON}; charset=utf-8`).send({ ...p, missing: result.missing, error: { ...p.error, missing: result.missing } });
        }
        return result;
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

async function ownClient(db: AppContext["database"], clientId: string, creditorId: string): Promise<void> {
  if (!(await isCreditorsApiClient(db, clientId, creditorId))) throw notFound(`no API client ${clientId}`);
}

/** The settings as the creditor's country's law reads them: a rule of the other country's law is refused with the reason. */
function parseCollection(input: Record<string, unknown>, country: "NO" | "SE" = "NO", given: Record<string, unknown> = input) {
  const foreign = foreignSettings(country, given);
  if (foreign[0]) throw new DomainError("invalid_input", foreign.map((f) => f.reason).join("; "), `collection.${foreign[0].field}`);
  return checkedCollectionSettings(input);
}
