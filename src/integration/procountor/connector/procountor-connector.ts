import { LocalDate } from "../../../domain/calendar/local-date.js";
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
  type LedgerInvoice,
  type LedgerMatchGroup,
  type LedgerMatchedItem,
  type PostedVoucher,
  type RejectInput,
  type StatusOutcome,
  type UnreadableItem,
  type VoucherInput,
} from "../../ledger-connector.js";
import { createApiClient, type ApiClient } from "../../poweroffice/connector/api-client.js";
import { DEFAULT_BACKOFF, createPacer, timingOf, type Timing, type TransportTuning } from "../../poweroffice/connector/pacing.js";
import { createTokenSource } from "../../poweroffice/connector/token-source.js";
import { createExchange } from "../../poweroffice/connector/transport.js";
import { readProcountorAnswer } from "./read-answer.js";
import { date, fail, instant, int, kindOfEvent, minor, obj, readCounterParty, readPartner, text } from "./read-shapes.js";
import { invoiceDetails, sellerNotes, withNoteLine, type InvoiceDetails } from "./invoice-notes.js";

/**
 * The LedgerConnector for Procountor's REST API (docs/PROCOUNTOR.md): OAuth client credentials
 * with the company's API key, sales invoices and their payment events, business partners, the
 * seller's notes (where the agency's case number and status are written back), ledger receipts
 * (journals) and the company's collection settings (`collectionPartner`).
 *
 * Procountor keeps no balance: what is open is `sum` minus the payment events. It has no
 * idempotency key: notes are rewritten whole (a repeat writes the same text, and a line already
 * there is not written again); a journal carries its key in its name, and is looked for before it
 * is posted again after an answer was lost.
 */
/** Requests per second: default 10 [uncertain: Procountor publishes no limit]. */
export interface ProcountorConnectorOptions extends TransportTuning {
  /** `https://api.procountor.com/api` (test: `https://pts-api.procountor.com/api`) or a sandbox. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The company's API key (one key = one company). */
  readonly apiKey: string;
  /** At most 200 (the API's maximum). */
  readonly pageSize?: number;
  /** The name the company's `collectionPartner` shows when it chose this agency. Default "Fordring". */
  readonly partnerName?: string;
  /** Our accounts (NS 4102, the domain's) → the company's (BAS). Default: clearing 1510 → 1512 "Belånade kundfordringar", bank 1920 → 1930, … */
  readonly accountMap?: Readonly<Record<string, string>>;
  /** The receivables account a customer line is posted on, with the partner. Default BAS 1510 Kundfordringar. */
  readonly receivablesAccount?: string;
  /** Country of an address that names none. Default "SE". */
  readonly defaultCountry?: string;
}

export const PROCOUNTOR_API_URL = "https://api.procountor.com/api";

/**
 * NS 4102 → BAS. 1512 Belånade kundfordringar is where Procountor Inkasso books the agency's
 * daily total (Procountor's help page); the others are the usual BAS accounts [uncertain for
 * 6570 as the collection-cost account: creditors map it themselves].
 */
export const DEFAULT_ACCOUNT_MAP: Readonly<Record<string, string>> = { "1510": "1512", "1920": "1930", "8050": "8313", "2710": "2641", "2400": "2440", "7770": "6570" };

/** Customer refs are `BP-<business partner id>`, or `INV-<invoice id>` for an invoice with no partner (its counterparty). */
const PARTNER_REF = /^BP-(\d+)$/;
const INVOICE_REF = /^INV-(\d+)$/;

export interface ProcountorConnector extends LedgerConnector {
  /** The company's collection partner as its settings show it; `ours` when it names this agency. */
  collectionPartner(): Promise<{ name: string | null; ours: boolean }>;
  /** GET /company: what the activation check needs. */
  companyInfo(): Promise<{ name: string; businessId: string | null; address: Record<string, unknown> | null; email: string | null; bankAccounts: { accountNumber: string; bic: string | null; active: boolean }[] }>;
  /** The details of an invoice the agency carries onto the case (seller's note, product lines, e-invoice, financed). */
  invoiceDetails(invoiceId: string): Promise<InvoiceDetails>;
}

