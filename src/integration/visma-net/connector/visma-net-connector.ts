import { createHash } from "node:crypto";
import type { LocalDate } from "../../../domain/calendar/local-date.js";
import {
  LedgerError,
  type CaseStatusInput,
  type CreateCaseInput,
  type CreatedCase,
  type CustomerLedgerItem,
  type FoundVoucher,
  type LedgerBatch,
  type LedgerConnector,
  type LedgerCustomer,
  type LedgerDocument,
  type LedgerInvoice,
  type LedgerMatchGroup,
  type LedgerMatchedItem,
  type PostedVoucher,
  type RejectInput,
  type StatusOutcome,
  type UnreadableItem,
  type VoucherInput,
  type VoucherLineInput,
} from "../../ledger-connector.js";
import { DEFAULT_BACKOFF, createPacer, type Timing } from "../../poweroffice/connector/pacing.js";
import type { PowerOfficeConnectorOptions } from "../../poweroffice/connector/poweroffice-connector.js";
import { createExchange } from "../../poweroffice/connector/transport.js";
import { createVismaApi, UNCHECKED, type Answer, type Outcome, type VismaApi } from "./http.js";
import { checked, dateOf, filterInstant, minor, paymentItems, readApplication, readCustomer, readInvoice, readPayment, type WireInvoice } from "./read.js";

/**
 * The LedgerConnector for Visma.net ERP (docs/VISMA-NET.md). Visma.net has no debt-collection
 * service of its own: the company's dunning routine picks the receivables (the dunning level),
 * the agency's case is the invoice's `debtCollection` block (case number, type, status, URL), the
 * agency's payments are customer payments on the balance account (1510 by default) applied to the
 * invoice, and settlements are GL journal transactions, released.
 *
 * Idempotency: Visma.net has no idempotency key, so every document we create gets its number
 * from our key (`overrideNumberSeries`): a payment `FDP…`, a journal `FDJ…`. Before a write is
 * repeated the number is looked up, and a second create of the same number is refused by Visma.
 * Invoice updates set values (not increments) under `If-Match`: repeating one is harmless, and a
 * stale ETag (412) is read again and retried.
 */
/** The transport's options are PowerOffice's: fetch, clock, sleep, jitter, pacing, attempts, timeout, backoff. */
type TransportOptions = Pick<PowerOfficeConnectorOptions, "fetch" | "clock" | "sleep" | "random" | "requestsPerSecond" | "maxAttempts" | "timeoutMs" | "backoff">;

export interface VismaNetConnectorOptions extends TransportOptions {
  /** `https://api.finance.visma.net` or a sandbox. */
  readonly baseUrl: string;
  /** Default `https://connect.visma.com/connect/token`; a sandbox: `${baseUrl}/connect/token`. */
  readonly tokenUrl?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The company (Visma Connect tenant id). */
  readonly tenantId: string;
  /** At most the vendor's max page size (5000). Default 1000. */
  readonly pageSize?: number;
  /** The dunning level at which the company's dunning routine hands an invoice to the agency ("purrerutinen velger"). Default 1. */
  readonly transferAtDunningLevel?: number;
  /** Where the agency's payments are held until settlement. Default "1510". */
  readonly balanceAccount?: string;
  /** The customer ledger's control account, for a settlement's customer lines. Default "1500". UNCERTAIN. */
  readonly receivableAccount?: string;
  /** Writes through `erp-api-background`, polled until done (for companies where Visma asks for it). Default false. */
  readonly backgroundWrites?: boolean;
  /** Polls of a background job before it counts as lost. Default 8. */
  readonly backgroundPolls?: number;
}

export const VISMA_NET_API_URL = "https://api.finance.visma.net";
export const VISMA_CONNECT_TOKEN_URL = "https://connect.visma.com/connect/token";
const SCOPE = "vismanet_erp_service_api:read vismanet_erp_service_api:create vismanet_erp_service_api:update";

/** Rounds of "write, and if the answer is lost, look" before giving up for this run. */
const WRITE_ROUNDS = 3;
const CASE_TYPE = "Inkasso";
const REJECTED_TYPE = "Avvist";

