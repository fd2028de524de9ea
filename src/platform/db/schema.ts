import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  pgSequence,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The one Drizzle schema for both drivers (node-postgres and PGlite). Migrations are generated
 * from it with `npm run db:generate` into `drizzle/` and applied at start.
 *
 * Conventions: money is `bigint` minor units (`*_minor`) next to a `currency`; legal dates are
 * `date` (a LocalDate, no zone); instants are `timestamptz`. Every business table carries
 * `creditor_id`, the tenant key (accounting firms are above creditors; `app_meta` is
 * deployment-wide), so a later sharding by creditor changes nothing in the model.
 */
const minor = (name: string) => bigint(name, { mode: "number" });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const localDate = (name: string) => date(name, { mode: "string" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Case numbers (and the KIDs built from them) come from one agency-wide sequence. */
export const caseNumberSeq = pgSequence("case_number_seq", { startWith: 100001 });

/** Letter numbers: short, agency-wide, what a debtor quotes ("Brevnummer"), never an internal id. */
export const letterNumberSeq = pgSequence("letter_number_seq", { startWith: 100001 });

export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const accountingFirms = pgTable("accounting_firms", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  orgNumber: text("org_number"),
  address: jsonb("address"),
  /** Contact person: `{ name, email, phone }`. */
  contact: jsonb("contact"),
  /** The agency approved the registration (its clients are activated only then); null: waiting. A firm registered through the public route starts waiting. */
  approvedAt: timestamp("approved_at", { withTimezone: true }).defaultNow(),
  approvedBy: text("approved_by"),
  createdAt: createdAt(),
});

export const creditors = pgTable(
  "creditors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    firmId: uuid("firm_id").references(() => accountingFirms.id),
    /** Short stable code used in case numbers and file names. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    orgNumber: text("org_number"),
    address: jsonb("address"),
    jurisdiction: text("jurisdiction").notNull().default("NO"),
    currency: text("currency").notNull().default("NOK"),
    vatRegistered: boolean("vat_registered").notNull().default(true),
    /** CollectionSettings (src/collection/settings.ts), validated on write. */
    settings: jsonb("settings").notNull(),
    active: boolean("active").notNull().default(true),
    /** Onboarding state: registered (not yet activated) | active | inactive. `active` mirrors `status = 'active'`. */
    status: text("status").notNull().default("active"),
    /** A creditor that registered itself (public route, no firm): the agency approved it (activation waits until then). */
    registrationApprovedAt: timestamp("registration_approved_at", { withTimezone: true }).defaultNow(),
    /** The creditor's payout account: `{ accountNumber?, iban?, bic, active }`. */
    bankAccount: jsonb("bank_account"),
    contact: jsonb("contact"),
    /** A factoring integration on the creditor: collection cannot be combined with it. */
    factoring: boolean("factoring").notNull().default(false),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("creditors_code_key").on(t.code), index("creditors_firm").on(t.firmId)],
);

export const debtors = pgTable(
  "debtors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    type: text("type").notNull(), // consumer | business
    name: text("name").notNull(),
    address: jsonb("address"),
    orgNumber: text("org_number"),
    birthDate: localDate("birth_date"),
    email: text("email"),
    phone: text("phone"),
    language: text("language").notNull().default("nb"),
    /** The creditor's own customer number for the debtor (the ledger's customer code), printed on letters; null when the source has none. */
    customerNumber: text("customer_number"),
    /** Fødselsnummer / D-nummer / personnummer, encrypted at rest (src/platform/crypto.ts); never returned unmasked but to roles that need it. */
    nationalIdEnc: text("national_id_enc"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("debtors_source_key").on(t.creditorId, t.source, t.externalId)],
);

/** Invoices mirrored from the ledger (or given by a scenario): the claims a case is opened for. */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    debtorId: uuid("debtor_id").notNull().references(() => debtors.id),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    description: text("description"),
    issueDate: localDate("issue_date").notNull(),
    dueDate: localDate("due_date").notNull(),
    currency: text("currency").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    openMinor: minor("open_minor").notNull(),
    status: text("status").notNull(), // sent | partly-paid | paid | credited | ...
    kid: text("kid"),
    /** The transfer state of an invoice not yet a case: draft (waits for approval) | approved | transferred | blocked. */
    transferState: text("transfer_state"),
    /** The latest eligibility decision: `{ status, reasons: [{code,text}], eligibleOn, judgedOn }`. */
    eligibility: jsonb("eligibility"),
    /** Swedish claims: a påminnelseavgift agreed in writing at the latest when the debt arose (lag (1981:739) 2 §); null: the creditor's setting. */
    reminderFeeAgreed: boolean("reminder_fee_agreed"),
    /** Swedish claims: the due date was fixed in advance (räntelagen 3 §); false: interest from 30 days after the inkassokrav (4 §); null: true. */
    dueDateAgreed: boolean("due_date_agreed"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("claims_source_key").on(t.creditorId, t.source, t.externalId), index("claims_creditor_number").on(t.creditorId, t.invoiceNumber), index("claims_transfer").on(t.creditorId, t.transferState).where(sql`${t.transferState} is not null`)],
);

