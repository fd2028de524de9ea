import type { CreditorContext } from "../../collection/cases/creditor.js";
import type { CollectionSettings } from "../../collection/settings.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { ledgerLetterFact, type LedgerLetterFact } from "../../domain/case/index.js";
import type { EligibilitySettings } from "../../domain/eligibility/index.js";
import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { INSERT_OUTBOX_SQL, outboxMessage, outboxRecords } from "../../platform/outbox-messages.js";
import type { LedgerCustomer, LedgerInvoice } from "../ledger-connector.js";
import { openLinkedCases, type LinkedClaim } from "./open-linked-cases.js";
import { scopedRef, sourceOf, type SyncContext } from "./sync-context.js";
import { blockingReasons, judgeTransfer, type Judgement } from "./transfer-decision.js";
import type { TransferPolicy } from "../../collection/transfer-policy.js";

/**
 * Writes a batch of judged invoices in one transaction, set-based: the debtors and the claims
 * (with their transfer state and decision) upserted in one statement each, the cases of the
 * invoices that go now opened together (openLinkedCases), the rejections queued in one statement.
 * A batch that fails is written again one invoice at a time, so a bad invoice is set aside alone.
 */
export interface PreparedInvoice {
  readonly invoice: LedgerInvoice;
  readonly customer: LedgerCustomer;
  /** Read when the invoice may go: what is open after the items matched against it, and their ids. */
  readonly matched: { readonly openMinor: number; readonly itemIds: readonly string[] } | null;
}

export interface ImportEnv {
  readonly ctx: SyncContext;
  readonly creditor: CreditorContext;
  readonly settings: EligibilitySettings;
  readonly policy: TransferPolicy;
  /** The day the creditor was activated (the one-time choice about invoices already overdue then). */
  readonly activatedOn: LocalDate | null;
  /** Invoice numbers of the creditor's cases; grows as cases are opened. */
  readonly registered: Set<string>;
}

/** What a draft needs to be opened later without the ledger (approve-drafts.ts). */
export interface DraftBasis {
  readonly integrationId: string;
  readonly kind: string;
  readonly invoiceId: string;
  readonly preTransferItemIds: readonly string[];
  readonly debtorType: "consumer" | "business";
  readonly ledgerNotice: { readonly sentOn: string; readonly deadline: string } | null;
}

interface Judged {
  readonly item: PreparedInvoice;
  readonly openMinor: number;
  readonly judgement: Judgement;
}

const STATE = { blocked: "blocked", waiting: "waiting", draft: "draft", transfer: "transferred" } as const;

/** Writes the batch; falls back to one transaction per invoice when the batch fails. */
export async function writeInvoices(env: ImportEnv, items: readonly PreparedInvoice[]): Promise<void> {
  if (items.length === 0) return;
  try {
    await writeTogether(env, items);
  } catch (e) {
    if (items.length === 1) {
      env.ctx.report.setAside("invoices", items[0]!.invoice.id, e, { invoiceNumber: items[0]!.invoice.invoiceNumber });
      return;
    }
    for (const item of items) await writeInvoices(env, [item]);
  }
}

async function writeTogether(env: ImportEnv, items: readonly PreparedInvoice[]): Promise<void> {
  const { ctx } = env;
  // Judged before the transaction, in order, so that a duplicate invoice number in the batch is caught.
  const added: string[] = [];
  const judged: Judged[] = [];
  try {
    for (const item of items) {
      const j = judge(env, item);
      judged.push(j);
      if (j.judgement.state === "transfer" && !env.registered.has(item.invoice.invoiceNumber)) {
        env.registered.add(item.invoice.invoiceNumber);
        added.push(item.invoice.invoiceNumber);
      }
    }
    const outcome = await ctx.database.transaction((tx) => write(tx, env, judged));
    report(env, judged, outcome);
  } catch (e) {
    for (const n of added) env.registered.delete(n);
    throw e;
  }
}