export function createVismaNetConnector(o: VismaNetConnectorOptions): LedgerConnector {
  const timing: Timing = {
    now: o.clock ? () => o.clock!.now() : () => new Date(),
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: o.random ?? Math.random,
  };
  const base = o.baseUrl.replace(/\/+$/, "");
  const api = createVismaApi({
    baseUrl: base,
    tokenUrl: o.tokenUrl ?? VISMA_CONNECT_TOKEN_URL,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    tenantId: o.tenantId,
    scope: SCOPE,
    exchange: createExchange(o.fetch, createPacer(timing, o.requestsPerSecond ?? 20), o.timeoutMs ?? 30_000),
    timing,
    backoff: o.backoff ?? DEFAULT_BACKOFF,
    maxAttempts: o.maxAttempts ?? 6,
    backgroundPolls: o.backgroundPolls ?? 8,
  });
  return new VismaNetConnector(api, timing, {
    pageSize: o.pageSize ?? 1000,
    level: o.transferAtDunningLevel ?? 1,
    balanceAccount: o.balanceAccount ?? "1510",
    receivableAccount: o.receivableAccount ?? "1500",
    background: o.backgroundWrites ?? false,
  });
}

interface Settings {
  readonly pageSize: number;
  readonly level: number;
  readonly balanceAccount: string;
  readonly receivableAccount: string;
  readonly background: boolean;
}

type Values = Record<string, { value: unknown }>;

/** An invoice's debtCollection block: case number, type and status (null: not set). */
interface Block {
  readonly caseNumber: string | null;
  readonly caseType: string | null;
  readonly caseStatus: string | null;
}

class VismaNetConnector implements LedgerConnector {
  readonly kind = "visma-net";
  /** Invoices the last read of receivables showed on no case: their case is written without reading them again. */
  private readonly seenWithoutCase = new Set<string>();
  /**
   * The debtCollection block of each invoice as this run last saw it: shown by a read (a list page
   * or the invoice itself) or written by this connector with a confirmed answer. A status the block
   * already shows is not written again, and a status for an invoice seen on our case is one PUT
   * with no read before it (If-Match is optional, as for the case block after a read of receivables).
   */
  private readonly shown = new Map<string, Block>();

  constructor(
    private readonly api: VismaApi,
    private readonly timing: Timing,
    private readonly s: Settings,
  ) {}

  /** Visma.net has no switch for it: the company can take cases when its API answers (the integration's flag decides). */
  async canCreateCases(): Promise<boolean> {
    await this.api.call("GET", "/v1/customer", { route: UNCHECKED, query: { pageNumber: 1, pageSize: 1 } });
    return true;
  }

  /**
   * Open invoices with a positive balance, past due, on no case yet, that the dunning routine has
   * brought to the transfer level. An invoice ticked "utelat fra prosessen for betalingsvarsler"
   * comes with `excludeFromDunning`, which the eligibility rules block (`excluded_from_dunning`).
   */
  async availableInvoices(): Promise<LedgerBatch<LedgerInvoice>> {
    const today = this.timing.now().toISOString().slice(0, 10);
    const { rows, unreadable } = await this.pages<WireInvoice>("/v1/customerinvoice", "CustomerInvoiceDto", { status: "Open", documentDueDate: today, documentDueDateCondition: "<" });
    const items: LedgerInvoice[] = [];
    for (const row of rows) {
      this.remember(row);
      if (!(row.balance !== undefined && row.balance > 0) || row.debtCollection?.caseNumber) continue;
      if ((row.dunningLetterLevel ?? 0) < this.s.level) continue;
      try {
        items.push(readInvoice(row));
        this.seenWithoutCase.add(row.referenceNumber);
      } catch (e) {
        unreadable.push({ ref: row.referenceNumber, error: asLedgerError(e) });
      }
    }
    return { items, unreadable };
  }

  async customer(ref: string): Promise<LedgerCustomer> {
    const res = await this.api.call("GET", `/v1/customer/${encodeURIComponent(ref)}`, { route: UNCHECKED });
    return readCustomer(res.data);
  }

  async matchedItems(invoiceId: string): Promise<LedgerBatch<LedgerMatchedItem>> {
    const { invoice } = await this.invoice(invoiceId);
    return this.applicationsOf(invoice);
  }