/**
 * One case per claim (a unique constraint, not a hope). The lifecycle state is the domain's
 * `CaseState` (src/domain/case-lifecycle/case-state.ts), one column per field, so the daily cycle
 * can select what is due with an index. Balances are kept on the row; every change to them is
 * explained by charges, allocations and the timeline, written in the same transaction.
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    claimId: uuid("claim_id").notNull().references(() => claims.id),
    debtorId: uuid("debtor_id").notNull().references(() => debtors.id),
    caseNumber: text("case_number").notNull(),
    kid: text("kid").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    currency: text("currency").notNull(),
    // --- CaseState ---
    stage: text("stage").notNull(),
    holdKind: text("hold_kind"), // null | paused | disputed
    holdReason: text("hold_reason"),
    holdSince: localDate("hold_since"),
    holdUntil: localDate("hold_until"),
    debtorType: text("debtor_type").notNull(),
    openedOn: localDate("opened_on").notNull(),
    /** Business-day adjusted due date (gjeldsbrevloven § 5); interest runs from here. */
    dueDate: localDate("due_date").notNull(),
    respiteUntil: localDate("respite_until"),
    reminderSentOn: localDate("reminder_sent_on"),
    reminderDeadline: localDate("reminder_deadline"),
    noticeSentOn: localDate("notice_sent_on"),
    noticeDeadline: localDate("notice_deadline"),
    noticeSentBy: text("notice_sent_by"),
    stopListOn: localDate("stop_list_on"),
    stopWindowEndsOn: localDate("stop_window_ends_on"),
    paymentDemandApprovedOn: localDate("payment_demand_approved_on"),
    demandSentOn: localDate("demand_sent_on"),
    demandDeadline: localDate("demand_deadline"),
    heavySalaryOn: localDate("heavy_salary_on"),
    /** Days disputed after the payment demand's deadline: they move the heavy-salær date (inkassoloven § 17). */
    disputedDays: integer("disputed_days").notNull().default(0),
    legalApprovedOn: localDate("legal_approved_on"),
    legalOn: localDate("legal_on"),
    lastLegalStep: text("last_legal_step"),
    remarkOn: localDate("remark_on"),
    surveillanceOn: localDate("surveillance_on"),
    /** inkassoloven § 11: a payment demand renewed before a late legal step, and the step waiting for its deadline. */
    renewedDemandSentOn: localDate("renewed_demand_sent_on"),
    renewedDemandDeadline: localDate("renewed_demand_deadline"),
    pendingLegalStep: text("pending_legal_step"),
    closedOn: localDate("closed_on"),
    closeReason: text("close_reason"),
    closedFromStage: text("closed_from_stage"),
    // --- scheduling ---
    /** The first day a date-driven event is due (null: waits for a person or nothing). */
    nextActionOn: localDate("next_action_on"),
    /** Days before the limitation date at which warnings were written (so each is written once). */
    limitationOn: localDate("limitation_on"),
    // --- balances, minor units ---
    /** The claim for salær purposes: principal + interest accrued before due (inkassoforskriften § 2-1). */
    claimForSalaryMinor: minor("claim_for_salary_minor").notNull(),
    principalMinor: minor("principal_minor").notNull(),
    principalPaidMinor: minor("principal_paid_minor").notNull().default(0),
    /** Interest frozen at the last principal change (`interest_base_on`), exact per principal level. */
    interestBaseMinor: minor("interest_base_minor").notNull().default(0),
    interestBaseOn: localDate("interest_base_on").notNull(),
    /** Interest accrued up to `interest_accrued_on`: base + the current principal since the base date. */
    interestAccruedMinor: minor("interest_accrued_minor").notNull().default(0),
    interestAccruedOn: localDate("interest_accrued_on").notNull(),
    interestPaidMinor: minor("interest_paid_minor").notNull().default(0),
    /** The claim's due date was fixed in advance (räntelagen 3 §; always true for Norway): interest from the due date. */
    dueDateAgreed: boolean("due_date_agreed").notNull().default(true),
    /** räntelagen 4 §: no interest before this day (set when the inkassokrav is sent on a claim without an agreed due date); null: from the base date. */
    interestFrom: localDate("interest_from"),
    /** The claim's own påminnelseavgift agreement (lag (1981:739) 2 §); null: the creditor's setting. */
    reminderFeeAgreed: boolean("reminder_fee_agreed"),
    feesMinor: minor("fees_minor").notNull().default(0),
    feesPaidMinor: minor("fees_paid_minor").notNull().default(0),
    salaryMinor: minor("salary_minor").notNull().default(0),
    salaryPaidMinor: minor("salary_paid_minor").notNull().default(0),
    legalMinor: minor("legal_minor").notNull().default(0),
    legalPaidMinor: minor("legal_paid_minor").notNull().default(0),
    /** Credit balance (over-payment) to refund. */
    creditMinor: minor("credit_minor").notNull().default(0),
    /**
     * Letters the creditor's own ledger sent before transfer (purring, inkassovarsel): `[{ letter,
     * sentOn, deadline, feeMinor }]`, `feeMinor` null when the ledger does not say (then assumed
     * charged: inkassoforskriften § 1-3's limits count the creditor's fees too).
     */
    ledgerLetters: jsonb("ledger_letters").notNull().default([]),
    /** Where the claim stems from, for the salær's VAT add-on (inkassoforskriften § 2-2 second paragraph); null: from the creditor's registration. */
    vatAddOnBasis: text("vat_add_on_basis"),
    /**
     * The open balance of the five buckets, derived here once (every reader uses this column, or
     * `CASE_BALANCE` in src/collection/cases/case-store.ts for an aliased table).
     */
    balanceMinor: minor("balance_minor")
      .notNull()
      .generatedAlwaysAs(
        sql`(principal_minor - principal_paid_minor) + (interest_accrued_minor - interest_paid_minor) + (fees_minor - fees_paid_minor) + (salary_minor - salary_paid_minor) + (legal_minor - legal_paid_minor)`,
      ),
    /**
     * Copies for the case lists, so a page is one index range scan on `cases` (issue 13): the
     * claim's invoice number and the debtor's name. Kept by the database (migration 0021): filled
     * when a case is inserted, and rewritten when the claim's number or the debtor's name changes —
     * no writer sets them.
     */
    invoiceNumber: text("invoice_number").notNull(),
    debtorName: text("debtor_name").notNull(),
    version: integer("version").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cases_claim_key").on(t.claimId),
    // A debtor's cases (the debtor page; a debtor's new name copied onto its cases).
    index("cases_debtor").on(t.debtorId),
    uniqueIndex("cases_number_key").on(t.caseNumber),
    uniqueIndex("cases_kid_key").on(t.kid),
    index("cases_due_work").on(t.creditorId, t.nextActionOn).where(sql`${t.closedOn} is null`),
    // The case lists, newest first in number order ("…-999999" before "…-1000000"): by creditor, and the agency's across creditors.
    index("cases_creditor_newest").on(t.creditorId, sql`length(${t.caseNumber})`, t.caseNumber),
    index("cases_newest").on(sql`length(${t.caseNumber})`, t.caseNumber),
  ],
);