function judge(env: ImportEnv, item: PreparedInvoice): Judged {
  const { invoice, customer, matched } = item;
  const openMinor = matched?.openMinor ?? invoice.openMinor;
  const judgement = judgeTransfer(invoice, openMinor, customer, env.settings, env.policy, { today: env.ctx.today, registeredInvoiceNumbers: env.registered, activatedOn: env.activatedOn });
  if ((judgement.state === "transfer" || judgement.state === "draft") && matched === null) {
    // The matched items are read whenever the manual decision lets the invoice go; the set of
    // registered numbers only grows, so a later judgement cannot let through what the first held.
    throw new DomainError("internal", `invoice ${invoice.invoiceNumber} was judged without its matched items`, "matchedItems");
  }
  return { item, openMinor, judgement };
}

interface Outcome {
  readonly opened: Map<string, string>;
  readonly claimIds: Map<string, string>;
}

async function write(tx: Queryable, env: ImportEnv, judged: readonly Judged[]): Promise<Outcome> {
  const { ctx, creditor } = env;
  const source = sourceOf(ctx);
  const dated = judged.filter((j) => j.item.invoice.dueDate !== null);

  const customers = new Map(dated.map((j) => [j.item.customer.ref, j.item.customer]));
  const debtorRows = await tx.query<{ id: string; external_id: string }>(
    `insert into debtors (creditor_id, source, external_id, type, name, address, org_number, birth_date, email, phone, language, customer_number)
     select $1, $2, x.external_id, x.type, x.name, x.address, x.org_number, x.birth_date, x.email, x.phone, x.language, x.customer_number
       from jsonb_to_recordset($3::jsonb) as x(external_id text, type text, name text, address jsonb, org_number text, birth_date date, email text, phone text, language text, customer_number text)
     on conflict (creditor_id, source, external_id) do update set type = excluded.type, name = excluded.name, address = excluded.address, customer_number = excluded.customer_number,
       org_number = excluded.org_number, birth_date = excluded.birth_date, email = excluded.email, phone = excluded.phone, language = excluded.language
     returning id, external_id`,
    [creditor.id, source, JSON.stringify([...customers.values()].map((c) => debtorRow(ctx, creditor.jurisdiction, c)))],
  );
  const debtorOf = new Map(debtorRows.map((d) => [d.external_id, d.id]));

  const claimRows = await tx.query<{ id: string; external_id: string }>(
    `insert into claims (creditor_id, debtor_id, source, external_id, invoice_number, description, issue_date, due_date, currency, amount_minor, open_minor, status, kid, transfer_state, eligibility)
     select $1, x.debtor_id, $2, x.external_id, x.invoice_number, x.description, x.issue_date, x.due_date, x.currency, x.amount_minor, x.open_minor, x.status, x.kid, x.transfer_state, x.eligibility
       from jsonb_to_recordset($3::jsonb) as x(debtor_id uuid, external_id text, invoice_number text, description text, issue_date date, due_date date, currency text,
                                               amount_minor int8, open_minor int8, status text, kid text, transfer_state text, eligibility jsonb)
     on conflict (creditor_id, source, external_id) do update set debtor_id = excluded.debtor_id, invoice_number = excluded.invoice_number,
       description = excluded.description, issue_date = excluded.issue_date, due_date = excluded.due_date, amount_minor = excluded.amount_minor,
       open_minor = excluded.open_minor, status = excluded.status, kid = excluded.kid, transfer_state = excluded.transfer_state, eligibility = excluded.eligibility
       -- An invoice transferred meanwhile (an approved draft) keeps its case and its state.
       where claims.transfer_state is distinct from 'transferred' and not exists (select 1 from cases k where k.claim_id = claims.id)
     returning id, external_id`,
    [creditor.id, source, JSON.stringify(dated.map((j) => claimRow(env, j, debtorOf.get(scopedRef(ctx, j.item.customer.ref))!)))],
  );
  const claimIds = new Map(claimRows.map((c) => [c.external_id, c.id]));

  const toOpen: LinkedClaim[] = [];
  for (const j of dated) {
    const claimId = claimIds.get(j.item.invoice.id);
    if (j.judgement.state !== "transfer" || claimId === undefined) continue;
    const { invoice, customer } = j.item;
    toOpen.push({
      claimId,
      debtorId: debtorOf.get(scopedRef(ctx, customer.ref))!,
      debtorType: customer.isPerson ? "consumer" : "business",
      dueDate: invoice.dueDate!,
      principalMinor: j.openMinor,
      ledgerNotice: ledgerNoticeOf(invoice),
      ledgerLetters: ledgerLettersOf(invoice, creditor, ctx.today),
      integrationId: ctx.integration.id,
      kind: ctx.integration.kind,
      invoiceId: invoice.id,
      invoiceNumber: invoice.invoiceNumber,
      preTransferItemIds: j.item.matched?.itemIds ?? [],
    });
  }
  const opened = await openLinkedCases(tx, creditor, toOpen, ctx.today, ctx.actor);
  const invoiceOfClaim = new Map(toOpen.map((c) => [c.claimId, c.invoiceId]));

  const rejections = judged.filter((j) => j.judgement.state === "blocked");
  if (rejections.length > 0) {
    const { integration } = ctx;
    const messages = rejections.map(({ item: { invoice }, judgement }) =>
      outboxMessage("ledger-rejection", `ledger-rejection:${integration.id}:${invoice.id}:${invoice.lastChanged?.toISOString() ?? ctx.today}`, {
        integrationId: integration.id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.invoiceNumber,
        claimId: claimIds.get(invoice.id) ?? null,
        reference: `AVVIST-${invoice.invoiceNumber}`,
        decidedOn: ctx.today.toString(),
        reasons: blockingReasons(judgement.decision),
      }),
    );
    await tx.query(INSERT_OUTBOX_SQL, [outboxRecords(creditor.id, messages)]);
  }
  return { opened: new Map(opened.map((o) => [invoiceOfClaim.get(o.claimId)!, o.caseId])), claimIds };
}