export function createProcountorConnector(o: ProcountorConnectorOptions): ProcountorConnector {
  const timing = timingOf(o);
  const exchange = createExchange(o.fetch, createPacer(timing, o.requestsPerSecond ?? 10), o.timeoutMs ?? 30_000);
  const base = o.baseUrl.replace(/\/+$/, "");
  const maxAttempts = o.maxAttempts ?? 6;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const tokens = createTokenSource({
    tokenUrl: `${base}/oauth/token`,
    applicationKey: o.clientId,
    clientKey: o.clientSecret,
    form: { grant_type: "client_credentials", client_id: o.clientId, client_secret: o.clientSecret, api_key: o.apiKey },
    exchange,
    timing,
    backoff,
    maxAttempts,
  });
  const api = createApiClient({ baseUrl: base, exchange, tokens, timing, backoff, maxAttempts, read: readProcountorAnswer });
  return new Connector(api, timing, o);
}

type Obj = Record<string, unknown>;

class Connector implements ProcountorConnector {
  readonly kind = "procountor";
  private readonly pageSize: number;
  private readonly counterParties = new Map<string, Obj>();
  /**
   * Each invoice's seller's notes and `version` as this run last read them: the first try of a
   * note write sends its PUT with no read before it. Should the invoice have changed since, the
   * stale version is refused (409) and the next try reads it again, so nothing is overwritten.
   */
  private readonly lastRead = new Map<number, { notes: string; version: string | undefined }>();
  private readonly defaultCountry: string;

  constructor(
    private readonly api: ApiClient,
    private readonly timing: Timing,
    private readonly o: ProcountorConnectorOptions,
  ) {
    this.pageSize = Math.min(200, o.pageSize ?? 200);
    this.defaultCountry = o.defaultCountry ?? "SE";
  }

  async collectionPartner(): Promise<{ name: string | null; ours: boolean }> {
    const res = await this.api.call("GET", "/company/expenses/collectionpenal/settings");
    const name = text(obj(res.data, "collection settings"), "collectionPartner") ?? null;
    return { name, ours: name !== null && name.trim().toLowerCase() === (this.o.partnerName ?? "Fordring").toLowerCase() };
  }

  async companyInfo() {
    const c = obj((await this.api.call("GET", "/company")).data, "company");
    const accounts = Array.isArray(c["bankAccounts"]) ? (c["bankAccounts"] as Obj[]) : [];
    const address = c["billingAddress"] ?? c["address"];
    return {
      name: text(c, "name") ?? "",
      businessId: text(c, "businessId") ?? null,
      address: address !== null && typeof address === "object" ? (address as Record<string, unknown>) : null,
      email: text(c, "email") ?? null,
      bankAccounts: accounts.map((a) => ({ accountNumber: text(a, "accountNumber") ?? "", bic: text(a, "bic") ?? null, active: a["active"] !== false })),
    };
  }

  /** Only when the company chose this agency as its collection partner; another partner holding it means no. */
  async canCreateCases(): Promise<boolean> {
    return (await this.collectionPartner()).ours;
  }

  /**
   * Sent or partly paid sales invoices past their due date with something open, which carry no
   * agency line in their notes yet. SENT has no payment events, so only PARTLY_PAID invoices are
   * asked for theirs [uncertain: a credit note may leave the status SENT].
   */
  async availableInvoices(): Promise<LedgerBatch<LedgerInvoice>> {
    const today = LocalDate.parse(this.timing.now().toISOString().slice(0, 10));
    const items: LedgerInvoice[] = [];
    const unreadable: UnreadableItem[] = [];
    for await (const row of this.search("/invoices", { types: "SALES_INVOICE", status: "SENT,PARTLY_PAID", dueEndDate: today.minusDays(1).toString() }, unreadable)) {
      const ref = `invoice ${String(row["id"])}`;
      try {
        const id = int(row, "id", "invoice");
        const full = await this.invoice(id);
        if (invoiceDetails(full).agencyLine) continue;
        const paid = full["status"] === "PARTLY_PAID" ? (await this.events(id)).reduce((s, e) => s + minor(e, "amount", "payment event"), 0) : 0;
        const invoice = this.readInvoice(full, paid);
        if (invoice.openMinor > 0) items.push(invoice);
      } catch (e) {
        unreadable.push({ ref, error: asLedgerError(e) });
      }
    }
    return { items, unreadable };
  }

