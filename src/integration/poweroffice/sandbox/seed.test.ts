import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkKid } from "../../../domain/identifiers/kid.js";
import { checkNoOrganisationNumber } from "../../../domain/identifiers/no-organisation-number.js";
import { apiCaller, fetchToken } from "./sandbox-test-kit.js";
import { loadSeedFile } from "./seed.js";
import { generateSeed } from "./seed-generator.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";

const SMALL = fileURLToPath(new URL("../../../../test/fixtures/poweroffice/seed-small.json", import.meta.url));

let sandbox: PowerOfficeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("seed file", () => {
  it("loads test/fixtures/poweroffice/seed-small.json into the states it describes", async () => {
    sandbox = createPowerOfficeSandbox();
    expect(sandbox.seed(await loadSeedFile(SMALL))).toEqual({ customers: 3, invoices: 6, payments: 3 });
    const l = sandbox.ledger;
    expect(l.invoiceByNo(1001)).toMatchObject({ dcStatus: 3, remainingMinor: 12_500_00 });
    expect(l.invoiceByNo(1002)).toMatchObject({ dcStatus: 3, remainingMinor: 2_125_50 });
    expect(l.invoiceByNo(1003)).toMatchObject({ dcStatus: 1, lastReminder: { voucherType: 71 } });
    expect(l.invoiceByNo(1004).remainingMinor).toBe(0);
    expect(l.invoiceByNo(1006).remainingMinor).toBe(0);
    expect(l.customer(10003).transferToDebtCollectionAgency).toBe(false);
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.count).toBe(2);
    // The seed's extra account can take a posting.
    const kid = l.invoiceByNo(1001).cid;
    const v = await api.post("/Voucher/ManualJournalVoucher/", { voucherDate: "2025-03-01", lines: [{ accountCode: 10001, amount: -100, cID: kid }, { accountCode: 1513, amount: 100 }] });
    expect(v.body.success).toBe(true);
  });

  it("refuses a seed with invalid organisation numbers, KIDs, amounts or unknown properties, saying where", () => {
    sandbox = createPowerOfficeSandbox();
    const base = { customers: [{ code: 10001, name: "X", organizationNumber: "974760674" }], invoices: [] };
    expect(() => sandbox!.seed(base)).toThrow(/customers\.0\.organizationNumber/);
    const invoice = { invoiceNo: 1, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amount: "100.005", cid: "12345678" };
    expect(() => sandbox!.seed({ customers: [{ code: 10001, name: "X" }], invoices: [invoice] })).toThrow(/invoices\.0\.amount[\s\S]*invoices\.0\.cid/);
    expect(() => sandbox!.seed({ customers: [], invoices: [], extra: 1 } as never)).toThrow(/extra/);
  });
});

describe("generateSeed", () => {
  const options = { customers: 200, invoicesPerCustomer: 5, seed: 2025, today: "2025-03-01" };

  it("is deterministic", () => {
    expect(generateSeed(options)).toEqual(generateSeed(options));
    expect(generateSeed({ ...options, seed: 2026 })).not.toEqual(generateSeed(options));
  });

  it("makes realistic Norwegian customers: valid org numbers, æøå, real postcodes, persons with birth dates", () => {
    const { customers } = generateSeed(options);
    const businesses = customers.filter((c) => !c.isPerson);
    const persons = customers.filter((c) => c.isPerson);
    expect(businesses.length).toBeGreaterThan(100);
    expect(persons.length).toBeGreaterThan(30);
    for (const b of businesses) expect(checkNoOrganisationNumber(b.organizationNumber!).valid).toBe(true);
    for (const p of persons) expect(p.dateOfBirth).toMatch(/^(19[4-9]\d|200[0-4])-\d{2}-\d{2}$/);
    expect(customers.some((c) => /[æøåÆØÅ]/.test(c.name))).toBe(true);
    for (const c of customers) {
      expect(c.mailAddress!.zipCode).toMatch(/^\d{4}$/);
      expect(c.emailAddress).toMatch(/^[a-z0-9.]+@[a-z0-9.]+$/);
    }
  });

  it("makes invoices with MOD10 KIDs, exact amounts and states PowerOffice would have reached", () => {
    const { invoices } = generateSeed(options);
    expect(invoices).toHaveLength(1000);
    for (const inv of invoices) {
      expect(checkKid(inv.cid!, { algorithm: "MOD10" }).valid).toBe(true);
      expect(inv.amount).toMatch(/^\d+\.\d{2}$/);
      expect(inv.dueDate > inv.invoiceDate).toBe(true);
    }
    const statuses = new Set(invoices.map((i) => i.status ?? "None"));
    expect(statuses).toEqual(new Set(["None", "Draft", "Approved", "OnHold"]));
    const kinds = new Set(invoices.flatMap((i) => i.payments ?? []).map((p) => p.kind));
    expect(kinds).toEqual(new Set(["BankJournal", "IncomingOcrGiro", "OutgoingCreditNote"]));
  });

  it("loads into the sandbox without a complaint", () => {
    sandbox = createPowerOfficeSandbox();
    const result = sandbox.seed(generateSeed(options));
    expect(result).toMatchObject({ customers: 200, invoices: 1000 });
    const approved = sandbox.ledger.invoices().filter((i) => i.dcStatus === 3);
    expect(approved.length).toBeGreaterThan(0);
    for (const i of approved) expect(i.remainingMinor).toBeGreaterThan(0);
  });

  it("generates and loads 100,000 invoices in seconds", () => {
    const started = performance.now();
    const seed = generateSeed({ customers: 20_000, invoicesPerCustomer: 5, seed: 1, today: "2025-03-01" });
    const generated = performance.now();
    sandbox = createPowerOfficeSandbox();
    sandbox.seed(seed);
    const loaded = performance.now();
    expect(seed.invoices).toHaveLength(100_000);
    expect(generated - started).toBeLessThan(5_000);
    expect(loaded - generated).toBeLessThan(15_000);
  });
});
