import { describe, expect, it } from "vitest";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { readCase, readCustomer, readInvoice, readMatch } from "./read-shapes.js";
import { instantOf, localDateOf, minorOf, wireAmount } from "./wire-values.js";

/**
 * Mapping tested against payloads written after the vendor's pages: the markdown's response
 * signatures (numbers, `cID`) and the swagger excerpt (names, `cid`).
 */
const invoiceNumbers = {
  id: "5C2F3E1A-0D4B-4C7E-9A51-2B7E6C1D0F11",
  customerCode: 10001,
  invoiceDate: "2025-01-02",
  invoiceNo: 1001,
  dueDate: "2025-01-16",
  originalAmount: 12500.5,
  remainingAmount: 11500.5,
  currencyCode: "NOK",
  cID: "100010010013",
  lastChanged: "2023-10-25T07:58:57 +00:00",
  lastReminderSentDate: "2025-01-20",
  lastReminderDueDate: "2025-02-03",
  lastReminderVoucherType: 72,
};

describe("PowerOffice wire values", () => {
  it("reads amounts as exact øre and refuses more than two decimals", () => {
    expect([minorOf(1250.5), minorOf(0.1), minorOf(-3125.55), minorOf("99.90"), minorOf(12)]).toEqual([125050, 10, -312555, 9990, 1200]);
    expect([minorOf(0.30000000000000004), minorOf(1.234), minorOf("1,5"), minorOf(null)]).toEqual([null, null, null, null]);
    expect([wireAmount(125050), wireAmount(-5), wireAmount(0)]).toEqual([1250.5, -0.05, 0]);
  });

  it("reads the vendor's timestamps and dates", () => {
    expect(instantOf("2023-10-25T07:58:57 +00:00")?.toISOString()).toBe("2023-10-25T07:58:57.000Z");
    expect(instantOf("2023-10-25T09:58:57+02:00")?.toISOString()).toBe("2023-10-25T07:58:57.000Z");
    expect(instantOf("2023-10-25T07:58:57.1234567Z")?.toISOString()).toBe("2023-10-25T07:58:57.123Z");
    expect(instantOf("2023-10-25T07:58:57")?.toISOString()).toBe("2023-10-25T07:58:57.000Z");
    expect(localDateOf("2015-11-26T00:00:00")?.toString()).toBe("2015-11-26");
    expect([instantOf("yesterday"), localDateOf("2015-02-30")]).toEqual([null, null]);
  });
});

describe("PowerOffice shapes → the ledger port", () => {
  it("reads a DebtCollectionInvoice in either mode", () => {
    const numbers = readInvoice(invoiceNumbers);
    const { cID, ...rest } = invoiceNumbers;
    const strings = readInvoice({ ...rest, cid: cID, lastReminderVoucherType: "OutgoingNoticeOfDebtCollection" });
    expect(strings).toEqual(numbers);
    expect(numbers).toMatchObject({
      id: "5c2f3e1a-0d4b-4c7e-9a51-2b7e6c1d0f11",
      customerRef: "10001",
      invoiceNumber: "1001",
      amountMinor: 12_500_50,
      openMinor: 11_500_50,
      kid: "100010010013",
      lastLetter: { kind: "collection-notice", sentOn: LocalDate.parse("2025-01-20"), dueOn: LocalDate.parse("2025-02-03") },
    });
  });

  it("names the property when an invoice cannot be read, and keeps the row", () => {
    const bad = { ...invoiceNumbers, remainingAmount: "lots" };
    expect(() => readInvoice(bad)).toThrow(/DebtCollectionInvoice.remainingAmount/);
    try {
      readInvoice(bad);
    } catch (e) {
      expect(e).toMatchObject({ code: "invalid", retryable: false, response: { body: JSON.stringify(bad) } });
    }
  });

  it("reads a customer: org number from vatNumber, birth date for persons, the mail address", () => {
    expect(readCustomer({ id: 1, code: 10001, name: "Bjørnstad Rør AS", vatNumber: "NO974760673MVA", isPerson: false, emailAddress: "post@x.no",
      mailAddress: { address1: "Strandgata 5", address2: "Postboks 12", zipCode: "9008", city: "TROMSØ", countryCode: "no" }, transferToDebtCollectionAgency: false })).toEqual({
      ref: "10001", name: "Bjørnstad Rør AS", isPerson: false, orgNumber: "974760673", birthDate: null, email: "post@x.no", phone: null,
      address: { line1: "Strandgata 5", line2: "Postboks 12", postcode: "9008", city: "TROMSØ", country: "NO" }, doNotTransfer: true,
    });
    expect(readCustomer({ code: 10002, isPerson: true, firstName: "Åse", lastName: "Ødegård", dateOfBirth: "1979-05-17T00:00:00", invoiceEmailAddress: "a@b.no" })).toMatchObject({
      name: "Åse Ødegård", birthDate: LocalDate.parse("1979-05-17"), email: "a@b.no", address: null, doNotTransfer: false,
    });
  });

  it("reads the customer's contact groups as a list of names", () => {
    expect(readCustomer({ code: 10003, name: "Gruppe AS", contactGroups: "Offentlig; Konsern , " }).groups).toEqual(["Offentlig", "Konsern"]);
    expect(readCustomer({ code: 10004, name: "Uten Gruppe AS", contactGroups: "" }).groups).toBeUndefined();
  });

  it("tells payments, credit notes, write-offs and reversals apart in either mode", () => {
    const base = { id: 17, customerCode: 10001, voucherDate: "2025-03-01", postingDate: "2025-03-01", voucherNo: 10007, amount: -2000, currencyCode: "NOK", isWriteOff: false, matchId: 4 };
    const kinds = (type: number | string, extra: object = {}) => readMatch({ ...base, voucherType: type, ...extra }).kind;
    expect([kinds(19), kinds("BankJournal"), kinds(9), kinds(5), kinds("OutgoingCreditNote"), kinds(11, { isWriteOff: true }), kinds(99, { amount: 2000 }), kinds("ReversalVoucher", { isWriteOff: true, amount: 2000 })]).toEqual([
      "payment", "payment", "payment", "credit-note", "credit-note", "write-off", "reversal", "reversal",
    ]);
    expect(readMatch({ ...base, voucherType: 19, cid: "100010010013" })).toMatchObject({ id: "17", amountMinor: -2_000_00, kid: "100010010013", voucherDate: LocalDate.parse("2025-03-01") });
  });

  it("reads a case's status in either mode, keeping lastChanged as written", () => {
    const c = { id: "A1B2C3D4-0000-4000-8000-000000000001", code: "ACME-100001", status: 10, balanceAgency: 0, lastChanged: "2025-03-01T09:00:00 +00:00", invoices: [{ id: "5C2F3E1A-0D4B-4C7E-9A51-2B7E6C1D0F11" }] };
    expect(readCase(c)).toEqual({ id: "a1b2c3d4-0000-4000-8000-000000000001", code: "ACME-100001", closed: true, balanceMinor: 0, lastChanged: "2025-03-01T09:00:00 +00:00", invoiceIds: ["5c2f3e1a-0d4b-4c7e-9a51-2b7e6c1d0f11"] });
    expect(readCase({ ...c, status: "Active" }).closed).toBe(false);
  });
});