/** The case timeline: who, when, what, why. Written in the same transaction as the change. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    on: localDate("on").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    type: text("type").notNull(),
    stage: text("stage"),
    data: jsonb("data").notNull().default({}),
    reason: text("reason"),
    /** Makes a repeated run write nothing: the same step on the same case and day has one key. */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [index("case_events_case").on(t.caseId, t.id), uniqueIndex("case_events_dedupe").on(t.caseId, t.dedupeKey)],
);

export const letters = pgTable(
  "letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull(),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    kind: text("kind").notNull(), // reminder | collection-notice | payment-demand
    sentOn: localDate("sent_on").notNull(),
    deadline: localDate("deadline").notNull(),
    language: text("language").notNull(),
    /** The fully computed letter model; the PDF is rendered from it (queued, then stored). */
    model: jsonb("model"),
    status: text("status").notNull().default("queued"), // queued | rendered
    pdf: bytea("pdf"),
    /** The short letter number printed on the letter (from `letter_number_seq`); null on letters written before it existed. */
    number: text("number"),
    /** A copy sent again on a handler's request: the letter it copies (same PDF, no new deadline). */
    copyOf: uuid("copy_of"),
    // --- delivery (src/delivery/) ---
    /** queued → sent → delivered | read; failed (every channel refused); cancelled (the case closed or paused since); in-doubt (see docs/LETTERS.md). */
    deliveryStatus: text("delivery_status").notNull().default("queued"),
    /** The channel that took the letter: digipost | email | paper. */
    channel: text("channel"),
    /** The channel's id for the message (Digipost message id, e-mail Message-ID, print batch entry). */
    channelMessageId: text("channel_message_id"),
    /** Why this channel (or why not sent), in words (English: operators, the CLI). */
    deliveryReason: text("delivery_reason"),
    /** The same in Norwegian and English (`{ nb, en }`), for the reader's language on the case page; null on rows from before. */
    deliveryReasonText: jsonb("delivery_reason_text"),
    /** The business date the letter actually left (its deadline runs from here). */
    dispatchedOn: localDate("dispatched_on"),
    deliveryUpdatedAt: timestamp("delivery_updated_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("letters_case_kind_day").on(t.caseId, t.kind, t.sentOn).where(sql`${t.copyOf} is null`),
    uniqueIndex("letters_number_key").on(t.number),
    index("letters_queued").on(t.status).where(sql`${t.status} = 'queued'`),
    index("letters_to_deliver").on(t.createdAt).where(sql`${t.status} = 'rendered' and ${t.deliveryStatus} = 'queued'`),
  ],
);

