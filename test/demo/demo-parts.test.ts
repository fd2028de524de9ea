import { describe, expect, it } from "vitest";
import { parseOcrGiroString } from "../../src/collection/bank-files/ocr-giro.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { checkNoAccountNumber } from "../../src/domain/identifiers/no-account-number.js";
import { checkNoOrganisationNumber } from "../../src/domain/identifiers/no-organisation-number.js";
import { planClient } from "../../src/demo/demo-plan.js";
import { CLIENT_PROFILES, DEMO_FIRM } from "../../src/demo/demo-profiles.js";
import { writeOcrGiroFile } from "../../src/demo/ocr-giro-file.js";

const today = LocalDate.parse("2025-06-16");

describe("the demo's parties", () => {
  it("have valid organisation and account numbers (MOD11)", () => {
    expect(checkNoOrganisationNumber(DEMO_FIRM.orgNumber).valid).toBe(true);
    for (const p of CLIENT_PROFILES) {
      expect(checkNoOrganisationNumber(p.orgNumber).valid, p.code).toBe(true);
      expect(checkNoAccountNumber(p.bankAccount.accountNumber).valid, p.code).toBe(true);
    }
  });
});

describe("the demo's plan", () => {
  it("is the same for the same today and different for another", () => {
    const a = CLIENT_PROFILES.map((p, i) => planClient(p, i, today));
    const b = CLIENT_PROFILES.map((p, i) => planClient(p, i, today));
    expect(b).toEqual(a);
    const other = planClient(CLIENT_PROFILES[0]!, 0, today.plusDays(1));
    expect(other.invoices.map((i) => i.amountMinor)).not.toEqual(a[0]!.invoices.map((i) => i.amountMinor));
  });

  it("spreads due dates over the last ~150 days and gives every client a mix of fates", () => {
    const total = CLIENT_PROFILES.reduce((n, p) => n + p.invoices, 0);
    expect(total).toBeGreaterThanOrEqual(250);
    for (const [i, p] of CLIENT_PROFILES.entries()) {
      const plan = planClient(p, i, today);
      const due = plan.invoices.map((inv) => today.epochDay - inv.dueDay);
      expect(Math.max(...due)).toBeGreaterThan(120);
      expect(Math.min(...due)).toBeLessThan(14);
      const fates = new Set(plan.invoices.map((inv) => inv.fate));
      for (const f of ["on-time", "unpaid", "agency-full", "direct-late"]) expect(fates.has(f as never), `${p.code} ${f}`).toBe(true);
    }
  });

  it("has a customer without an address and one marked 'do not transfer', each with overdue invoices", () => {
    const shop = planClient(CLIENT_PROFILES[0]!, 0, today);
    const noAddress = shop.customers.find((c) => c.code === shop.noAddressCustomer);
    expect(noAddress?.mailAddress).toBeUndefined();
    const blocked = shop.customers.find((c) => c.code === shop.doNotTransferCustomer);
    expect(blocked?.transferToDebtCollectionAgency).toBe(false);
    for (const code of [shop.noAddressCustomer, shop.doNotTransferCustomer]) {
      expect(shop.invoices.filter((i) => i.customerCode === code && i.dueDay < today.epochDay - 14).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("the demo's OCR giro files", () => {
  it("are read back by the Nets OCR giro reader with their totals, KIDs, amounts and archive references", async () => {
    const text = writeOcrGiroFile({
      transmitter: "00008080",
      recipient: "00010200",
      transmissionNumber: 3,
      agreementId: "001008566",
      account: "86011117947",
      createdOn: today,
      payments: [
        { kid: "0001000016", amountMinor: 1_250_50, paidOn: today, fromAccount: "97104567898", archiveReference: 30_001 },
        { kid: "0001000024", amountMinor: 99_00, paidOn: today.minusDays(1), fromAccount: "12065678908", archiveReference: 30_002 },
      ],
    });
    expect(text.split("\n").filter(Boolean).every((l) => l.length === 80)).toBe(true);
    const file = await parseOcrGiroString(text);
    expect(file.errors).toEqual([]);
    expect(file.totals).toEqual([{ count: 2, amount: { amount: 1_349_50, currency: "NOK" } }]);
    expect(file.payments.map((p) => [p.reference.value, p.amount.amount, p.bookedOn.toString(), p.bankReference, p.payer?.account])).toEqual([
      ["0001000016", 1_250_50, "2025-06-16", "000030001", "97104567898"],
      ["0001000024", 99_00, "2025-06-15", "000030002", "12065678908"],
    ]);
  });

  it("refuse an amount that is not a positive number of øre", () => {
    const payment = { kid: "0001000016", amountMinor: 0, paidOn: today, fromAccount: "97104567898", archiveReference: 1 };
    expect(() => writeOcrGiroFile({ transmitter: "1", recipient: "2", transmissionNumber: 1, agreementId: "1", account: "86011117947", createdOn: today, payments: [payment] })).toThrow(/payment 1: 0 is not a positive amount/);
  });
});