  /**
   * Invoices on a case whose applications may have changed since `since`: the invoices changed
   * since then, and the invoices named by the credit notes and customer payments changed since then.
   */
  async matchedItemsSince(since: Date): Promise<LedgerBatch<LedgerMatchGroup>> {
    const filter = { lastModifiedDateTime: filterInstant(since), lastModifiedDateTimeCondition: ">=" };
    const invoices = await this.pages<WireInvoice>("/v1/customerinvoice", "CustomerInvoiceDto", { ...filter, expandApplications: true });
    const unreadable = [...invoices.unreadable];
    for (const row of invoices.rows) this.remember(row);
    const byRef = new Map(invoices.rows.map((r) => [r.referenceNumber, r]));
    const named = new Set<string>();
    const notes = await this.pages<{ applications?: { refNbr?: string }[] }>("/v1/customerCreditNote", "CustomerCreditNoteDto", { ...filter, expandApplications: true });
    unreadable.push(...notes.unreadable);
    for (const n of notes.rows) for (const a of n.applications ?? []) if (a.refNbr) named.add(a.refNbr);
    const payments = await this.pages<{ paymentLines?: { refNbr?: string; documentType?: string }[] }>("/v1/customerPayment", "PaymentDto", filter);
    unreadable.push(...payments.unreadable);
    for (const p of payments.rows) for (const l of p.paymentLines ?? []) if (l.refNbr && (l.documentType ?? "Invoice") === "Invoice") named.add(l.refNbr);
    for (const ref of named) {
      if (byRef.has(ref)) continue;
      try {
        byRef.set(ref, (await this.invoice(ref)).invoice);
      } catch (e) {
        if (!(e instanceof LedgerError) || e.code === "unavailable" || e.code === "rate_limited") throw e;
        unreadable.push({ ref, error: e });
      }
    }
    const groups: LedgerMatchGroup[] = [];
    for (const invoice of byRef.values()) {
      if (!invoice.debtCollection?.caseNumber || invoice.debtCollection.caseType === REJECTED_TYPE) continue;
      const batch = this.applicationsOf(invoice);
      unreadable.push(...batch.unreadable);
      if (batch.items.length > 0) groups.push({ kid: invoice.paymentReference || null, items: batch.items });
    }
    return { items: groups, unreadable };
  }

  /** Writes the case number, type, status and URL into each invoice's debtCollection block. */
  async createCase(input: CreateCaseInput): Promise<CreatedCase> {
    let created = false;
    const fields = { debtCollectionCaseNbr: { value: input.caseNumber }, debtCollectionCaseType: { value: CASE_TYPE }, debtCollectionCaseStatus: { value: "Overført til inkasso" }, ...(input.caseUrl ? { debtCollectionCaseUrl: { value: input.caseUrl } } : {}) };
    for (const id of input.invoiceIds) {
      // Just read on no case, and no earlier attempt: one PUT (If-Match is optional), no second read.
      if (!input.mayExist && this.seenWithoutCase.delete(id)) {
        const outcome = await this.api.once("PUT", `/v1/customerinvoice/${encodeURIComponent(id)}`, { route: "/v1/customerinvoice/{invoiceNumber}", body: fields, background: this.s.background });
        if (outcome.status === "done") {
          this.wrote(id, fields);
          created = true;
          continue;
        }
      }
      const wrote = await this.updateInvoice(id, (inv) => {
        const dc = inv.debtCollection;
        if (dc?.caseNumber === input.caseNumber) return null;
        if (dc?.caseNumber && dc.caseType !== REJECTED_TYPE) throw new LedgerError("invalid", `invoice ${id} is already on debt collection case ${dc.caseNumber}`, { retryable: false, vendorCode: "AlreadyOnCase" });
        return fields;
      });
      created ||= wrote;
    }
    return { ledgerCaseId: caseIdOf(input.caseNumber, input.invoiceIds), created };
  }

  /** Marks the invoices rejected in their debtCollection block, so the next read skips them. */
  async rejectInvoices(input: RejectInput): Promise<void> {
    for (const id of input.invoiceIds) {
      await this.updateInvoice(id, (inv) => {
        const dc = inv.debtCollection;
        if (dc?.caseNumber === input.reference && dc.caseType === REJECTED_TYPE) return null;
        if (dc?.caseNumber && dc.caseType !== REJECTED_TYPE) return null;
        return { debtCollectionCaseNbr: { value: input.reference }, debtCollectionCaseType: { value: REJECTED_TYPE }, debtCollectionCaseStatus: { value: input.reason.slice(0, 255) } };
      });
    }
  }