/** Each try of a letter on a channel: written (pending) before the channel is called, completed after, so a crash in between is seen. */
export const letterDeliveryAttempts = pgTable(
  "letter_delivery_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    letterId: uuid("letter_id").notNull().references(() => letters.id),
    channel: text("channel").notNull(),
    /** The idempotency key given to the channel, derived from the letter id. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** The address used, where the channel needs one chosen (e-mail). */
    address: text("address"),
    /** pending | accepted | refused | error | in-doubt */
    outcome: text("outcome").notNull().default("pending"),
    permanent: boolean("permanent"),
    channelMessageId: text("channel_message_id"),
    detail: text("detail"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("letter_delivery_attempts_letter").on(t.letterId, t.id)],
);

/** A letter's delivery status over time (queued, sent, delivered, read, failed, cancelled), with the channel and why. */
export const letterStatusHistory = pgTable(
  "letter_status_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    letterId: uuid("letter_id").notNull().references(() => letters.id),
    status: text("status").notNull(),
    channel: text("channel"),
    detail: text("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("letter_status_history_letter").on(t.letterId, t.id)],
);

/**
 * A debtor's electronic addresses with where they came from and when (inkassoloven § 3 a: e-mail
 * only to an address the debtor has recently used with the creditor or agency and that is the
 * debtor's own). The delivery step reads these; nothing here is guessed.
 */
export const debtorDigitalAddresses = pgTable(
  "debtor_digital_addresses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    debtorId: uuid("debtor_id").notNull().references(() => debtors.id),
    kind: text("kind").notNull(), // email
    address: text("address").notNull(),
    /** How we know it, in words or a code: e.g. "debtor-wrote-to-creditor", "debtor-portal", "ledger-contact". */
    origin: text("origin").notNull(),
    /** The last date the debtor used it with the creditor or the agency. */
    usedOn: localDate("used_on").notNull(),
    /** Confirmed as the debtor's own (not an employer's or a shared address). */
    debtorsOwn: boolean("debtors_own").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("debtor_digital_addresses_key").on(t.debtorId, t.kind, t.address)],
);

/** Fees, salær and legal costs charged on a case, each with the rule and source that allowed it. */
export const charges = pgTable(
  "charges",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    kind: text("kind").notNull(),
    on: localDate("on").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    rule: text("rule").notNull(),
    source: text("source").notNull(),
    confidence: text("confidence").notNull(),
    /** To whom a charge is billed: the debtor (default) or the creditor (withdrawal costs). */
    payer: text("payer").notNull().default("debtor"),
    /** One charge per (case, key): "notice-fee", "light-salary", "legal-costs:2025-03-01", … */
    key: text("key").notNull(),
  },
  (t) => [uniqueIndex("charges_case_key").on(t.caseId, t.key)],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull(),
    caseId: uuid("case_id").references(() => cases.id),
    receivedOn: localDate("received_on").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** agency (paid to our account) | creditor (paid directly, reported by the ledger) | credit-note */
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    externalRef: text("external_ref").notNull(),
    reference: text("reference"),
    /**
     * Money paid to the agency on an open case is journaled in the creditor's ledger (docs/CASES.md, "Money on a case"):
     * due until the sync puts it on a batch voucher (one per creditor, integration and payment date),
     * whose outbox row is `payment-journal-batch:<journal_batch_id>`.
     */
    journalDue: boolean("journal_due").notNull().default(false),
    journalBatchId: uuid("journal_batch_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payments_source_key").on(t.creditorId, t.source, t.externalRef),
    index("payments_case").on(t.caseId),
    index("payments_journal_due").on(t.creditorId).where(sql`${t.journalDue} and ${t.journalBatchId} is null`),
  ],
);

export const allocations = pgTable(
  "allocations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    paymentId: uuid("payment_id").notNull().references(() => payments.id),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    bucket: text("bucket").notNull(),
    amountMinor: minor("amount_minor").notNull(),
  },
  (t) => [index("allocations_case").on(t.caseId), uniqueIndex("allocations_payment_bucket").on(t.paymentId, t.bucket)],
);

/** External writes (case numbers, status updates, vouchers) as rows in the same transaction as the change. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull(),
    kind: text("kind").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** The address used, where the channel needs one chosen (e-mail). */
    address: text("address"),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"), // pending | delivered | failed
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("outbox_key").on(t.idempotencyKey), index("outbox_pending").on(t.status, t.id).where(sql`${t.status} = 'pending'`)],
);

/** Cycle runs per (creditor, business date, step): what ran, when, with what counts. */
export const cycleRuns = pgTable(
  "cycle_runs",
  {
    creditorId: uuid("creditor_id").notNull(),
    businessDate: localDate("business_date").notNull(),
    step: text("step").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    counts: jsonb("counts").notNull().default({}),
  },
  (t) => [uniqueIndex("cycle_runs_key").on(t.creditorId, t.businessDate, t.step)],
);