function report(env: ImportEnv, judged: readonly Judged[], outcome: Outcome): void {
  const { report: r, runState } = env.ctx;
  for (const { item: { invoice }, judgement } of judged) {
    const base = { step: "invoices" as const, ref: invoice.id, invoiceNumber: invoice.invoiceNumber };
    switch (judgement.state) {
      case "transfer": {
        const caseId = outcome.opened.get(invoice.id);
        if (caseId === undefined) {
          r.count("alreadyOpen");
          break;
        }
        r.count("opened");
        runState.openedInImport.add(caseId);
        break;
      }
      case "blocked": {
        r.count("rejected");
        r.item({ ...base, outcome: "rejected", reasons: blockingReasons(judgement.decision) });
        break;
      }
      case "draft":
      case "waiting": {
        // A draft or waiting invoice taken meanwhile (an approved draft) is not reported again.
        if (invoice.dueDate !== null && !outcome.claimIds.has(invoice.id)) {
          r.count("alreadyOpen");
          break;
        }
        r.count(judgement.state === "draft" ? "drafts" : "waiting");
        r.item({ ...base, outcome: judgement.state, eligibleOn: judgement.eligibleOn?.toString() ?? null, reasons: judgement.reasons.map((x) => ({ code: x.code, text: x.text })) });
        break;
      }
    }
  }
}

/** The creditor's country's language for a debtor at home (or without an address), English abroad. */
const HOME_LANGUAGE: Readonly<Record<CreditorContext["jurisdiction"], string>> = { NO: "nb", SE: "sv" };

export function debtorLanguage(jurisdiction: CreditorContext["jurisdiction"], country: string | null): string {
  return country === null || country === jurisdiction ? HOME_LANGUAGE[jurisdiction] : "en";
}

function debtorRow(ctx: SyncContext, jurisdiction: CreditorContext["jurisdiction"], customer: LedgerCustomer) {
  const a = customer.address;
  return {
    external_id: scopedRef(ctx, customer.ref),
    // The ledger's customer code: the creditor's customer number, printed on letters.
    customer_number: customer.ref,
    type: customer.isPerson ? "consumer" : "business",
    name: customer.name,
    address: a ? { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), postcode: a.postcode, city: a.city, country: a.country } : null,
    org_number: customer.orgNumber,
    birth_date: customer.birthDate?.toString() ?? null,
    email: customer.email,
    phone: customer.phone,
    language: debtorLanguage(jurisdiction, a?.country ?? null),
  };
}

