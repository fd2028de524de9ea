import {
  LedgerError,
  type CaseStatusInput,
  type CreateCaseInput,
  type CreatedCase,
  type LedgerBatch,
  type CustomerLedgerItem,
  type FoundVoucher,
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
import type { LocalDate } from "../../../domain/calendar/local-date.js";
import { createApiClient, type ApiClient } from "./api-client.js";
import { findVoucher, openCustomerItems } from "./ledger-reports.js";
import { DEFAULT_BACKOFF, createPacer, timingOf, type Timing, type TransportTuning } from "./pacing.js";
import { readCase, readCustomer, readInvoice, readMatch, refOf, type WireCase } from "./read-shapes.js";
import { createTokenSource } from "./token-source.js";
import { createExchange } from "./transport.js";
import { fromDateTimeText, instantOf, odataString, wireAmount } from "./wire-values.js";

/**
 * The LedgerConnector for PowerOffice Go's v1 API (shared/apis/poweroffice.md): the DebtCollection
 * service, Customer, and Voucher/ManualJournalVoucher. PowerOffice has no idempotency key for
 * cases and status updates, so this connector makes them idempotent itself: a case is looked up
 * by its code (our case number) before it is created again, and a status update whose answer was
 * lost is checked against the case's `lastChanged` before it is sent again. Vouchers carry
 * `externalImportReference`, which PowerOffice keeps unique per client (changelog 2.16).
 */
export interface PowerOfficeConnectorOptions extends TransportTuning {
  /** `https://api.poweroffice.net` (demo: `https://api-demo.poweroffice.net`) or a sandbox. Requests per second: below the vendor's 50 per integration key, default 40. */
  readonly baseUrl: string;
  readonly applicationKey: string;
  readonly clientKey: string;
  /** limitations.md: GETs read a replica that lags below 1 s; wait this long after a write before reading it back. Default 2000. */
  readonly settleMs?: number;
  readonly pageSize?: number;
}

export const POWEROFFICE_API_URL = "https://api.poweroffice.net";

export function createPowerOfficeConnector(o: PowerOfficeConnectorOptions): LedgerConnector {
  const timing = timingOf(o);
  const maxAttempts = o.maxAttempts ?? 6;
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const exchange = createExchange(o.fetch, createPacer(timing, o.requestsPerSecond ?? 40), o.timeoutMs ?? 30_000);
  const base = o.baseUrl.replace(/\/+$/, "");
  const tokens = createTokenSource({ tokenUrl: `${base}/OAuth/Token`, applicationKey: o.applicationKey, clientKey: o.clientKey, exchange, timing, backoff, maxAttempts });
  const api = createApiClient({ baseUrl: base, exchange, tokens, timing, backoff, maxAttempts });
  return new PowerOfficeConnector(api, timing, { settleMs: o.settleMs ?? 2_000, pageSize: o.pageSize ?? 500 });
}

/** Rounds of "write, and if the answer is lost, look" before giving up for this run. */
const WRITE_ROUNDS = 3;

class PowerOfficeConnector implements LedgerConnector {
  readonly kind = "poweroffice";
  /** Case id → when this connector last wrote it, so a read-back waits out the replica lag. */
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly api: ApiClient,
    private readonly timing: Timing,
    private readonly o: { settleMs: number; pageSize: number },
  ) {}

  async canCreateCases(): Promise<boolean> {
    const { data } = await this.api.call("GET", "/DebtCollection/IsActiveDebtCollection/");
    if (typeof data !== "boolean") throw new LedgerError("invalid", "IsActiveDebtCollection did not answer a boolean", { retryable: false });
    return data;
  }

  /** filtering.md: `$top`/`$skip` need `$orderby`; `count` is the total, so paging stops on it. */
  async availableInvoices(): Promise<LedgerBatch<LedgerInvoice>> {
    const items = new Map<string, LedgerInvoice>();
    const unreadable: UnreadableItem[] = [];
    for (let skip = 0, page = 1; ; page++) {
      const res = await this.api.call("GET", "/DebtCollection/Invoices/AvailableInvoices/", { query: { $orderby: "InvoiceNo asc", $top: this.o.pageSize, $skip: skip } });
      const rows = arrayOf(res.data, "AvailableInvoices", res.raw);
      rows.forEach((row, i) => {
        try {
          const inv = readInvoice(row);
          items.set(inv.id, inv);
        } catch (e) {
          unreadable.push({ ref: refOf(row, `page ${page}, row ${i + 1}`), error: asLedgerError(e) });
        }
      });
      skip += rows.length;
      if (rows.length === 0 || (res.count !== undefined ? skip >= res.count : rows.length < this.o.pageSize)) break;
    }
    return { items: [...items.values()], unreadable };
  }

  /** The invoice carries the customer's code, not its id, so the customer is found by code (filtering.md). */
  async customer(ref: string): Promise<LedgerCustomer> {
    if (!/^\d+$/.test(ref)) throw new LedgerError("invalid", `customer code ${ref} is not a number`, { retryable: false });
    const res = await this.api.call("GET", "/Customer/", { query: { $filter: `(Code eq ${ref})` } });
    const [row] = arrayOf(res.data, "Customer", res.raw);
    if (row === undefined) throw new LedgerError("not_found", `no customer with code ${ref}`, { retryable: false });
    return readCustomer(row);
  }

  async matchedItems(invoiceId: string): Promise<LedgerBatch<LedgerMatchedItem>> {
    const res = await this.api.call("GET", `/DebtCollection/MatchedItems/${encodeURIComponent(invoiceId)}/`);
    return readMatches(arrayOf(res.data, "MatchedItems", res.raw), invoiceId);
  }

  /** route_get_debtcollection_getallmatcheditems_…: one `{matchedItems}` per invoice changed after `since`; the query form, not the deprecated path. */
  async matchedItemsSince(since: Date): Promise<LedgerBatch<LedgerMatchGroup>> {
    const res = await this.api.call("GET", "/DebtCollection/GetAllMatchedItems", { query: { fromDateTime: fromDateTimeText(since) } });
    const groups: LedgerMatchGroup[] = [];
    const unreadable: UnreadableItem[] = [];
    arrayOf(res.data, "GetAllMatchedItems", res.raw).forEach((group, i) => {
      const rows = group !== null && typeof group === "object" ? (group as { matchedItems?: unknown }).matchedItems : undefined;
      if (!Array.isArray(rows)) {
        unreadable.push({ ref: `group ${i + 1}`, error: new LedgerError("invalid", "a GetAllMatchedItems element has no matchedItems list", { retryable: false, response: { status: 200, body: JSON.stringify(group) } }) });
        return;
      }
      const batch = readMatches(rows, `group ${i + 1}`);
      unreadable.push(...batch.unreadable);
      // The wrapper names no invoice (poweroffice.md §4 caveat); the KID its items share does.
      groups.push({ kid: batch.items.find((m) => m.kid !== null)?.kid ?? null, items: batch.items });
    });
    return { items: groups, unreadable };
  }

  async createCase(input: CreateCaseInput): Promise<CreatedCase> {
    if (input.mayExist) {
      const found = await this.caseByCode(input.caseNumber);
      if (found) return { ledgerCaseId: found.id, created: false };
    }
    const body = {
      code: input.caseNumber,
      invoices: input.invoiceIds.map((id) => ({ id })),
      ...(input.caseUrl ? { externalCaseUrl: input.caseUrl } : {}),
      ...(input.balanceMinor === undefined ? {} : { balanceAgency: wireAmount(input.balanceMinor) }),
    };
    let lost: LedgerError | undefined;
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      let outcome;
      try {
        outcome = await this.api.callOnce("POST", "/DebtCollection/", { body });
      } catch (e) {
        // "Invoice … is already on debt collection case …": an earlier attempt of ours may be it.
        const found = isInvalidOperation(e) ? await this.settledCaseByCode(input.caseNumber) : undefined;
        if (found) return { ledgerCaseId: found.id, created: false };
        throw e;
      }
      if (outcome.status === "done") {
        try {
          const created = readCase(outcome.result.data);
          this.lastWrite.set(created.id, this.timing.now().getTime());
          return { ledgerCaseId: created.id, created: true };
        } catch {
          // Created, but the answer cannot be read: find it by its code below.
        }
      } else {
        lost = outcome.error;
      }
      // The answer was lost or unreadable: the case exists if the write landed (the code was free before it).
      const found = await this.settledCaseByCode(input.caseNumber);
      if (found) return { ledgerCaseId: found.id, created: true };
    }
    throw lost ?? new LedgerError("unavailable", `case ${input.caseNumber} could not be confirmed`);
  }

  /**
   * route_delete_debtcollection__id__.md: DELETE "should be used if the debt collection agency
   * rejects the case", and only a case can be deleted, so the invoices are first put on a case
   * coded `reference`. PowerOffice has no field for the reason; it is kept on our side.
   */
  async rejectInvoices(input: RejectInput): Promise<void> {
    let caseId = (await this.caseByCode(input.reference))?.id;
    if (caseId === undefined) {
      try {
        caseId = (await this.createCase({ caseNumber: input.reference, invoiceIds: input.invoiceIds, caseUrl: "", mayExist: false })).ledgerCaseId;
      } catch (e) {
        // Not available any more: already rejected by an earlier attempt, or taken back by the creditor. Nothing left to reject.
        if (isInvalidOperation(e) && !(await this.anyAvailable(input.invoiceIds))) return;
        throw e;
      }
    }
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      let outcome;
      try {
        outcome = await this.api.callOnce("DELETE", `/DebtCollection/${caseId}/`);
      } catch (e) {
        if (e instanceof LedgerError && e.code === "not_found") return;
        throw e;
      }
      this.lastWrite.set(caseId, this.timing.now().getTime());
      if (outcome.status === "done") return;
      await this.timing.sleep(this.o.settleMs);
      if (!(await this.caseById(caseId))) return;
    }
    throw new LedgerError("unavailable", `the rejection case ${input.reference} could not be deleted`);
  }

  /**
   * UpdateStatus has no idempotency key and the case's GET does not show the status text, so the
   * case's `lastChanged` decides: read before the write, and if the answer is lost, read again.
   * Only the agency writes a case, so a changed `lastChanged` is our write. PowerOffice stamps
   * whole seconds, so the write is sent at least two seconds after the previous one.
   */
  async updateCaseStatus(input: CaseStatusInput): Promise<StatusOutcome> {
    await this.settleAfterOwnWrite(input.ledgerCaseId);
    const before = await this.requireCase(input.ledgerCaseId);
    const stamp = before.lastChanged;
    if (input.seenBefore != null && stamp !== null && stamp !== input.seenBefore) return { written: false };
    await this.waitPastStamp(stamp);
    if (stamp !== null) await input.beforeSend?.(stamp);
    const body = { caseId: input.ledgerCaseId, statusText: input.statusText, isCaseClosed: input.closed, updatedBalanceAgency: wireAmount(input.balanceMinor) };
    let lost: LedgerError | undefined;
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      const outcome = await this.api.callOnce("POST", "/DebtCollection/UpdateStatus/", { body });
      this.lastWrite.set(input.ledgerCaseId, this.timing.now().getTime());
      if (outcome.status === "done") return { written: true };
      lost = outcome.error;
      // Without a stamp to compare, a lost answer cannot be judged: better not to send it again.
      if (stamp === null) throw lost;
      await this.timing.sleep(this.o.settleMs);
      const after = await this.requireCase(input.ledgerCaseId);
      if (after.lastChanged !== null && after.lastChanged !== stamp) return { written: true };
    }
    throw lost ?? new LedgerError("unavailable", "the status update could not be confirmed");
  }

  /** Voucher/ManualJournalVoucher with `externalImportReference` (≤ 50, unique per client): a repeat answers ApiUniqueConstraint. */
  async postVoucher(input: VoucherInput): Promise<PostedVoucher> {
    if (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 50) {
      throw new LedgerError("invalid", `the idempotency key must be 1–50 characters (type_manualjournalvoucher.md), got ${input.idempotencyKey.length}`, { retryable: false });
    }
    const body = {
      externalImportReference: input.idempotencyKey,
      voucherDate: input.date.toString(),
      description: input.description,
      currencyCode: input.currency,
      lines: input.lines.map((l) => {
        const accountCode = Number(l.account);
        if (!Number.isSafeInteger(accountCode)) throw new LedgerError("invalid", `account ${l.account} is not a number`, { retryable: false });
        return {
          accountCode,
          amount: wireAmount(l.amountMinor),
          ...(l.kid ? { cID: l.kid } : {}),
          ...(l.description ? { description: l.description } : {}),
          ...(l.vatCode ? { vatCode: l.vatCode } : {}),
        };
      }),
    };
    try {
      const res = await this.api.call("POST", "/Voucher/ManualJournalVoucher/", { body });
      const id = res.data !== null && typeof res.data === "object" ? (res.data as { id?: unknown }).id : undefined;
      return { voucherId: typeof id === "string" ? id : null, alreadyPosted: false };
    } catch (e) {
      if (e instanceof LedgerError && e.vendorCode === "ApiUniqueConstraint") return { voucherId: null, alreadyPosted: true };
      throw e;
    }
  }

  async invoicePdf(invoiceId: string) {
    return this.api.file(`/DebtCollection/GetInvoicePdf/${encodeURIComponent(invoiceId)}/`);
  }

  findVoucher(idempotencyKey: string): Promise<FoundVoucher | null> {
    return findVoucher(this.api, idempotencyKey);
  }

  openCustomerItems(on: LocalDate): Promise<LedgerBatch<CustomerLedgerItem>> {
    return openCustomerItems(this.api, on, this.o.pageSize);
  }

  private async caseByCode(code: string): Promise<WireCase | undefined> {
    const res = await this.api.call("GET", "/DebtCollection/", { query: { $filter: `(Code eq ${odataString(code)})` } });
    const [row] = arrayOf(res.data, "DebtCollection", res.raw);
    return row === undefined ? undefined : readCase(row);
  }

  private async settledCaseByCode(code: string): Promise<WireCase | undefined> {
    await this.timing.sleep(this.o.settleMs);
    return this.caseByCode(code);
  }

  private async caseById(id: string): Promise<WireCase | undefined> {
    try {
      return readCase((await this.api.call("GET", `/DebtCollection/${id}/`)).data);
    } catch (e) {
      if (e instanceof LedgerError && e.code === "not_found") return undefined;
      throw e;
    }
  }

  private async requireCase(id: string): Promise<WireCase> {
    const c = await this.caseById(id);
    if (!c) throw new LedgerError("not_found", `no debt collection case ${id} in PowerOffice`, { retryable: false });
    return c;
  }

  private async anyAvailable(invoiceIds: readonly string[]): Promise<boolean> {
    for (const id of invoiceIds) {
      const res = await this.api.call("GET", "/DebtCollection/Invoices/AvailableInvoices/", { query: { $filter: `(Id eq guid${odataString(id)})` } });
      if (arrayOf(res.data, "AvailableInvoices", res.raw).length > 0) return true;
    }
    return false;
  }

  private async settleAfterOwnWrite(caseId: string): Promise<void> {
    const at = this.lastWrite.get(caseId);
    if (at === undefined) return;
    const wait = at + this.o.settleMs - this.timing.now().getTime();
    if (wait > 0) await this.timing.sleep(wait);
  }

  private async waitPastStamp(lastChanged: string | null): Promise<void> {
    const stamped = lastChanged === null ? null : instantOf(lastChanged);
    if (stamped === null) return;
    const wait = stamped.getTime() + 2_000 - this.timing.now().getTime();
    if (wait > 0) await this.timing.sleep(wait);
  }
}

function readMatches(rows: unknown[], where: string): LedgerBatch<LedgerMatchedItem> {
  const items: LedgerMatchedItem[] = [];
  const unreadable: UnreadableItem[] = [];
  rows.forEach((row, i) => {
    try {
      items.push(readMatch(row));
    } catch (e) {
      unreadable.push({ ref: refOf(row, `${where}, row ${i + 1}`), error: asLedgerError(e) });
    }
  });
  return { items, unreadable };
}

function arrayOf(data: unknown, what: string, raw: string): unknown[] {
  if (Array.isArray(data)) return data;
  throw new LedgerError("invalid", `${what} did not answer a list`, { retryable: false, response: { status: 200, body: raw.slice(0, 20_000) }, vendorCode: "UnexpectedShape" });
}

function asLedgerError(e: unknown): LedgerError {
  return e instanceof LedgerError ? e : new LedgerError("invalid", (e as Error).message, { retryable: false });
}

function isInvalidOperation(e: unknown): boolean {
  return e instanceof LedgerError && e.vendorCode === "InvalidOperationException";
}