/**
 * Cumulative interest day weights per jurisdiction, derived from the rule book's rate table at
 * start: `cum(d)` = Σ over days x ≤ d of rate_bp(x) × (365·366 / yearDays(x)). Interest on P from
 * a to b is then round(P × (cum(b) − cum(a)) / (10 000 × 365 × 366)) — the rule core's exact
 * formula, so the daily accrual is one set-based UPDATE.
 */
export const interestDayWeights = pgTable(
  "interest_day_weights",
  {
    jurisdiction: text("jurisdiction").notNull(),
    day: localDate("day").notNull(),
    cum: bigint("cum", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("interest_day_weights_key").on(t.jurisdiction, t.day)],
);

/**
 * A creditor's connections to its ledgers (src/integration/). Several per creditor, but only one
 * may open new cases (only one may create new cases; existing cases stay where they are when
 * that flag moves, docs/POWEROFFICE.md) — a partial unique index, not a hope. `credentials_ref` names
 * a secret (e.g. `env:POWEROFFICE_CLIENT_KEY_ACME`); the secret itself is never stored here.
 * `watermark` is the ledger-side instant up to which matched payments have been read.
 */
export const ledgerIntegrations = pgTable(
  "ledger_integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    kind: text("kind").notNull(), // poweroffice | …
    credentialsRef: text("credentials_ref").notNull(),
    /** Kind-specific, non-secret settings, e.g. `{ "baseUrl": "https://api-demo.poweroffice.net" }`. */
    settings: jsonb("settings").notNull().default({}),
    canCreateCases: boolean("can_create_cases").notNull().default(false),
    active: boolean("active").notNull().default(true),
    watermark: timestamp("watermark", { withTimezone: true }),
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    lastSyncStatus: text("last_sync_status"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_integrations_key").on(t.creditorId, t.kind, t.credentialsRef),
    uniqueIndex("ledger_integrations_case_creator").on(t.creditorId).where(sql`${t.canCreateCases}`),
  ],
);

/**
 * One sync of one integration: when, why, what it did (counts) and every item it set aside or
 * decided on, with the ledger's raw response where one was involved. A partial unique index
 * allows one running sync per integration.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    integrationId: uuid("integration_id").notNull().references(() => ledgerIntegrations.id),
    trigger: text("trigger").notNull(), // on-demand | daily
    businessDate: localDate("business_date").notNull(),
    status: text("status").notNull().default("running"), // running | ok | partial | failed | abandoned
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    counts: jsonb("counts").notNull().default({}),
    /** [{ step, ref, outcome, reasons?, error?: { code, retryable, detail, response? } }] */
    items: jsonb("items").notNull().default([]),
    error: text("error"),
  },
  (t) => [
    index("sync_runs_integration").on(t.integrationId, t.startedAt),
    uniqueIndex("sync_runs_one_running").on(t.integrationId).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * Bank files of payments to the agency's account (OCR giro, camt.054, BgMax), once each: the
 * sha256 of the bytes is unique, so the same file imported twice is applied once.
 */
export const bankFiles = pgTable(
  "bank_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sha256: text("sha256").notNull(),
    format: text("format").notNull(),
    /** The file's own id from its header. */
    fileId: text("file_id").notNull(),
    name: text("name").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    counts: jsonb("counts").notNull(),
  },
  // The same transmission sent again with other bytes is found by its identity (import-bank-file.ts).
  (t) => [uniqueIndex("bank_files_sha256").on(t.sha256), index("bank_files_identity").on(t.format, t.fileId)],
);

/**
 * Every payment line of a bank file, matched or not (nothing that arrived disappears from view):
 * `matched` (recorded on a case), `unmatched` (the manual-match queue, with suggestions) or
 * `error` (a line that could not be read, kept with its raw text); a queued line keeps why as a
 * code with its facts (`reason_code`, `reason_data`), stored when it is queued. The creditor key is set once
 * the payment is matched; the agency's account is not any one creditor's.
 */
export const bankPayments = pgTable(
  "bank_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bankFileId: uuid("bank_file_id").notNull().references(() => bankFiles.id),
    lineRef: text("line_ref").notNull(),
    creditorId: uuid("creditor_id").references(() => creditors.id),
    reference: text("reference"),
    referenceValid: boolean("reference_valid"),
    amountMinor: minor("amount_minor"),
    currency: text("currency"),
    bookedOn: localDate("booked_on"),
    payer: jsonb("payer"),
    bankReference: text("bank_reference"),
    raw: text("raw"),
    status: text("status").notNull(),
    note: text("note"),
    /** Why an unmatched (or duplicate) line waits, as a code (`UnmatchedReason` in src/collection/payments/bank-lines.ts); `note` is its English text. */
    reasonCode: text("reason_code"),
    /** The facts the reason's text needs (`{ kid }`, `{ bookedOn, today }`, …). */
    reasonData: jsonb("reason_data"),
    suggestions: jsonb("suggestions"),
    caseId: uuid("case_id").references(() => cases.id),
    paymentId: uuid("payment_id").references(() => payments.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("bank_payments_line").on(t.bankFileId, t.lineRef),
    index("bank_payments_queue").on(t.status).where(sql`${t.status} = 'unmatched'`),
    // A line's fingerprint, for finding a likely repeat from another file (bank-lines.ts, likelyRepeats).
    index("bank_payments_fingerprint").on(t.bookedOn, t.amountMinor),
  ],
);