  async updateCaseStatus(input: CaseStatusInput): Promise<StatusOutcome> {
    const { caseNumber, invoiceIds } = parseCaseId(input.ledgerCaseId);
    const status = `${input.closed ? "Avsluttet: " : ""}${input.statusText}`.slice(0, 255);
    let written = false;
    for (const id of invoiceIds) {
      const seen = this.shown.get(id);
      if (seen?.caseNumber === caseNumber && seen.caseType !== REJECTED_TYPE) {
        if (seen.caseStatus === status) continue;
        const body = { debtCollectionCaseStatus: { value: status } };
        const outcome = await this.api.once("PUT", `/v1/customerinvoice/${encodeURIComponent(id)}`, { route: "/v1/customerinvoice/{invoiceNumber}", body, background: this.s.background });
        if (outcome.status === "done") {
          this.wrote(id, body);
          written = true;
          continue;
        }
        // The answer was lost: read the invoice and decide anew, as without the memory.
        this.shown.delete(id);
        written = true;
      }
      const wrote = await this.updateInvoice(id, (inv) => {
        if (inv.debtCollection?.caseNumber !== caseNumber) throw new LedgerError("not_found", `invoice ${id} is no longer on case ${caseNumber} in Visma.net`, { retryable: false });
        return inv.debtCollection.caseStatus === status ? null : { debtCollectionCaseStatus: { value: status } };
      });
      written ||= wrote;
    }
    return { written };
  }

  /**
   * A voucher as Visma.net books it: each customer credit line becomes a customer payment on the
   * balance account applied to the invoice with that KID (numbered `FDP<hash><n>`), released; the
   * other lines (less what the payments put on the balance account) become one GL journal
   * transaction (`FDJ<hash>`), released. A customer line is one with a KID, or whose account is
   * not a four-digit GL account.
   */
  async postVoucher(input: VoucherInput): Promise<PostedVoucher> {
    if (input.idempotencyKey.length === 0) throw new LedgerError("invalid", "the idempotency key is empty", { retryable: false });
    const sum = input.lines.reduce((s, l) => s + l.amountMinor, 0);
    if (sum !== 0) throw new LedgerError("invalid", `the voucher ${input.idempotencyKey} is out of balance by ${sum} øre`, { retryable: false });
    const h = hashOf(input.idempotencyKey);
    const credits = mergeCustomerCredits(input.lines);
    let alreadyPosted = true;
    let paid = 0;
    for (const [i, c] of credits.entries()) {
      const refNbr = `FDP${h.slice(0, 9)}${String(i).padStart(3, "0")}`;
      paid += c.amountMinor;
      alreadyPosted = (await this.postPayment(refNbr, c, input)) && alreadyPosted;
    }
    const journal = journalLines(input.lines, paid, this.s);
    const batchNumber = `FDJ${h.slice(0, 12)}`;
    if (journal.length > 0) alreadyPosted = (await this.postJournal(batchNumber, journal, input)) && alreadyPosted;
    const voucherId = journal.length > 0 ? batchNumber : credits.length > 0 ? `FDP${h.slice(0, 9)}000` : null;
    return { voucherId, alreadyPosted: voucherId !== null && alreadyPosted };
  }

  async invoicePdf(invoiceId: string): Promise<LedgerDocument> {
    const res = await this.api.call("GET", `/v1/customerinvoice/${encodeURIComponent(invoiceId)}/print`, { route: UNCHECKED });
    if (res.contentType.includes("json")) throw new LedgerError("invalid", `the print of invoice ${invoiceId} is not a document`, { retryable: false });
    return { contentType: res.contentType || "application/pdf", bytes: res.bytes };
  }

  async findVoucher(idempotencyKey: string): Promise<FoundVoucher | null> {
    const h = hashOf(idempotencyKey);
    const journal = await this.getOrNull(`/v2/journaltransaction/FDJ${h.slice(0, 12)}`, "/v2/journaltransaction/{journalTransactionNumber}");
    const items: CustomerLedgerItem[] = [];
    let first: { refNbr: string; date: string | undefined } | undefined;
    const kids = new Map<string, string | null>();
    for (let i = 0; i < 1000; i++) {
      const found = await this.getOrNull(`/v1/customerPayment/FDP${h.slice(0, 9)}${String(i).padStart(3, "0")}`, "/v1/customerPayment/{paymentNumber}");
      if (!found) break;
      const p = readPayment(found.data);
      first ??= { refNbr: p.refNbr, date: p.applicationDate };
      for (const l of p.paymentLines ?? []) if (l.refNbr && !kids.has(l.refNbr)) kids.set(l.refNbr, (await this.invoice(l.refNbr)).invoice.paymentReference || null);
      items.push(...paymentItems(p, (ref) => kids.get(ref) ?? null));
    }
    if (!journal && !first) return null;
    const j = journal?.data as { batchNumber?: string; transactionDate?: string } | undefined;
    return {
      voucherId: j?.batchNumber ?? first!.refNbr,
      voucherNo: j?.batchNumber ?? first!.refNbr,
      date: dateOf(j?.transactionDate ?? first!.date, "voucher date"),
      reversed: false,
      customerItems: items,
    };
  }

