import { DebtCollectionStatus, type LedgerSide } from "../integration/poweroffice/sandbox/index.js";
import { dayText, type ClientPlan, type PlannedInvoice } from "./demo-plan.js";

/**
 * What the creditor's own people do in PowerOffice Go on one simulated day of the demo, through
 * the sandbox's ledger side: invoices are posted on their invoice date, paid or credited as
 * planned, PowerOffice's dunning puts overdue ones on its debt-collection draft list, and the
 * creditor approves them after a few days (or puts one on hold). Debtors who pay the creditor
 * after the transfer are booked here too; the sync then reports them to the case.
 */
export interface CaseSeen {
  readonly caseId: string;
  readonly kid: string;
  /** The day of the case's first letter (reminder or collection notice), if sent. */
  readonly firstLetterOn: number | null;
  readonly closed: boolean;
}

export class DemoLedger {
  /** Plan invoice number → ledger invoice id, once posted. */
  private readonly posted = new Map<number, string>();
  /** Ledger invoice id → the day it landed on the draft list. */
  private readonly draftedOn = new Map<string, number>();
  private readonly done = new Set<number>();

  constructor(
    readonly plan: ClientPlan,
    readonly ledger: LedgerSide,
  ) {}

  /** Customers go in before the first simulated day. */
  addCustomers(): void {
    for (const c of this.plan.customers) {
      const { dateOfBirth, mailAddress, ...rest } = c;
      this.ledger.addCustomer({
        ...rest,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(mailAddress ? { mailAddress: { ...mailAddress, countryCode: mailAddress.countryCode ?? "NO" } } : {}),
      });
    }
  }

  ledgerInvoiceId(invoiceNo: number): string | undefined {
    return this.posted.get(invoiceNo);
  }

  invoiceByLedgerId(): Map<string, PlannedInvoice> {
    const byNo = new Map(this.plan.invoices.map((i) => [i.invoiceNo, i]));
    return new Map([...this.posted].map(([no, id]) => [id, byNo.get(no)!]));
  }

  /** The ledger side of `day`, before the agency's sync. `cases` are the agency's cases by ledger invoice id. */
  runDay(day: number, cases: ReadonlyMap<string, CaseSeen>): void {
    const today = dayText(day);
    for (const inv of this.plan.invoices) {
      if (!this.posted.has(inv.invoiceNo) && inv.invoiceDay <= day) {
        const posted = this.ledger.addInvoice({ invoiceNo: inv.invoiceNo, customerCode: inv.customerCode, invoiceDate: dayText(inv.invoiceDay), dueDate: dayText(inv.dueDay), amountMinor: inv.amountMinor });
        this.posted.set(inv.invoiceNo, posted.id);
      }
    }
    for (const inv of this.plan.invoices) {
      const id = this.posted.get(inv.invoiceNo);
      if (id === undefined || this.done.has(inv.invoiceNo)) continue;
      const current = this.ledger.invoice(id);
      const untouched = current.dcStatus === DebtCollectionStatus.None && current.remainingMinor > 0;
      if (inv.fate === "on-time" && inv.ledgerEventDay <= day && untouched) {
        this.ledger.registerPayment(id, { amountMinor: current.remainingMinor, date: dayText(Math.min(inv.ledgerEventDay, day)), voucherType: inv.invoiceNo % 3 === 0 ? "IncomingOcrGiro" : "BankJournal", paidFromBankAccount: "97104567898" });
        this.done.add(inv.invoiceNo);
      } else if (inv.fate === "credited" && inv.ledgerEventDay <= day && untouched) {
        this.ledger.creditNote(id, { amountMinor: current.remainingMinor, date: dayText(Math.min(inv.ledgerEventDay, day)) });
        this.done.add(inv.invoiceNo);
      } else if (inv.fate === "direct-late") {
        // The debtor pays the creditor after the agency's first letter: the principal, to the creditor's account.
        const seen = cases.get(id);
        if (seen && !seen.closed && seen.firstLetterOn !== null && seen.firstLetterOn + inv.payAfterLetterDays <= day && current.remainingMinor > 0) {
          this.ledger.registerPayment(id, { amountMinor: current.remainingMinor, date: today, voucherType: "IncomingOcrGiro", paidFromBankAccount: "12065678908" });
          this.done.add(inv.invoiceNo);
        }
      }
    }
    for (const id of this.ledger.runDunning(today).moved) this.draftedOn.set(id, day);
    this.forceBlockedCustomers(day);
    this.approveDrafts(day);
  }

  /**
   * PowerOffice keeps "do not transfer" customers off its draft list; in the demo their
   * invoices were sent and approved before the customer was marked, so the agency's own
   * eligibility rules have to refuse them (a blocked invoice with its reason in the portal).
   */
  private forceBlockedCustomers(day: number): void {
    const blocked = this.plan.doNotTransferCustomer;
    if (blocked === null) return;
    for (const inv of this.plan.invoices) {
      const id = this.posted.get(inv.invoiceNo);
      if (inv.customerCode !== blocked || id === undefined || inv.dueDay + 14 > day) continue;
      if (this.ledger.invoice(id).dcStatus !== DebtCollectionStatus.None) continue;
      this.ledger.transition(id, "send");
      this.draftedOn.set(id, day);
    }
  }

  private approveDrafts(day: number): void {
    const byLedgerId = this.invoiceByLedgerId();
    for (const [id, drafted] of this.draftedOn) {
      const inv = byLedgerId.get(id);
      if (!inv || this.ledger.invoice(id).dcStatus !== DebtCollectionStatus.Draft) continue;
      if (inv.holdInLedger) {
        this.ledger.putOnHold(id);
        continue;
      }
      if (drafted + inv.approveAfterDays <= day) this.ledger.approve(id);
    }
  }
}