/** Documents kept with a case for the letters and the case handler: the invoice PDF from the ledger, … */
export const caseDocuments = pgTable(
  "case_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    kind: text("kind").notNull(), // invoice-pdf | payment-plan-confirmation:<plan> | payment-plan-breach:<plan> | …
    contentType: text("content_type").notNull(),
    content: bytea("content").notNull(),
    /** The structured data the document was made from (a filing's fields, a plan's schedule), when it has any. */
    data: jsonb("data"),
    source: text("source").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("case_documents_case_kind").on(t.caseId, t.kind)],
);

/**
 * A settlement (avregning) per creditor and period: the computed split (`result`, the rule core's
 * Settlement), the posting proposal voucher, and the status of its delivery to the ledger. Each
 * allocation and creditor charge is settled once (`settlement_allocations`, unique per allocation).
 */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    periodFrom: localDate("period_from").notNull(),
    periodTo: localDate("period_to").notNull(),
    settledOn: localDate("settled_on").notNull(),
    result: jsonb("result").notNull(),
    voucher: jsonb("voucher").notNull(),
    payoutMinor: minor("payout_minor").notNull(),
    invoiceMinor: minor("invoice_minor").notNull(),
    /** Read back from the ledger: when the voucher was seen booked, and what the check found. */
    bookedAt: timestamp("booked_at", { withTimezone: true }),
    bookedCheck: jsonb("booked_check"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("settlements_period").on(t.creditorId, t.periodFrom, t.periodTo)],
);

/** A change of a creditor's payout account asked for by one person and approved or rejected by another (src/onboarding/payout-account-change.ts). */
export const payoutAccountChanges = pgTable(
  "payout_account_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    account: jsonb("account").notNull(),
    previousAccount: jsonb("previous_account"),
    /** pending | approved | rejected | superseded */
    status: text("status").notNull().default("pending"),
    requestedByKind: text("requested_by_kind").notNull(),
    requestedById: text("requested_by_id"),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("payout_account_changes_creditor").on(t.creditorId, t.status)],
);

/**
 * Each payout file written for a settlement (pain.001): attempt 1, and one more for each re-issue
 * after the bank rejected the one before. The message and end-to-end ids are what the bank's
 * pain.002 status report names; its answer is kept here (src/settlement/payout-status.ts).
 */
export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    settlementId: uuid("settlement_id").notNull().references(() => settlements.id),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    attempt: integer("attempt").notNull(),
    messageId: text("message_id").notNull(),
    endToEndId: text("end_to_end_id").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    /** The creditor's account the file pays to. */
    account: text("account").notNull(),
    /** issued | received | pending | accepted | partially_accepted | rejected */
    status: text("status").notNull().default("issued"),
    /** The bank's status code (RJCT, ACCP …) and its reasons in words. */
    statusCode: text("status_code"),
    reason: text("reason"),
    statusReportId: uuid("status_report_id"),
    statusAt: timestamp("status_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payouts_attempt").on(t.settlementId, t.attempt), uniqueIndex("payouts_message").on(t.messageId), index("payouts_status").on(t.status)],
);

/** Each pain.002 status report imported, once per bank message id, with what it set and what it named that no payout matched. */
export const payoutStatusReports = pgTable(
  "payout_status_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: text("message_id").notNull(),
    originalMessageId: text("original_message_id").notNull(),
    groupStatus: text("group_status"),
    reportCreatedAt: text("report_created_at"),
    sha256: text("sha256").notNull(),
    /** `{ applied: [...], unmatched: [...] }` as the import answered. */
    outcome: jsonb("outcome").notNull(),
    importedBy: text("imported_by").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("payout_status_reports_message").on(t.messageId)],
);

export const settlementItems = pgTable(
  "settlement_items",
  {
    settlementId: uuid("settlement_id").notNull().references(() => settlements.id),
    creditorId: uuid("creditor_id").notNull(),
    /** "allocation:<id>" or "charge:<id>": what this settlement took in, never twice. */
    item: text("item").notNull(),
  },
  (t) => [uniqueIndex("settlement_items_item").on(t.item)],
);

// ---------------------------------------------------------------------------------------------
// Access: users, roles, sessions, API clients, audit, webhooks (src/access/).

/** A person who logs in to the portal. The e-mail is stored lower-case. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale").notNull().default("nb"),
    /** The user asked not to get the daily digest e-mail (src/notifications/daily-digest.ts). */
    digestOptOut: boolean("digest_opt_out").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email").on(t.email)],
);