  /** Open invoices and credit notes dated on or before `on`, with their balances as Visma.net has them now. */
  async openCustomerItems(on: LocalDate): Promise<LedgerBatch<CustomerLedgerItem>> {
    const day = on.toString();
    const items: CustomerLedgerItem[] = [];
    const unreadable: UnreadableItem[] = [];
    for (const [route, schema, isInvoice] of [["/v1/customerinvoice", "CustomerInvoiceDto", true], ["/v1/customerCreditNote", "CustomerCreditNoteDto", false]] as const) {
      const page = await this.pages<WireInvoice>(route, schema, { status: "Open", documentDate: day, documentDateCondition: "<=" });
      unreadable.push(...page.unreadable);
      for (const d of page.rows) {
        try {
          const sign = isInvoice ? 1 : -1;
          items.push({
            id: d.referenceNumber,
            customerRef: d.customer?.number ?? "",
            kid: d.paymentReference || null,
            documentNo: d.referenceNumber,
            voucherType: isInvoice ? "Invoice" : "CreditNote",
            isInvoice,
            voucherId: d.referenceNumber,
            voucherNo: d.referenceNumber,
            voucherDate: dateOf(d.documentDate, `${d.referenceNumber} documentDate`),
            amountMinor: sign * minor(d.amount, `${d.referenceNumber} amount`),
            balanceMinor: sign * minor(d.balance, `${d.referenceNumber} balance`),
            matchId: null,
            isWriteOff: false,
            externalImportReference: null,
            caseCode: d.debtCollection?.caseNumber ?? null,
          });
        } catch (e) {
          unreadable.push({ ref: d.referenceNumber, error: asLedgerError(e) });
        }
      }
    }
    return { items, unreadable };
  }

  // ——— helpers ———

  /** Every page of a list, each row checked against its schema (a row that breaks it is set aside with the field). */
  private async pages<T>(path: string, schema: string, query: Record<string, string | number | boolean>): Promise<{ rows: T[]; unreadable: UnreadableItem[] }> {
    const rows: T[] = [];
    const unreadable: UnreadableItem[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const res = await this.api.call("GET", path, { route: UNCHECKED, query: { ...query, pageNumber, pageSize: this.s.pageSize } });
      if (!Array.isArray(res.data)) throw new LedgerError("invalid", `${path} did not answer a list`, { retryable: false, response: { status: res.status, body: res.raw.slice(0, 20_000) }, vendorCode: "SchemaViolation" });
      const page = res.data as unknown[];
      page.forEach((row, i) => {
        try {
          rows.push(checked<T>(schema, row, `${path} page ${pageNumber}, row ${i + 1}`));
        } catch (e) {
          const ref = (row as { referenceNumber?: unknown; refNbr?: unknown } | null)?.referenceNumber ?? (row as { refNbr?: unknown } | null)?.refNbr;
          unreadable.push({ ref: typeof ref === "string" ? ref : `${path} page ${pageNumber}, row ${i + 1}`, error: asLedgerError(e) });
        }
      });
      const meta = (page[0] as { metadata?: { totalCount?: number; maxPageSize?: number } } | undefined)?.metadata;
      const size = Math.min(this.s.pageSize, meta?.maxPageSize ?? this.s.pageSize);
      if (page.length < size || (meta?.totalCount !== undefined && pageNumber * size >= meta.totalCount)) break;
    }
    return { rows, unreadable };
  }

  private async invoice(id: string): Promise<{ invoice: WireInvoice; etag: string | null }> {
    const res = await this.api.call("GET", `/v1/customerinvoice/${encodeURIComponent(id)}`, { route: UNCHECKED });
    const invoice = checked<WireInvoice>("CustomerInvoiceDto", res.data, `invoice ${id}`);
    this.remember(invoice);
    return { invoice, etag: res.etag };
  }