  async customer(ref: string): Promise<LedgerCustomer> {
    const partner = PARTNER_REF.exec(ref);
    if (partner) return readPartner((await this.api.call("GET", `/businesspartners/${partner[1]}`)).data, ref, this.defaultCountry);
    const inv = INVOICE_REF.exec(ref);
    if (!inv) throw new LedgerError("invalid", `customer ref ${ref} is not BP-<id> or INV-<id>`, { retryable: false });
    const full = this.counterParties.get(inv[1]!) ?? (await this.invoice(numericId(inv[1]!)));
    return readCounterParty(full, ref, this.defaultCountry);
  }

  async matchedItems(invoiceId: string): Promise<LedgerBatch<LedgerMatchedItem>> {
    const id = numericId(invoiceId);
    const full = await this.invoice(id);
    return this.itemsOf(full, await this.events(id));
  }

  /** Every sales invoice changed since `since` (versionStartDate) with its payment events, grouped by its OCR reference. */
  async matchedItemsSince(since: Date): Promise<LedgerBatch<LedgerMatchGroup>> {
    const groups: LedgerMatchGroup[] = [];
    const unreadable: UnreadableItem[] = [];
    for await (const row of this.search("/invoices", { types: "SALES_INVOICE", versionStartDate: since.toISOString() }, unreadable)) {
      try {
        const id = int(row, "id", "invoice");
        if (row["status"] === "UNFINISHED" || row["status"] === "NOT_SENT" || row["status"] === "INVALIDATED") continue;
        const events = await this.events(id);
        if (events.length === 0) continue;
        const full = await this.invoice(id);
        const batch = this.itemsOf(full, events);
        unreadable.push(...batch.unreadable);
        groups.push({ kid: text(obj(full["paymentInfo"], "invoice.paymentInfo"), "bankReferenceCode") ?? null, items: batch.items });
      } catch (e) {
        unreadable.push({ ref: `invoice ${String(row["id"])}`, error: asLedgerError(e) });
      }
    }
    return { items: groups, unreadable };
  }

  /** Writes our case number and link into each invoice's seller's notes; a line already there is not written again. */
  async createCase(input: CreateCaseInput): Promise<CreatedCase> {
    if (input.invoiceIds.length === 0) throw new LedgerError("invalid", "a case needs at least one invoice", { retryable: false });
    let created = false;
    for (const id of input.invoiceIds) {
      created = (await this.writeNoteLine(id, "case", `Inkasso (${this.partner()}): ärende ${input.caseNumber} ${input.caseUrl}`)) || created;
    }
    return { ledgerCaseId: input.invoiceIds.map(numericId).join(","), created };
  }

  async rejectInvoices(input: RejectInput): Promise<void> {
    for (const id of input.invoiceIds) await this.writeNoteLine(id, "reject", `Inkasso (${this.partner()}): överförs inte – ${input.reason} [${input.reference}]`);
  }

  /** The status line of the notes, replaced; the same text again is not written (`written: false`). */
  async updateCaseStatus(input: CaseStatusInput): Promise<StatusOutcome> {
    const balance = (input.balanceMinor / 100).toFixed(2);
    let written = false;
    for (const id of input.ledgerCaseId.split(",")) {
      written = (await this.writeNoteLine(id, "status", `Inkasso (${this.partner()}) status: ${input.statusText}; saldo ${balance}${input.closed ? "; avslutat" : ""}`, input.beforeSend)) || written;
    }
    return { written };
  }