/**
 * What a user may do where: a role on an accounting firm (firm-admin, firm-accountant), on one
 * creditor (creditor-user) or on the agency (case-handler, agency-finance, operator-admin: both
 * keys null).
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id),
    role: text("role").notNull(),
    firmId: uuid("firm_id").references(() => accountingFirms.id),
    creditorId: uuid("creditor_id").references(() => creditors.id),
    createdAt: createdAt(),
  },
  (t) => [index("memberships_user").on(t.userId)],
);

/** E-mails sent to users (digests, …): one row per user, kind and key (e.g. the day), so a rerun sends nothing twice. */
export const notificationLog = pgTable(
  "notification_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    messageId: text("message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("notification_log_key").on(t.userId, t.kind, t.key)],
);

/**
 * One-time links e-mailed to people (src/access/account-tokens.ts): an invitation (sets the
 * password of an invited user), a password reset, or a firm's registration waiting for its
 * address to be confirmed (the firm and its administrator in `payload`, the password hashed).
 * Only the token's SHA-256 is stored; a token works once (`used_at`) and until `expires_at`.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    kind: text("kind").notNull(), // invitation | password-reset | registration
    userId: uuid("user_id").references(() => users.id),
    email: text("email").notNull(),
    payload: jsonb("payload"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("account_tokens_hash").on(t.tokenHash), index("account_tokens_user").on(t.userId)],
);

/** Portal sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** API clients (system integrations): the key is shown once; its prefix finds the row, its hash proves it. */
export const apiClients = pgTable(
  "api_clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    firmId: uuid("firm_id").references(() => accountingFirms.id),
    creditorId: uuid("creditor_id").references(() => creditors.id),
    keyPrefix: text("key_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdBy: text("created_by"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_clients_prefix").on(t.keyPrefix)],
);

/** Who did what, when, from where: one row per write (and per login, failed or not). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: text("actor_kind").notNull(), // user | api-client | system | anonymous
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    firmId: uuid("firm_id"),
    creditorId: uuid("creditor_id"),
    action: text("action").notNull(),
    target: text("target"),
    ip: text("ip"),
    outcome: text("outcome").notNull(), // ok | denied | failed
    details: jsonb("details").notNull().default({}),
  },
  (t) => [index("audit_log_firm").on(t.firmId, t.id), index("audit_log_creditor").on(t.creditorId, t.id)],
);

/** Webhook subscriptions of a firm or a creditor; the signing secret is encrypted at rest. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    firmId: uuid("firm_id").references(() => accountingFirms.id),
    creditorId: uuid("creditor_id").references(() => creditors.id),
    url: text("url").notNull(),
    secretEnc: text("secret_enc").notNull(),
    events: jsonb("events").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_firm").on(t.firmId), index("webhooks_creditor").on(t.creditorId)],
);

/** One event for one webhook: delivered once (its idempotency key is the event id), retried with backoff. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: uuid("webhook_id").notNull().references(() => webhooks.id),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    body: jsonb("body").notNull(),
    status: text("status").notNull().default("pending"), // pending | delivered | failed
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhook_deliveries_key").on(t.webhookId, t.eventId), index("webhook_deliveries_due").on(t.status, t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * A payment plan (betalingsavtale) on a case (docs/CASES.md, "Payment plans"): its instalments
 * as agreed (`[{ dueOn, amountMinor, kid }]`), what had been paid on the case before it (so the
 * plan counts only what is paid since), the grace period, and how it ended. One active plan per
 * case; the case's hold (`hold_kind = 'payment-plan'`, `hold_reason` = the plan's id) holds the
 * case while it is active.
 */