  /** What a read showed of the invoice's debtCollection block. */
  private remember(invoice: WireInvoice): void {
    const dc = invoice.debtCollection;
    this.shown.set(invoice.referenceNumber, { caseNumber: dc?.caseNumber ?? null, caseType: dc?.caseType ?? null, caseStatus: dc?.caseStatus ?? null });
  }

  /** What a confirmed write put into the block (the fields it did not name are as before). */
  private wrote(id: string, values: Values): void {
    const before = this.shown.get(id) ?? { caseNumber: null, caseType: null, caseStatus: null };
    const value = (field: string, otherwise: string | null) => (field in values ? (values[field]!.value as string) : otherwise);
    this.shown.set(id, { caseNumber: value("debtCollectionCaseNbr", before.caseNumber), caseType: value("debtCollectionCaseType", before.caseType), caseStatus: value("debtCollectionCaseStatus", before.caseStatus) });
  }

  private applicationsOf(invoice: WireInvoice): LedgerBatch<LedgerMatchedItem> {
    const items: LedgerMatchedItem[] = [];
    const unreadable: UnreadableItem[] = [];
    for (const a of invoice.applications ?? []) {
      if (a.voided) continue;
      try {
        items.push(readApplication(invoice, a, invoice.currencyId ?? "NOK"));
      } catch (e) {
        unreadable.push({ ref: `${invoice.referenceNumber}:${a.refNbr ?? "?"}`, error: asLedgerError(e) });
      }
    }
    return { items, unreadable };
  }

  /**
   * Reads the invoice, asks `change` what to write (null: nothing, it is already so), and PUTs it
   * under If-Match. A stale ETag (412) or a lost answer is read again and decided anew, so a write
   * lands once however the calls fail. Returns whether this call wrote.
   */
  private async updateInvoice(id: string, change: (invoice: WireInvoice) => Values | null): Promise<boolean> {
    let lost: LedgerError | undefined;
    let wrote = false;
    for (let round = 0; round < WRITE_ROUNDS + 2; round++) {
      const { invoice, etag } = await this.invoice(id);
      const body = change(invoice);
      if (body === null) return wrote;
      let outcome: Outcome;
      try {
        outcome = await this.api.once("PUT", `/v1/customerinvoice/${encodeURIComponent(id)}`, { route: "/v1/customerinvoice/{invoiceNumber}", body, background: this.s.background, ...(etag ? { headers: { "if-match": etag } } : {}) });
      } catch (e) {
        if (e instanceof LedgerError && e.vendorCode === "PreconditionFailed") continue;
        throw e;
      }
      if (outcome.status === "done") {
        this.wrote(id, body);
        return true;
      }
      lost = outcome.error;
      wrote = true;
    }
    throw lost ?? new LedgerError("unavailable", `the update of invoice ${id} could not be confirmed`);
  }

  private async getOrNull(path: string, route: string): Promise<Answer | null> {
    try {
      return await this.api.call("GET", path, { route });
    } catch (e) {
      if (e instanceof LedgerError && e.code === "not_found") return null;
      throw e;
    }
  }

