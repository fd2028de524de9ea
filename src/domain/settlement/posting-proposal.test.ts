import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { creditorAccounts } from "./accounts.js";
import { paymentJournal } from "./payment-journal.js";
import { postingProposal } from "./posting-proposal.js";
import { settle } from "./settle.js";
import { aCase, aSettlementInput, alloc, d, nok } from "./settlement-fixtures.js";
import { balances } from "./voucher.js";

const rows = (v: { lines: readonly { accountCode: string; amount: { amount: number }; cid?: string; vatCode?: string }[] }) =>
  v.lines.map((l) => [l.accountCode, l.amount.amount, l.cid ?? null, l.vatCode ?? null]);

describe("paymentJournal", () => {
  const payment = (paymentId: string, amount: number, kid: string | undefined, invoiceNumber = `F-${paymentId}`) => ({
    paymentId,
    receivedOn: d("2025-03-10"),
    amount: nok(amount),
    caseNumber: `S-${paymentId}`,
    customerCode: "10001",
    invoiceNumber,
    ...(kid === undefined ? {} : { invoiceKid: kid }),
  });

  it("debits the clearing account and credits the invoice's customer item by its KID, the same day", () => {
    const v = paymentJournal("b1", [payment("p1", 1_782_34, "10")]);
    expect(v.date.toString()).toBe("2025-03-10");
    expect(v.externalReference).toBe("fordring-journal-b1");
    expect(v.description).toBe("Innbetalt til inkassobyrå, sak S-p1, faktura F-p1");
    expect(rows(v)).toEqual([
      ["1510", 1_782_34, null, null],
      ["10001", -1_782_34, "10", null],
    ]);
  });

  it("journals a day's payments as one voucher: the clearing account debited with the total, each invoice credited by its own KID", () => {
    const v = paymentJournal("b2", [payment("p1", 500_00, "10"), payment("p2", 1_250_50, "26"), payment("p3", 99_00, undefined, "F-77")]);
    expect(v.description).toBe("Innbetalt til inkassobyrå 2025-03-10, 3 innbetalinger");
    expect(rows(v)).toEqual([
      ["1510", 1_849_50, null, null],
      ["10001", -500_00, "10", null],
      ["10001", -1_250_50, "26", null],
      ["10001", -99_00, "F-77", null], // no KID in the ledger: the invoice number identifies the item
    ]);
    const after = balances([v]);
    expect(after.get("10001#26")).toBe(-1_250_50);
  });

  it("refuses a zero or negative payment naming the field", () => {
    expect(() => paymentJournal("b1", [payment("p1", 500_00, "10"), payment("p2", 0, "26")])).toThrow(expect.objectContaining({ field: "payments[1].amount" }));
    expect(() => paymentJournal("b1", [payment("p1", 0, "10")])).toThrow(DomainError);
  });

  it("refuses payments of different days in one voucher, and an empty journal", () => {
    expect(() => paymentJournal("b1", [payment("p1", 500_00, "10"), { ...payment("p2", 500_00, "26"), receivedOn: d("2025-03-11") }])).toThrow(
      expect.objectContaining({ field: "payments[1].receivedOn" }),
    );
    expect(() => paymentJournal("b1", [])).toThrow(DomainError);
  });
});

describe("postingProposal", () => {
  const input = aSettlementInput([
    aCase("1", {
      agencyAllocations: [alloc("p1", "fees", 70_00), alloc("p1", "salary", 700_00), alloc("p1", "interest", 12_34), alloc("p1", "principal", 1_000_00)],
    }),
  ]);

  it("posts interest income, commission with input VAT, the payout, and clears 1510 and the customer item", () => {
    const s = settle(input);
    const v = postingProposal(s);
    expect(v.externalReference).toBe("fordring-settlement-ST-2025-03");
    expect(rows(v)).toEqual([
      ["10001", 782_34, "10", null], // costs + interest credited to the invoice by the journal, moved off again
      ["8050", -12_34, null, null],
      ["1510", -770_00, null, null], // costs the agency keeps
      ["7770", 100_00, null, "1"], // commission, 10 %
      ["2710", 25_00, null, null], // input VAT 25 %
      ["1510", -125_00, null, null],
      ["1920", 887_34, null, null],
      ["1510", -887_34, null, null],
    ]);
    const journal = paymentJournal("b1", [{ paymentId: "p1", receivedOn: d("2025-03-10"), amount: nok(1_782_34), caseNumber: "S-1", customerCode: "10001", invoiceNumber: "F-1", invoiceKid: "10" }]);
    const after = balances([journal, v]);
    expect(after.get("1510")).toBe(0);
    expect(after.get("10001#10")).toBe(-1_000_00); // the invoice of 1 000,00 is closed
  });

  it("puts VAT into the expense when the creditor cannot deduct it, and books the agency's invoice on a negative net", () => {
    const s = settle(aSettlementInput([aCase("1", { creditorCharges: [{ kind: "withdrawal-costs", on: d("2025-03-20"), amount: nok(270_00) }] })]));
    const v = postingProposal(s, creditorAccounts({ inputVatDeductible: false, collectionCostExpense: "7790" }));
    expect(rows(v)).toEqual([
      ["7790", 270_00, null, null],
      ["1510", -270_00, null, null],
      ["1510", 270_00, null, null],
      ["2400", -270_00, null, null],
    ]);
  });

  it("refuses a malformed account code naming it", () => {
    expect(() => creditorAccounts({ clearing: "" })).toThrow(expect.objectContaining({ field: "accounts.clearing" }));
  });
});