export const paymentPlans = pgTable(
  "payment_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    /** active | completed | broken | cancelled */
    status: text("status").notNull().default("active"),
    agreedOn: localDate("agreed_on").notNull(),
    agreedBy: text("agreed_by").notNull(),
    currency: text("currency").notNull(),
    totalMinor: minor("total_minor").notNull(),
    instalments: jsonb("instalments").notNull(),
    /** plan: the case's KID for every instalment; instalment: one KID per instalment (payment_plan_kids). */
    kidMode: text("kid_mode").notNull(),
    graceDays: integer("grace_days").notNull(),
    /** Money paid on the case (agency, creditor, reversals) before the plan was agreed. */
    paidBeforeMinor: minor("paid_before_minor").notNull(),
    /** The instalment agreement's cost charged with the plan (inkassoforskriften § 2-4), 0 if none. */
    costMinor: minor("cost_minor").notNull().default(0),
    endedOn: localDate("ended_on"),
    endReason: text("end_reason"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payment_plans_active_case").on(t.caseId).where(sql`${t.status} = 'active'`), index("payment_plans_creditor_active").on(t.creditorId).where(sql`${t.status} = 'active'`)],
);

/** One KID per instalment of a plan (kid_mode = 'instalment'): a payment with it is matched to the plan's case. */
export const paymentPlanKids = pgTable("payment_plan_kids", {
  kid: text("kid").primaryKey(),
  planId: uuid("plan_id").notNull().references(() => paymentPlans.id),
  caseId: uuid("case_id").notNull().references(() => cases.id),
  instalment: integer("instalment").notNull(),
});

/**
 * A legal step taken on a case (docs/CASES.md, "The legal phase"): a forliksklage to the
 * forliksråd or a begjæring om utlegg to the namsmann, filed on a day with its tvangsgrunnlag
 * (utlegg); its hearing, judgment, utleggsforretning and result are dated timeline rows
 * (`legal-hearing`, `legal-judgment`, …) carrying the proceeding's id; `status` follows them.
 */
export const legalProceedings = pgTable(
  "legal_proceedings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    /** forliksklage | utlegg */
    step: text("step").notNull(),
    filedOn: localDate("filed_on").notNull(),
    filedBy: text("filed_by").notNull(),
    /** filed | hearing | judgment | utleggsforretning | closed */
    status: text("status").notNull().default("filed"),
    tvangsgrunnlag: jsonb("tvangsgrunnlag"),
    /** The result when closed: paid, no-means (intet til utlegg), dismissed, … */
    result: text("result"),
    judgmentOn: localDate("judgment_on"),
    createdAt: createdAt(),
  },
  (t) => [index("legal_proceedings_case").on(t.caseId)],
);

/**
 * Every lookup of information about a debtor (the company register now; a credit bureau later),
 * with its purpose and the user or job that asked — the law asks for a legitimate need for a
 * credit check, and a register that was down is seen and retried, never taken as an answer.
 */
export const debtorChecks = pgTable(
  "debtor_checks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    caseId: uuid("case_id").references(() => cases.id),
    /** company-register | credit-check */
    source: text("source").notNull(),
    subject: text("subject").notNull(),
    purpose: text("purpose").notNull(),
    actor: text("actor").notNull(),
    checkedOn: localDate("checked_on").notNull(),
    /** ok | bankrupt | winding-up | deleted | not-found | unavailable */
    outcome: text("outcome").notNull(),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("debtor_checks_case").on(t.caseId, t.checkedOn)],
);

/**
 * A payment remark (betalingsanmerkning) on a case, reported to the credit bureau and deleted
 * there when the claim is paid, credited or withdrawn (docs/CASES.md, "Payment remarks"). One per
 * case; `status`: to-report → reported → to-delete → deleted (or cancelled: ended before it was
 * reported). A bureau that is down leaves the row where it was with the attempt counted.
 */
export const paymentRemarks = pgTable(
  "payment_remarks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    registeredOn: localDate("registered_on").notNull(),
    basis: text("basis").notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status").notNull().default("to-report"),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    deleteReason: text("delete_reason"),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payment_remarks_case").on(t.caseId), index("payment_remarks_status").on(t.status)],
);

/**
 * Answers to requests sent with an `Idempotency-Key` (docs/API.md, "Idempotency"): per caller
 * (`principal`: `user:<id>` or `api-client:<id>`) and key, the route, a hash of the request and
 * the answer given, replayed when the same request comes again. `status` is null while the
 * first request is still being answered.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    route: text("route").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    contentType: text("content_type"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("idempotency_keys_principal_key").on(t.principal, t.key), index("idempotency_keys_created").on(t.createdAt)],
);

/**
 * The portal's notifications (the bell in the header, src/notifications/notifications.ts): one row
 * per user and event — drafts or gates waiting, a settlement, a failed sync, a new message on a
 * case — written by the same events as the e-mails. `key` makes each event one row per user
 * (the day, the settlement, the failure streak's first run, the message); `data` holds the facts
 * the portal words in the reader's language.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").notNull().references(() => users.id),
    kind: text("kind").notNull(), // waiting | settlement | sync-failed | message
    key: text("key").notNull(),
    creditorId: uuid("creditor_id").references(() => creditors.id),
    caseId: uuid("case_id").references(() => cases.id),
    data: jsonb("data").notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notifications_key").on(t.userId, t.kind, t.key), index("notifications_user").on(t.userId, t.id)],
);

/**
 * Messages on a case between the agency's case handlers and the creditor's or firm's people
 * (src/collection/messages/). `side` is who wrote it: `agency` or `client`.
 */
export const caseMessages = pgTable(
  "case_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull().references(() => cases.id),
    creditorId: uuid("creditor_id").notNull().references(() => creditors.id),
    authorUserId: uuid("author_user_id").references(() => users.id),
    authorName: text("author_name").notNull(),
    side: text("side").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_messages_case").on(t.caseId, t.createdAt)],
);

/** A message's attachments: PDF, PNG or JPEG by their bytes (not by the name or the sender's type), in the database. */
export const caseMessageAttachments = pgTable(
  "case_message_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id").notNull().references(() => caseMessages.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_message_attachments_message").on(t.messageId)],
);