  /** Creates (once) and releases one customer payment; true when it was already there and released. */
  private async postPayment(refNbr: string, c: CustomerCredit, input: VoucherInput): Promise<boolean> {
    const invoiceRef = await this.invoiceByKid(c.kid, c.customer);
    let existing = await this.getOrNull(`/v1/customerPayment/${refNbr}`, "/v1/customerPayment/{paymentNumber}");
    const wasThere = existing !== null;
    const body = {
      type: { value: "Payment" },
      referenceNumber: { value: refNbr },
      overrideNumberSeries: { value: true },
      customer: { value: c.customer },
      applicationDate: { value: `${input.date.toString()}T00:00:00` },
      paymentRef: { value: input.idempotencyKey },
      cashAccount: { value: this.s.balanceAccount },
      currency: { value: input.currency },
      paymentAmount: { value: c.amountMinor / 100 },
      invoiceText: { value: (c.description ?? input.description).slice(0, 150) },
      paymentLines: [{ operation: "Insert", documentType: { value: "Invoice" }, refNbr: { value: invoiceRef }, amountPaid: { value: c.amountMinor / 100 } }],
    };
    for (let round = 0; existing === null && round < WRITE_ROUNDS; round++) {
      const outcome = await this.createOnce("/v1/customerPayment", "/v1/customerPayment", body, `payment ${refNbr}`);
      existing = await this.getOrNull(`/v1/customerPayment/${refNbr}`, "/v1/customerPayment/{paymentNumber}");
      if (existing === null && outcome.status === "done") throw new LedgerError("invalid", `payment ${refNbr} was created but cannot be read back`, { retryable: true });
    }
    if (existing === null) throw new LedgerError("unavailable", `payment ${refNbr} could not be confirmed`);
    const status = readPayment(existing.data).status;
    if (status === "Closed" || status === "Open") return wasThere;
    await this.release(`/v1/customerPayment/${refNbr}/action/release`, "/v1/customerPayment/{paymentNumber}/action/release", { type: { value: "Payment" } }, async () => {
      const s = readPayment((await this.api.call("GET", `/v1/customerPayment/${refNbr}`, { route: "/v1/customerPayment/{paymentNumber}" })).data).status;
      return s === "Closed" || s === "Open";
    });
    return false;
  }

  private async postJournal(batchNumber: string, lines: JournalLine[], input: VoucherInput): Promise<boolean> {
    const path = `/v2/journaltransaction/${batchNumber}`;
    const route = "/v2/journaltransaction/{journalTransactionNumber}";
    let existing = await this.getOrNull(path, route);
    const wasThere = existing !== null;
    const body = {
      batchNumber: { value: batchNumber },
      overrideNumberSeries: { value: true },
      transactionDate: { value: `${input.date.toString()}T00:00:00` },
      description: { value: `${input.description} (${input.idempotencyKey})`.slice(0, 255) },
      currencyId: { value: input.currency },
      journalTransactionLines: lines.map((l) => ({
        operation: "Insert",
        accountNumber: { value: l.account },
        debitAmountInCurrency: { value: l.amountMinor > 0 ? l.amountMinor / 100 : 0 },
        creditAmountInCurrency: { value: l.amountMinor < 0 ? -l.amountMinor / 100 : 0 },
        ...(l.reference ? { referenceNumber: { value: l.reference } } : {}),
        ...(l.description ? { transactionDescription: { value: l.description.slice(0, 255) } } : {}),
      })),
    };
    for (let round = 0; existing === null && round < WRITE_ROUNDS; round++) {
      const outcome = await this.createOnce("/v2/journaltransaction", "/v2/journaltransaction", body, `journal ${batchNumber}`);
      existing = await this.getOrNull(path, route);
      if (existing === null && outcome.status === "done") throw new LedgerError("invalid", `journal ${batchNumber} was created but cannot be read back`, { retryable: true });
    }
    if (existing === null) throw new LedgerError("unavailable", `journal ${batchNumber} could not be confirmed`);
    if ((existing.data as { status?: string }).status === "Posted") return wasThere;
    await this.release(`${path}/action/release`, "/v2/journaltransaction/{journalTransactionNumber}/action/release", undefined, async () => ((await this.api.call("GET", path, { route })).data as { status?: string }).status === "Posted");
    return false;
  }

  /** A create that may have landed when its answer is lost; "already exists" means an earlier attempt did. */
  private async createOnce(path: string, route: string, body: unknown, what: string): Promise<Outcome | { status: "exists" }> {
    try {
      return await this.api.once("POST", path, { route, body, background: this.s.background });
    } catch (e) {
      if (e instanceof LedgerError && e.code === "invalid" && /already exists/i.test(e.detail)) return { status: "exists" };
      if (e instanceof LedgerError) throw new LedgerError(e.code, `${what}: ${e.detail}`, { retryable: e.retryable, ...(e.response ? { response: e.response } : {}), ...(e.vendorCode ? { vendorCode: e.vendorCode } : {}) });
      throw e;
    }
  }