  /**
   * POST /ledgerreceipts, type JOURNAL. The key is the last part of the receipt's name (Procountor
   * has no external reference on receipts); after a lost answer the journal is looked for by
   * it before it is posted again. Customer lines (`BP-<id>`) go on the receivables account with
   * the partner; other accounts through `accountMap`.
   */
  async postVoucher(input: VoucherInput): Promise<PostedVoucher> {
    if (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 80) throw new LedgerError("invalid", `the idempotency key must be 1–80 characters, got ${input.idempotencyKey.length}`, { retryable: false });
    const map = { ...DEFAULT_ACCOUNT_MAP, ...(this.o.accountMap ?? {}) };
    const body = {
      type: "JOURNAL",
      name: `${input.description.slice(0, 150)} [${input.idempotencyKey}]`,
      receiptDate: input.date.toString(),
      vatType: "SALES",
      vatStatus: 1,
      transactions: input.lines.map((l) => {
        const partner = PARTNER_REF.exec(l.account);
        const description = [l.description, l.kid ? `OCR ${l.kid}` : null].filter(Boolean).join(" ");
        return {
          transactionType: "ENTRY",
          account: partner ? (this.o.receivablesAccount ?? "1510") : (map[l.account] ?? l.account),
          accountingValue: l.amountMinor / 100,
          vatPercent: 0,
          ...(description ? { description } : {}),
          ...(partner ? { partnerId: Number(partner[1]) } : {}),
        };
      }),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.findJournal(input.idempotencyKey, input.date.toString());
      if (existing) return { voucherId: String(existing["id"]), alreadyPosted: true };
      const outcome = await this.api.callOnce("POST", "/ledgerreceipts", { body });
      if (outcome.status === "done") return { voucherId: String(obj(outcome.result.data, "ledger receipt")["id"]), alreadyPosted: false };
      await this.timing.sleep(1_000);
    }
    throw new LedgerError("unavailable", `the journal ${input.idempotencyKey} could not be posted or found`);
  }

  /** The invoice's first page image (GET /invoices/{id}/image, PNG). */
  async invoicePdf(invoiceId: string) {
    return this.api.file(`/invoices/${numericId(invoiceId)}/image?page=1&format=PNG`);
  }

  async findVoucher(idempotencyKey: string): Promise<FoundVoucher | null> {
    const found = await this.findJournal(idempotencyKey, undefined);
    if (!found) return null;
    // A journal line is not allocated to an invoice in Procountor: there are no matched customer items to report.
    return { voucherId: String(found["id"]), voucherNo: found["receiptNumber"] === undefined ? null : String(found["receiptNumber"]), date: date(found, "receiptDate", "ledger receipt"), reversed: found["status"] === "INVALIDATED", customerItems: [] };
  }

  async openCustomerItems(on: LocalDate): Promise<LedgerBatch<CustomerLedgerItem>> {
    const items: CustomerLedgerItem[] = [];
    const unreadable: UnreadableItem[] = [];
    for await (const row of this.search("/invoices", { types: "SALES_INVOICE", status: "SENT,PARTLY_PAID", endDate: on.toString() }, unreadable)) {
      try {
        const id = int(row, "id", "invoice");
        const full = await this.invoice(id);
        const events = full["status"] === "PARTLY_PAID" ? await this.events(id) : [];
        const invoice = this.readInvoice(full, events.filter((e) => String(e["paymentDate"]) <= on.toString()).reduce((s, e) => s + minor(e, "amount", "payment event"), 0));
        if (invoice.openMinor === 0) continue;
        items.push({
          id: invoice.id,
          customerRef: invoice.customerRef,
          kid: invoice.kid,
          documentNo: invoice.invoiceNumber,
          voucherType: "SALES_INVOICE",
          isInvoice: true,
          voucherId: full["ledgerReceiptId"] === undefined ? null : String(full["ledgerReceiptId"]),
          voucherNo: invoice.invoiceNumber,
          voucherDate: invoice.invoiceDate,
          amountMinor: invoice.amountMinor,
          balanceMinor: invoice.openMinor,
          matchId: null,
          isWriteOff: false,
          externalImportReference: null,
          caseCode: invoiceDetails(full).caseNumber,
        });
      } catch (e) {
        unreadable.push({ ref: `invoice ${String(row["id"])}`, error: asLedgerError(e) });
      }
    }
    return { items, unreadable };
  }

