import { LocalDate } from "../../../domain/calendar/local-date.js";
import { makeKid } from "../../../domain/identifiers/kid.js";
import { DebtCollectionStatus, VoucherType, type DebtCollectionStatusValue } from "./enums.js";
import { nextInvoiceStatus, type InvoiceEvent } from "./invoice-status.js";
import { postEntry, reverseEntry, type EntryDraft } from "./ledger-matching.js";
import type { Address, Customer, Invoice, LedgerEntry } from "./model.js";
import { customerByCode, nowMs, putCustomer, putInvoice, type Tenant } from "./tenant.js";

/**
 * What the creditor's own users do in PowerOffice Go, outside the API: keep customers and
 * invoices, send overdue invoices to debt collection, approve them, take payments and credit
 * notes, write off and reverse (poweroffice.md §3 and §5). Tests and the demo drive these;
 * the agency sees the results only through the API.
 */
export class SandboxLedgerError extends Error {
  constructor(
    readonly code: "not_found" | "duplicate" | "invalid_transition" | "not_eligible" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "SandboxLedgerError";
  }
}

/** `YYYY-MM-DD`. */
export type DateText = string;

export interface CustomerInput {
  readonly code?: number;
  readonly name: string;
  readonly isPerson?: boolean;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly organizationNumber?: string;
  readonly dateOfBirth?: DateText;
  readonly emailAddress?: string;
  readonly invoiceEmailAddress?: string;
  readonly phoneNumber?: string;
  readonly mailAddress?: Address;
  readonly transferToDebtCollectionAgency?: boolean;
}

export interface InvoiceInput {
  readonly id?: string;
  readonly invoiceNo?: number;
  readonly customerCode: number;
  readonly invoiceDate: DateText;
  readonly dueDate: DateText;
  readonly amountMinor: number;
  readonly currencyCode?: string;
  /** KID; by default MOD10 over customer code and invoice number. */
  readonly cid?: string;
  readonly invoiceEmailAddress?: string;
  readonly externalImportReference?: string;
}

export type PaymentVoucherType = "BankJournal" | "IncomingOcrGiro";

export interface DunningResult {
  readonly moved: string[];
  readonly blocked: { invoiceId: string; reason: string }[];
}