function claimRow(env: ImportEnv, j: Judged, debtorId: string) {
  const { invoice, customer } = j.item;
  const open = Math.max(0, j.openMinor);
  const { judgement } = j;
  const basis: DraftBasis | undefined =
    judgement.state === "draft"
      ? {
          integrationId: env.ctx.integration.id,
          kind: env.ctx.integration.kind,
          invoiceId: invoice.id,
          preTransferItemIds: j.item.matched?.itemIds ?? [],
          debtorType: customer.isPerson ? "consumer" : "business",
          ledgerNotice: ((n) => (n ? { sentOn: n.sentOn.toString(), deadline: n.deadline.toString() } : null))(ledgerNoticeOf(invoice)),
        }
      : undefined;
  return {
    debtor_id: debtorId,
    external_id: invoice.id,
    invoice_number: invoice.invoiceNumber,
    description: claimDescription(invoice, env.creditor.settings),
    issue_date: invoice.invoiceDate.toString(),
    due_date: invoice.dueDate!.toString(),
    currency: invoice.currency,
    amount_minor: invoice.amountMinor,
    open_minor: open,
    status: open === 0 ? "paid" : open < invoice.amountMinor ? "partly-paid" : "sent",
    kid: invoice.kid,
    transfer_state: STATE[judgement.state],
    eligibility: {
      status: judgement.status,
      reasons: judgement.reasons,
      eligibleOn: judgement.eligibleOn?.toString() ?? null,
      judgedOn: env.ctx.today.toString(),
      ...(basis ? { basis } : {}),
      // What travels from the ledger with the invoice for the agency (the seller's note, the e-invoice flag).
      ...(invoice.facts ? { ledger: { sellerNote: invoice.facts.sellerNote, eInvoice: invoice.facts.eInvoice, financed: invoice.financed === true } } : {}),
    },
  };
}

/**
 * The ledger's last letter (PowerOffice: LastReminderVoucherType 71 purring / 72 inkassovarsel,
 * with its sent and due dates) for the case's fee decisions. The ledger gives no fee: null, which
 * the case takes as charged (inkassoforskriften § 1-3: the limits count the creditor's own fees).
 */
function ledgerLettersOf(invoice: LedgerInvoice, creditor: CreditorContext, today: LocalDate): LedgerLetterFact[] {
  const letter = invoice.lastLetter;
  if (letter?.sentOn) return [ledgerLetterFact(letter.kind, letter.sentOn, letter.dueOn, null)];
  // A Swedish creditor whose ledger sends a påminnelse it does not report (Procountor): the
  // creditor's `ledgerReminderFee` says it was sent, with that fee — at the latest on the day of
  // transfer, the one date known to be no later than the real one (settings.ts).
  const fee = creditor.jurisdiction === "SE" ? creditor.settings.ledgerReminderFee : null;
  return fee ? [ledgerLetterFact("reminder", today, null, { amount: fee, currency: creditor.currency })] : [];
}

function ledgerNoticeOf(invoice: LedgerInvoice): { sentOn: LocalDate; deadline: LocalDate } | null {
  const letter = invoice.lastLetter;
  return letter?.kind === "collection-notice" && letter.sentOn && letter.dueOn ? { sentOn: letter.sentOn, deadline: letter.dueOn } : null;
}

/**
 * The claim's text on the letters, from what the ledger gives, where the creditor's settings say
 * so: the invoice's additional information and first product lines (`letterInvoiceDetails`, at
 * most 1000 characters), and its original number (`letterOriginalInvoiceNumber`). Null: the
 * letter says "Faktura <number>".
 */
export function claimDescription(invoice: LedgerInvoice, settings: Pick<CollectionSettings, "letterInvoiceDetails" | "letterOriginalInvoiceNumber">): string | null {
  const f = invoice.facts;
  if (!f) return null;
  const parts: string[] = [];
  if (settings.letterInvoiceDetails) parts.push(...[f.additionalInformation, ...f.productLines].filter((p): p is string => p !== null && p.trim() !== ""));
  const details = parts.join("; ").slice(0, 1000);
  const original = settings.letterOriginalInvoiceNumber && f.originalInvoiceNumber ? `originalfaktura ${f.originalInvoiceNumber}` : null;
  const text = [details, original].filter((p) => p !== null && p !== "").join(" – ");
  return text === "" ? null : text;
}