  async invoiceDetails(invoiceId: string): Promise<InvoiceDetails> {
    return invoiceDetails(await this.invoice(numericId(invoiceId)));
  }

  private partner(): string {
    return this.o.partnerName ?? "Fordring";
  }

  /** Every row of a search, paging by `previousId` in ascending id order; an unreadable page ends the read with its error. */
  private async *search(path: string, query: Record<string, string>, unreadable: UnreadableItem[]): AsyncGenerator<Obj> {
    let previousId: number | undefined;
    for (let page = 1; ; page++) {
      const res = await this.api.call("GET", path, { query: { ...query, orderById: "ASC", size: this.pageSize, ...(previousId === undefined ? {} : { previousId }) } });
      const results = (res.data as { results?: unknown }).results;
      if (!Array.isArray(results)) {
        unreadable.push({ ref: `${path} page ${page}`, error: asLedgerError(new LedgerError("invalid", "a search answer without results", { retryable: false, vendorCode: "UnreadableItem" })) });
        return;
      }
      for (const [n, r] of results.entries()) {
        if (r === null || typeof r !== "object" || typeof (r as Obj)["id"] !== "number") {
          unreadable.push({ ref: `${path} page ${page}, row ${n + 1}`, error: new LedgerError("invalid", "a row without an id", { retryable: false, vendorCode: "UnreadableItem" }) });
          continue;
        }
        yield r as Obj;
      }
      if (results.length < this.pageSize) return;
      previousId = (results.at(-1) as Obj)["id"] as number;
    }
  }

  /** GET /invoices/{id}, remembering its notes and version for a note write of this run. */
  private async invoice(id: number): Promise<Obj> {
    const full = obj((await this.api.call("GET", `/invoices/${id}`)).data, "invoice");
    this.lastRead.set(id, sellerNotes(full));
    return full;
  }

  private async events(invoiceId: number): Promise<Obj[]> {
    const all: Obj[] = [];
    for (let page = 0; ; page++) {
      const res = await this.api.call("GET", `/invoices/${invoiceId}/paymentevents`, { query: { size: 200, page } });
      const results = (res.data as { results?: unknown }).results;
      if (!Array.isArray(results)) fail(`payment events of invoice ${invoiceId}: no results`, res.data);
      all.push(...results.map((r) => obj(r, "payment event")));
      if (results.length < 200) return all;
    }
  }

  private readInvoice(full: Obj, paidMinor: number): LedgerInvoice {
    const id = int(full, "id", "invoice");
    const payment = obj(full["paymentInfo"], "invoice.paymentInfo");
    const partnerId = full["partnerId"];
    const customerRef = typeof partnerId === "number" ? `BP-${partnerId}` : `INV-${id}`;
    if (typeof partnerId !== "number") this.counterParties.set(String(id), full);
    const currency = text(payment, "currency") ?? fail("invoice.paymentInfo.currency is missing", full);
    const amountMinor = minor(full, "sum", "invoice");
    // "Om ett nytt förfallodatum har lagts till på fakturan … är det det nya datumet som gäller."
    const details = invoiceDetails(full);
    const dueDate = payment["newDueDate"] ? date(payment, "newDueDate", "invoice.paymentInfo") : date(payment, "dueDate", "invoice.paymentInfo");
    return {
      id: String(id),
      customerRef,
      invoiceNumber: String(int(full, "invoiceNumber", "invoice")),
      invoiceDate: date(full, "date", "invoice"),
      dueDate,
      currency,
      amountMinor,
      openMinor: amountMinor - paidMinor,
      kid: text(payment, "bankReferenceCode") ?? null,
      lastChanged: instant(full, "version"),
      // Procountor's own payment reminders are not readable through the API [uncertain]: none is known.
      lastLetter: null,
      financed: details.financed,
      facts: { sellerNote: details.sellerNote, eInvoice: details.eInvoice, productLines: details.productLines, originalInvoiceNumber: details.originalInvoiceNumber, additionalInformation: details.additionalInformation },
    };
  }