export function createLedgerSide(t: Tenant) {
  const at = () => nowMs(t);
  const day = (text: DateText) => LocalDate.parse(text).epochDay;

  function invoice(id: string): Invoice {
    const inv = t.invoices.get(id);
    if (!inv) throw new SandboxLedgerError("not_found", `no invoice ${id}`);
    return inv;
  }

  function transition(id: string, event: InvoiceEvent): Invoice {
    const inv = invoice(id);
    const next = nextInvoiceStatus(inv.dcStatus, event);
    if (next === undefined) throw new SandboxLedgerError("invalid_transition", `invoice ${inv.invoiceNo}: cannot ${event} in status ${inv.dcStatus}`);
    return setStatus(inv, next);
  }

  function setStatus(inv: Invoice, dcStatus: DebtCollectionStatusValue): Invoice {
    const updated = { ...inv, dcStatus, lastChanged: at() };
    putInvoice(t, updated, updated.lastChanged);
    return updated;
  }

  /** Why an invoice may not go to debt collection on `today`, or undefined (DOMAIN.md §3). */
  function blocker(inv: Invoice, today: number): string | undefined {
    if (inv.remainingMinor <= 0) return "nothing left to pay";
    if (today <= inv.dueDate) return "not overdue";
    if (customerByCode(t, inv.customerCode)?.transferToDebtCollectionAgency === false) return "customer is marked not to be transferred to debt collection";
    return undefined;
  }

  function newVoucher(): { voucherId: string; voucherNo: number } {
    return { voucherId: t.ids.guid(), voucherNo: ++t.seq.voucherNo };
  }

  function postAgainst(invoiceId: string, amountMinor: number, date: DateText, voucherType: number, extra: Partial<EntryDraft> = {}): LedgerEntry {
    const inv = invoice(invoiceId);
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new SandboxLedgerError("invalid", `amount must be a positive whole number of øre, got ${amountMinor}`);
    const d = day(date);
    const v = newVoucher();
    const draft: EntryDraft = { customerCode: inv.customerCode, voucherId: v.voucherId, voucherNo: v.voucherNo, voucherType, voucherDate: d, postingDate: d, amountMinor: -amountMinor, cid: inv.cid, isWriteOff: false };
    return postEntry(t, Object.assign(draft, extra), at(), inv.ledgerEntryId);
  }

  return {
    tenant: t,

    addCustomer(input: CustomerInput): Customer {
      const code = input.code ?? 10_000 + t.seq.customerId + 1;
      if (t.index.customerIdByCode.has(code)) throw new SandboxLedgerError("duplicate", `customer code ${code} exists`);
      if (t.glAccounts.has(code)) throw new SandboxLedgerError("invalid", `customer code ${code} is a general ledger account`);
      const now = at();
      const { dateOfBirth, ...rest } = input;
      const customer: Customer = {
        ...rest,
        id: ++t.seq.customerId,
        code,
        isPerson: input.isPerson ?? false,
        dateOfBirth: dateOfBirth === undefined ? undefined : day(dateOfBirth),
        transferToDebtCollectionAgency: input.transferToDebtCollectionAgency ?? true,
        createdAt: now,
        lastChanged: now,
      };
      putCustomer(t, customer, now);
      return customer;
    },

    /** Posts an outgoing invoice (voucher type 4) to the customer's sub-ledger. */
    addInvoice(input: InvoiceInput): Invoice {
      if (!customerByCode(t, input.customerCode)) throw new SandboxLedgerError("not_found", `no customer with code ${input.customerCode}`);
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new SandboxLedgerError("invalid", `invoice amount must be a positive whole number of øre`);
      const invoiceNo = input.invoiceNo ?? t.seq.documentNo + 1;
      if (t.index.invoiceIdByNo.has(invoiceNo)) throw new SandboxLedgerError("duplicate", `invoice number ${invoiceNo} exists`);
      t.seq.documentNo = Math.max(t.seq.documentNo, invoiceNo);
      const cid = input.cid ?? makeKid(`${input.customerCode}${String(invoiceNo).padStart(7, "0")}`, "MOD10");
      if (t.index.invoiceIdByCid.has(cid)) throw new SandboxLedgerError("duplicate", `KID ${cid} is on another invoice`);
      const id = input.id ?? t.ids.guid();
      if (t.invoices.get(id)) throw new SandboxLedgerError("duplicate", `invoice id ${id} exists`);
      const now = at();
      const invoiceDate = day(input.invoiceDate);
      const dueDate = day(input.dueDate);
      const voucher = newVoucher();
      const entry = postEntry(
        t,
        {
          customerCode: input.customerCode,
          voucherId: voucher.voucherId,
          voucherNo: voucher.voucherNo,
          voucherType: VoucherType.OutgoingInvoice,
          voucherDate: invoiceDate,
          postingDate: invoiceDate,
          dueDate,
          amountMinor: input.amountMinor,
          cid,
          documentNo: String(invoiceNo),
          isWriteOff: false,
          invoiceId: id,
        },
        now,
      );
      const inv: Invoice = {
        id,
        customerCode: input.customerCode,
        invoiceNo,
        invoiceDate,
        dueDate,
        amountMinor: input.amountMinor,
        remainingMinor: input.amountMinor,
        currencyCode: input.currencyCode ?? "NOK",
        cid,
        dcStatus: DebtCollectionStatus.None,
        invoiceEmailAddress: input.invoiceEmailAddress ?? customerByCode(t, input.customerCode)?.invoiceEmailAddress,
        externalImportReference: input.externalImportReference,
        ledgerEntryId: entry.id,
        createdAt: now,
        lastChanged: now,
      };
      putInvoice(t, inv, now);
      return inv;
    },

    /** A reminder (71) or notice of debt collection (72) sent by the ledger itself. */
    sendReminder(invoiceId: string, r: { sentDate: DateText; dueDate: DateText; kind?: "reminder" | "notice"; emailAddress?: string }): Invoice {
      const inv = invoice(invoiceId);
      const voucherType = r.kind === "notice" ? VoucherType.OutgoingNoticeOfDebtCollection : VoucherType.OutgoingPaymentReminder;
      const updated: Invoice = {
        ...inv,
        lastReminder: { sentDate: day(r.sentDate), dueDate: day(r.dueDate), voucherType, emailAddress: r.emailAddress },
        lastChanged: at(),
      };
      putInvoice(t, updated, updated.lastChanged);
      return updated;
    },

    /** A user moves an overdue invoice to the draft list by hand (poweroffice.md §3: 0 → 1 Draft). */
    sendToDebtCollection(invoiceId: string, today: DateText): Invoice {
      const why = blocker(invoice(invoiceId), day(today));
      if (why) throw new SandboxLedgerError("not_eligible", `invoice ${invoice(invoiceId).invoiceNo}: ${why}`);
      return transition(invoiceId, "send");
    },

    /**
     * PowerOffice's own rule (DOMAIN.md §3): with no reminder sent, an invoice lands in the draft
     * list 14 days after its due date; after a reminder or notice of debt collection sent by the
     * ledger, on the first day after that letter's due date.
     */
    runDunning(today: DateText): DunningResult {
      const d = day(today);
      const result: DunningResult = { moved: [], blocked: [] };
      for (const inv of [...t.invoices.values()]) {
        if (inv.dcStatus !== DebtCollectionStatus.None) continue;
        const eligibleOn = inv.lastReminder ? inv.lastReminder.dueDate + 1 : inv.dueDate + 14;
        if (d < eligibleOn || inv.remainingMinor <= 0) continue;
        const why = blocker(inv, d);
        if (why) result.blocked.push({ invoiceId: inv.id, reason: why });
        else result.moved.push(transition(inv.id, "send").id);
      }
      return result;
    },

    /** Applies a lifecycle event without the user-facing eligibility checks (seeding, tests). */
    transition,
    putOnHold: (invoiceId: string) => transition(invoiceId, "hold"),
    release: (invoiceId: string) => transition(invoiceId, "release"),
    /** The user approves a draft (1 → 3 Approved): it becomes available to the agency. */
    approve: (invoiceId: string) => transition(invoiceId, "approve"),
    approveAll(): string[] {
      return [...t.invoices.values()].filter((i) => i.dcStatus === DebtCollectionStatus.Draft).map((i) => transition(i.id, "approve").id);
    },

    /** The debtor pays the creditor directly (poweroffice.md §5): a matched BankJournal/IncomingOcrGiro entry. */
    registerPayment(invoiceId: string, p: { amountMinor: number; date: DateText; voucherType?: PaymentVoucherType; paidFromBankAccount?: string }): LedgerEntry {
      const type = p.voucherType ?? "BankJournal";
      const ocr = type === "IncomingOcrGiro";
      return postAgainst(invoiceId, p.amountMinor, p.date, VoucherType[type], ocr ? { paidFromBankAccount: p.paidFromBankAccount } : {});
    },

    /** A credit note (5 OutgoingCreditNote) matched to the invoice (type_outgoinginvoice.md RelatedDocumentNo). */
    creditNote(invoiceId: string, c: { amountMinor: number; date: DateText }): LedgerEntry {
      return postAgainst(invoiceId, c.amountMinor, c.date, VoucherType.OutgoingCreditNote, { documentNo: String(++t.seq.documentNo) });
    },

    /** Tapsføring: an entry with isWriteOff (type_debtcollectioninvoicematch.md); by default the whole remaining amount. */
    writeOff(invoiceId: string, w: { date: DateText; amountMinor?: number }): LedgerEntry {
      return postAgainst(invoiceId, w.amountMinor ?? invoice(invoiceId).remainingMinor, w.date, VoucherType.ManualJournal, { isWriteOff: true });
    },

    /** Reverses a payment, credit note or write-off with a ReversalVoucher (99). */
    reverse(entryId: number, r: { date: DateText }): LedgerEntry {
      const original = t.entries.get(entryId);
      if (!original) throw new SandboxLedgerError("not_found", `no ledger entry ${entryId}`);
      if (original.isReversed || original.reversesEntryId !== undefined) throw new SandboxLedgerError("invalid_transition", `entry ${entryId} is already reversed or is a reversal`);
      return reverseEntry(t, entryId, { ...newVoucher(), date: day(r.date) }, at());
    },

    setActiveDebtCollection(isActiveDebtCollection: boolean): void {
      t.settings.set("settings", { isActiveDebtCollection }, at());
    },

    invoice,
    invoiceByNo(invoiceNo: number): Invoice {
      const id = t.index.invoiceIdByNo.get(invoiceNo);
      if (id === undefined) throw new SandboxLedgerError("not_found", `no invoice number ${invoiceNo}`);
      return invoice(id);
    },
    customer(code: number): Customer {
      const c = customerByCode(t, code);
      if (!c) throw new SandboxLedgerError("not_found", `no customer with code ${code}`);
      return c;
    },
    invoices: (): Invoice[] => [...t.invoices.values()],
    cases: () => [...t.cases.values()],
    entries: (): LedgerEntry[] => [...t.entries.values()],
    vouchers: () => [...t.vouchers.values()],
  };
}

export type LedgerSide = ReturnType<typeof createLedgerSide>;
