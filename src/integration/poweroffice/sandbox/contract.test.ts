import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DebtCollectionCaseStatus, DebtCollectionStatus, VoucherType, enumValue, type EnumDef, type SerializationMode } from "./enums.js";
import { apiCaller, fetchToken, manualClock } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox } from "./server.js";

/**
 * The same scenario against both serialization modes (poweroffice.md §6.18): the markdown's
 * numbers + `cID` and the swagger's strings + `cid`. Every property returned must be one the
 * vendor documents, and the two modes must carry the same facts.
 */
const documented = JSON.parse(readFileSync(new URL("../../../../test/fixtures/poweroffice/documented-shapes.json", import.meta.url), "utf8")) as Record<
  string,
  { properties: string[] }
>;

async function scenario(mode: SerializationMode) {
  const sandbox = createPowerOfficeSandbox({ serialization: mode, clock: manualClock("2025-03-01T09:00:00Z"), idSeed: 7 });
  const l = sandbox.ledger;
  l.addCustomer({ code: 10001, name: "Sølvi Tangen", isPerson: true, dateOfBirth: "1988-02-29", mailAddress: { address1: "Havnegata 3", zipCode: "8006", city: "BODØ", countryCode: "NO" } });
  const inv = l.addInvoice({ invoiceNo: 3001, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 1_999_99 });
  l.sendReminder(inv.id, { sentDate: "2025-01-22", dueDate: "2025-02-05", emailAddress: "solvi@example.no" });
  l.runDunning("2025-02-06");
  l.approve(inv.id);
  const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
  const available = (await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body;
  const created = (await api.post("/DebtCollection/", { code: "AG-3001", invoices: [{ id: inv.id }], balanceAgency: 2200 })).body;
  l.registerPayment(inv.id, { amountMinor: 999_99, date: "2025-03-01", voucherType: "IncomingOcrGiro", paidFromBankAccount: "15032080119" });
  const voucher = (
    await api.post("/Voucher/ManualJournalVoucher/", {
      voucherDate: "2025-03-01",
      externalImportReference: "remit-3001",
      lines: [
        { accountCode: 10001, amount: -500, cID: inv.cid },
        { accountCode: 1512, amount: 500 },
      ],
    })
  ).body;
  const responses = {
    available,
    created,
    listed: (await api.get("/DebtCollection/")).body,
    matched: (await api.get(`/DebtCollection/MatchedItems/${inv.id}/`)).body,
    allMatched: (await api.get("/DebtCollection/GetAllMatchedItems?fromDateTime=2025-01-01T00:00:00")).body,
    ledger: (await api.get("/Reporting/CustomerLedger/?fromDate=2025-01-01&toDate=2025-03-31")).body,
    customer: (await api.get("/Customer/1")).body,
    voucher,
    info: (await api.get("/ClientIntegrationInformation/")).body,
  };
  await sandbox.close();
  return responses;
}

type Json = Record<string, unknown>;
const entities = (r: Scenario) => ({
  DebtCollectionCase: [r.created.data, ...r.listed.data] as Json[],
  DebtCollectionInvoice: [...r.available.data, ...r.created.data.invoices] as Json[],
  DebtCollectionInvoiceMatch: [...r.matched.data, ...r.allMatched.data.flatMap((x: { matchedItems: Json[] }) => x.matchedItems)] as Json[],
  CustomerLedgerEntry: r.ledger.data as Json[],
  Customer: [r.customer.data] as Json[],
  CustomerAddress: [r.customer.data.mailAddress] as Json[],
  ManualJournalVoucher: [r.voucher.data] as Json[],
  ManualJournalVoucherLine: r.voucher.data.lines as Json[],
  ClientIntegrationInformation: [r.info.data] as Json[],
});

const ENUM_FIELDS: Record<string, EnumDef> = {
  status: DebtCollectionCaseStatus,
  voucherType: VoucherType,
  lastReminderVoucherType: VoucherType,
  invoiceDebtCollectionStatus: DebtCollectionStatus,
};

/** Strings mode → numbers mode: `cid` → `cID`, enum names → numbers. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const def = ENUM_FIELDS[k];
      if (def && typeof v === "string") return [k, enumValue(def, v)];
      return [k === "cid" ? "cID" : k, normalize(v)];
    }),
  );
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

describe("contract: both serialization modes", () => {
  let numbers: Scenario;
  let strings: Scenario;
  beforeAll(async () => {
    numbers = await scenario("numbers");
    strings = await scenario("strings");
  });
  const byMode = (mode: SerializationMode) => (mode === "numbers" ? numbers : strings);

  for (const mode of ["numbers", "strings"] as const) {
    it(`${mode}: every returned property is documented by the vendor`, () => {
      const result = byMode(mode);
      for (const [type, rows] of Object.entries(entities(result))) {
        const allowed = new Set(documented[type]!.properties.map((p) => (mode === "strings" && p === "cID" ? "cid" : p)));
        expect(rows.length, type).toBeGreaterThan(0);
        for (const row of rows) for (const key of Object.keys(row)) expect(allowed.has(key), `${type}.${key}`).toBe(true);
      }
    });

    it(`${mode}: envelopes are {data, success} and DataPages add count`, () => {
      const result = byMode(mode);
      expect(Object.keys(result.created)).toEqual(["data", "success"]);
      expect(Object.keys(result.listed)).toEqual(["data", "count", "success"]);
      expect(result.allMatched).toMatchObject({ count: 1, data: [{ matchedItems: expect.any(Array) }] });
    });
  }

  it("numbers mode writes enums as numbers and the KID as cID", () => {
    expect(numbers.created.data.status).toBe(0);
    expect(numbers.created.data.invoices[0]).toMatchObject({ cID: expect.any(String), lastReminderVoucherType: 71 });
    expect(numbers.matched.data[0]).toMatchObject({ voucherType: 9, cID: expect.any(String), paidFromAccount: "15032080119" });
    expect(numbers.ledger.data.find((e: Json) => e["voucherType"] === 4)).toMatchObject({ invoiceDebtCollectionStatus: 4 });
  });

  it("strings mode writes enum names and the KID as cid", () => {
    expect(strings.created.data.status).toBe("Active");
    expect(strings.created.data.invoices[0]).toMatchObject({ cid: expect.any(String), lastReminderVoucherType: "OutgoingPaymentReminder" });
    expect(strings.created.data.invoices[0].cID).toBeUndefined();
    expect(strings.matched.data.map((m: Json) => m["voucherType"])).toEqual(["IncomingOcrGiro", "ManualJournal"]);
    expect(strings.ledger.data.find((e: Json) => e["voucherType"] === "OutgoingInvoice")).toMatchObject({ invoiceDebtCollectionStatus: "Exported" });
  });

  it("both modes carry the same facts", () => {
    expect(normalize(strings)).toEqual(numbers);
  });

  it("money is exact: 1 999,99 − 999,99 − 500,00 leaves 500,00", () => {
    expect(numbers.listed.data[0].invoices[0]).toMatchObject({ originalAmount: 1999.99, remainingAmount: 500 });
  });
});