  private itemsOf(full: Obj, events: Obj[]): LedgerBatch<LedgerMatchedItem> {
    const invoice = this.readInvoice(full, 0);
    const items: LedgerMatchedItem[] = [];
    const unreadable: UnreadableItem[] = [];
    // A MARKED_PAID invoice was marked paid by the company (PUT …/paymentevents/markpaid): the
    // newest payment event is the marking [uncertain: the event type markpaid records is not named
    // in the reference; the sandbox records ELSEWHERE].
    const marking = full["status"] === "MARKED_PAID" ? events.filter((e) => typeof e["id"] === "number" && typeof e["amount"] === "number" && kindOfEvent(String(e["type"] ?? ""), Number(e["amount"])) === "payment").map((e) => e["id"] as number).sort((a, b) => b - a)[0] : undefined;
    for (const e of events) {
      try {
        const amount = minor(e, "amount", "payment event");
        const type = text(e, "type") ?? fail("payment event without a type", e);
        const description = text(e, "description") ?? null;
        items.push({
          id: String(int(e, "id", "payment event")),
          kind: e["id"] === marking ? "marked-paid" : kindOfEvent(type, amount),
          customerRef: invoice.customerRef,
          voucherDate: date(e, "paymentDate", "payment event"),
          amountMinor: -amount,
          currency: text(e, "currency") ?? invoice.currency,
          kid: invoice.kid,
          voucherNo: null,
          voucherType: type,
          externalImportReference: description?.startsWith("fordring:") ? description.split(/\s/)[0]! : null,
          lastChanged: invoice.lastChanged,
        });
      } catch (err) {
        unreadable.push({ ref: `payment event ${String(e["id"])} of invoice ${invoice.invoiceNumber}`, error: asLedgerError(err) });
      }
    }
    return { items, unreadable };
  }

  /** Adds or replaces one of our lines in the invoice's notes; false when it was there already. */
  /**
   * The write carries the invoice's `version` as read: should the company change the invoice in
   * between (its own note, a payment), Procountor refuses the stale version (409) and the notes are
   * read again and merged anew, so the company's change is never overwritten; at most three tries.
   */
  private async writeNoteLine(invoiceId: string, kind: "case" | "status" | "reject", line: string, beforeSend?: (lastChanged: string) => Promise<void>): Promise<boolean> {
    const id = numericId(invoiceId);
    for (let attempt = 1; ; attempt++) {
      const seen = attempt === 1 ? this.lastRead.get(id) : undefined;
      const { notes, version } = seen ?? sellerNotes(await this.invoice(id));
      const next = withNoteLine(notes, kind, line);
      if (next === notes) return false;
      if (next.length > 10_000) throw new LedgerError("invalid", `the notes of invoice ${id} would exceed 10,000 characters`, { retryable: false });
      await beforeSend?.(version ?? "");
      try {
        // PUT sets the notes to this text: repeating it after a lost answer writes the same text.
        // Its answer does not give the new version: the next write of this run reads it first.
        this.lastRead.delete(id);
        await this.api.call("PUT", `/invoices/${id}/notes`, { body: { notes: next, ...(version ? { version } : {}) } });
        return true;
      } catch (e) {
        if (!(e instanceof LedgerError) || e.vendorCode !== "StaleVersion" || attempt >= 3) throw e;
      }
    }
  }

  private async findJournal(key: string, onDate: string | undefined): Promise<Obj | undefined> {
    const unreadable: UnreadableItem[] = [];
    const query: Record<string, string> = { types: "JOURNAL", ...(onDate ? { startDate: onDate, endDate: onDate } : {}) };
    for await (const row of this.search("/ledgerreceipts", query, unreadable)) {
      if (typeof row["name"] === "string" && row["name"].endsWith(`[${key}]`) && row["status"] !== "INVALIDATED") return row;
    }
    if (unreadable.length) throw unreadable[0]!.error;
    return undefined;
  }
}

function numericId(id: string): number {
  if (!/^\d+$/.test(id)) throw new LedgerError("invalid", `Procountor ids are numbers, got "${id}"`, { retryable: false });
  return Number(id);
}

function asLedgerError(e: unknown): LedgerError {
  return e instanceof LedgerError ? e : new LedgerError("invalid", (e as Error).message ?? String(e), { retryable: false });
}