  private async release(path: string, route: string, body: unknown, released: () => Promise<boolean>): Promise<void> {
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      try {
        const outcome = await this.api.once("POST", path, { route, ...(body === undefined ? {} : { body }), background: this.s.background });
        if (outcome.status === "done") {
          const result = (outcome.answer.data as { actionResult?: string; errorInfo?: string } | undefined)?.actionResult;
          if (result === "Failed") throw new LedgerError("invalid", `${path}: ${(outcome.answer.data as { errorInfo?: string }).errorInfo ?? "release failed"}`, { retryable: false });
        }
      } catch (e) {
        if (!(e instanceof LedgerError) || !/already released/i.test(e.detail)) throw e;
      }
      if (await released()) return;
    }
    throw new LedgerError("unavailable", `${path} could not be confirmed`);
  }

  private async invoiceByKid(kid: string | null, customer: string): Promise<string> {
    if (!kid) throw new LedgerError("invalid", `a payment line for customer ${customer} has no KID to find the invoice by`, { retryable: false });
    const res = await this.api.call("GET", "/v1/customerinvoice", { route: UNCHECKED, query: { paymentReference: kid, customer } });
    const rows = Array.isArray(res.data) ? (res.data as WireInvoice[]) : [];
    const open = rows.find((r) => r.status === "Open") ?? rows[0];
    if (!open) throw new LedgerError("not_found", `no invoice of customer ${customer} with KID ${kid} in Visma.net`, { retryable: false });
    return open.referenceNumber;
  }
}

interface CustomerCredit {
  readonly customer: string;
  readonly kid: string | null;
  /** Positive: what the payment takes off the invoice. */
  readonly amountMinor: number;
  readonly description: string | null;
}

interface JournalLine {
  readonly account: string;
  readonly amountMinor: number;
  readonly reference: string | null;
  readonly description: string | null;
}

function isCustomerLine(l: VoucherLineInput): boolean {
  return Boolean(l.kid) || !/^\d{4}$/.test(l.account);
}

/** The customer credit lines, one per customer and KID (two payments on one invoice the same day are one payment). */
function mergeCustomerCredits(lines: readonly VoucherLineInput[]): CustomerCredit[] {
  const merged = new Map<string, CustomerCredit>();
  for (const l of lines) {
    if (!isCustomerLine(l) || l.amountMinor >= 0) continue;
    const key = `${l.account}\u0000${l.kid ?? ""}`;
    const prev = merged.get(key);
    merged.set(key, { customer: l.account, kid: l.kid ?? null, amountMinor: (prev?.amountMinor ?? 0) - l.amountMinor, description: prev?.description ?? l.description ?? null });
  }
  return [...merged.values()];
}

/**
 * The GL part: every line but the customer credits, with the balance account reduced by what the
 * payments put on it; a customer debit goes to the receivable control account with its KID as
 * reference. Summed per account and reference; zero lines dropped.
 */
function journalLines(lines: readonly VoucherLineInput[], paidMinor: number, s: Settings): JournalLine[] {
  const out = new Map<string, JournalLine>();
  const add = (account: string, amountMinor: number, reference: string | null, description: string | null) => {
    const key = `${account}\u0000${reference ?? ""}`;
    const prev = out.get(key);
    out.set(key, { account, amountMinor: (prev?.amountMinor ?? 0) + amountMinor, reference, description: prev?.description ?? description });
  };
  for (const l of lines) {
    if (isCustomerLine(l)) {
      if (l.amountMinor > 0) add(s.receivableAccount, l.amountMinor, l.kid ?? l.account, l.description ?? null);
      continue;
    }
    add(l.account, l.amountMinor, null, l.description ?? null);
  }
  if (paidMinor > 0) add(s.balanceAccount, -paidMinor, null, null);
  return [...out.values()].filter((l) => l.amountMinor !== 0);
}

function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex").toUpperCase();
}

/** Our ledger case id: the case number and the invoices it holds (Visma.net keeps the case on each invoice). */
function caseIdOf(caseNumber: string, invoiceIds: readonly string[]): string {
  return `${caseNumber}|${invoiceIds.join(",")}`;
}

function parseCaseId(ledgerCaseId: string): { caseNumber: string; invoiceIds: string[] } {
  const bar = ledgerCaseId.lastIndexOf("|");
  if (bar < 1) throw new LedgerError("invalid", `"${ledgerCaseId}" is not a Visma.net case id (case number|invoice numbers)`, { retryable: false });
  return { caseNumber: ledgerCaseId.slice(0, bar), invoiceIds: ledgerCaseId.slice(bar + 1).split(",").filter((s) => s !== "") };
}

function asLedgerError(e: unknown): LedgerError {
  return e instanceof LedgerError ? e : new LedgerError("invalid", (e as Error).message, { retryable: false });
}

