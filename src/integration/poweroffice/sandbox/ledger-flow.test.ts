import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SandboxLedgerError } from "./ledger-side.js";
import { apiCaller, fetchToken, manualClock, type ManualClock } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";

let sandbox: PowerOfficeSandbox;
let clock: ManualClock;

beforeEach(() => {
  clock = manualClock("2025-02-01T08:00:00Z");
  sandbox = createPowerOfficeSandbox({ clock });
  sandbox.ledger.addCustomer({ code: 10001, name: "Åse Bråthen", isPerson: true });
  sandbox.ledger.addCustomer({ code: 10002, name: "Løvås Transport AS", organizationNumber: "974760673", transferToDebtCollectionAgency: false });
});
afterEach(() => sandbox.close());

describe("the ledger's side, end to end with the agency", () => {
  it("invoice → Draft → Approved → available → case → Exported → payment → GetAllMatchedItems", async () => {
    const l = sandbox.ledger;
    const inv = l.addInvoice({ invoiceNo: 5001, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 3_000_00 });
    expect(inv.dcStatus).toBe(0);

    // PowerOffice's rule: 14 days after due with no reminder → the draft list (DOMAIN.md §3).
    expect(l.runDunning("2025-01-28").moved).toEqual([]);
    expect(l.runDunning("2025-01-29").moved).toEqual([inv.id]);
    expect(l.invoice(inv.id).dcStatus).toBe(1);

    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.count).toBe(0);
    l.approve(inv.id);
    const available = await api.get("/DebtCollection/Invoices/AvailableInvoices/");
    expect(available.body.data).toEqual([expect.objectContaining({ id: inv.id, remainingAmount: 3000 })]);

    const created = await api.post("/DebtCollection/", { code: "AG-5001", invoices: [{ id: inv.id }], externalCaseUrl: "https://agency.example/AG-5001" });
    expect(created.body.success).toBe(true);
    expect(l.invoice(inv.id).dcStatus).toBe(4);
    const pollFrom = "2025-02-01T08:00:00";

    clock.advance(5 * 60_000);
    l.registerPayment(inv.id, { amountMinor: 1_000_00, date: "2025-02-01", voucherType: "BankJournal" });
    clock.advance(60_000);
    l.creditNote(inv.id, { amountMinor: 500_00, date: "2025-02-01" });

    const matched = await api.get(`/DebtCollection/GetAllMatchedItems?fromDateTime=${pollFrom}`);
    expect(matched.body.count).toBe(1);
    expect(matched.body.data[0].matchedItems.map((m: { voucherType: number; amount: number }) => [m.voucherType, m.amount])).toEqual([
      [19, -1000],
      [5, -500],
    ]);
    const c = (await api.get(`/DebtCollection/${created.body.data.id}`)).body.data;
    expect(c.invoices[0]).toMatchObject({ remainingAmount: 1500, lastChanged: "2025-02-01T08:06:00 +00:00" });
    expect(c.invoiceLastChanged).toBe("2025-02-01T08:06:00 +00:00");
  });

  it("counts a write-off and a reversal as matched items that change remainingAmount and lastChanged", async () => {
    const l = sandbox.ledger;
    const inv = l.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 800_00 });
    l.sendToDebtCollection(inv.id, "2025-02-01");
    l.approve(inv.id);
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    await api.post("/DebtCollection/", { code: "AG-9", invoices: [{ id: inv.id }] });
    const payment = l.registerPayment(inv.id, { amountMinor: 300_00, date: "2025-01-20", voucherType: "IncomingOcrGiro", paidFromBankAccount: "15032080119" });
    expect(l.invoice(inv.id).remainingMinor).toBe(500_00);
    clock.advance(1000);
    const reversal = l.reverse(payment.id, { date: "2025-01-21" });
    expect(reversal).toMatchObject({ voucherType: 99, amountMinor: 300_00, reversedVoucherNo: payment.voucherNo, matchId: payment.matchId });
    expect(l.invoice(inv.id)).toMatchObject({ remainingMinor: 800_00, lastChanged: Date.parse("2025-02-01T08:00:01Z") });
    const writeOff = l.writeOff(inv.id, { date: "2025-01-31" });
    expect(writeOff).toMatchObject({ isWriteOff: true, amountMinor: -800_00 });
    expect(l.invoice(inv.id).remainingMinor).toBe(0);
    expect(() => l.reverse(payment.id, { date: "2025-01-31" })).toThrow(SandboxLedgerError);
    const all = await api.get("/DebtCollection/GetAllMatchedItems?fromDateTime=2025-01-01T00:00:00");
    expect(all.body.data[0].matchedItems.map((m: { voucherType: number; amount: number; isWriteOff: boolean }) => [m.voucherType, m.amount, m.isWriteOff])).toEqual([
      [9, -300, false],
      [99, 300, false],
      [11, -800, true],
    ]);
    expect((await api.get(`/DebtCollection/MatchedItems/${inv.id}`)).body.count).toBe(3);
  });

  it("uses the reminder's due date when the ledger sent one", () => {
    const l = sandbox.ledger;
    const inv = l.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 100_00 });
    l.sendReminder(inv.id, { sentDate: "2025-01-22", dueDate: "2025-02-05", kind: "notice" });
    expect(l.runDunning("2025-02-05").moved).toEqual([]);
    expect(l.runDunning("2025-02-06").moved).toEqual([inv.id]);
  });

  it("blocks customers marked not to be transferred, and paid or not yet overdue invoices", () => {
    const l = sandbox.ledger;
    const blocked = l.addInvoice({ customerCode: 10002, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 100_00 });
    const paid = l.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 100_00 });
    l.registerPayment(paid.id, { amountMinor: 100_00, date: "2025-01-09" });
    const fresh = l.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-25", dueDate: "2025-02-08", amountMinor: 100_00 });
    expect(l.runDunning("2025-02-01")).toEqual({ moved: [], blocked: [{ invoiceId: blocked.id, reason: expect.stringContaining("not to be transferred") }] });
    expect(() => l.sendToDebtCollection(fresh.id, "2025-02-01")).toThrow(/not overdue/);
    expect(() => l.sendToDebtCollection(paid.id, "2025-02-01")).toThrow(/nothing left/);
    expect(() => l.approve(fresh.id)).toThrow(/cannot approve/);
  });

  it("lets the user hold a draft and release it before approving", () => {
    const l = sandbox.ledger;
    const inv = l.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 100_00 });
    l.sendToDebtCollection(inv.id, "2025-01-11");
    expect(l.putOnHold(inv.id).dcStatus).toBe(2);
    expect(() => l.approve(inv.id)).toThrow(SandboxLedgerError);
    l.release(inv.id);
    expect(l.approveAll()).toEqual([inv.id]);
    expect(l.invoice(inv.id).dcStatus).toBe(3);
  });

  it("refuses duplicate invoice numbers, KIDs and customer codes that are ledger accounts", () => {
    const l = sandbox.ledger;
    const inv = l.addInvoice({ invoiceNo: 7, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 100_00 });
    expect(() => l.addInvoice({ invoiceNo: 7, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 1 })).toThrow(/exists/);
    expect(() => l.addInvoice({ customerCode: 10001, cid: inv.cid, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 1 })).toThrow(/KID/);
    expect(() => l.addCustomer({ code: 1920, name: "Bank" })).toThrow(/general ledger account/);
    expect(() => l.addInvoice({ customerCode: 99999, invoiceDate: "2025-01-01", dueDate: "2025-01-10", amountMinor: 1 })).toThrow(/no customer/);
  });
});
