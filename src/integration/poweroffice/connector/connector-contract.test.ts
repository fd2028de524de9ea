import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { LedgerError } from "../../ledger-connector.js";
import { DebtCollectionStatus } from "../sandbox/index.js";
import { connectorRig, type ConnectorRig } from "./connector-test-kit.js";

/**
 * The connector against the sandbox, in both serialization modes (poweroffice.md §6.18): the
 * markdown's enums-as-numbers and `cID`, the swagger's enum names and `cid`. Same calls, same
 * results.
 */
const SEED = {
  customers: [
    { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", emailAddress: "post@bjornstadror.no", phoneNumber: "+47 77 60 12 34",
      mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
    { code: 10002, name: "Åse Ødegård", isPerson: true, firstName: "Åse", lastName: "Ødegård", dateOfBirth: "1979-05-17",
      mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" } },
  ],
  invoices: [
    { invoiceNo: 1001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "12500.00", status: "Approved" as const },
    { invoiceNo: 1002, customerCode: 10001, invoiceDate: "2025-01-20", dueDate: "2025-02-03", amount: "3125.50", status: "Approved" as const,
      payments: [{ date: "2025-02-10", amount: "1000.00", kind: "BankJournal" as const }] },
    { invoiceNo: 1003, customerCode: 10002, invoiceDate: "2025-01-03", dueDate: "2025-01-17", amount: "999.99", status: "Approved" as const,
      lastReminder: { sentDate: "2025-01-25", dueDate: "2025-02-08", kind: "notice" as const } },
    { invoiceNo: 1004, customerCode: 10002, invoiceDate: "2025-01-04", dueDate: "2025-01-18", amount: "450.00", status: "Approved" as const },
    { invoiceNo: 1005, customerCode: 10002, invoiceDate: "2025-01-05", dueDate: "2025-01-19", amount: "75.00", status: "Approved" as const },
    { invoiceNo: 1006, customerCode: 10002, invoiceDate: "2025-01-06", dueDate: "2025-01-20", amount: "80.00", status: "Draft" as const },
  ],
};

for (const mode of ["numbers", "strings"] as const) {
  describe(`PowerOffice connector against the sandbox (${mode})`, () => {
    let rig: ConnectorRig;
    afterEach(async () => rig?.close());

    async function setup() {
      rig = await connectorRig({ serialization: mode });
      rig.sandbox.seed(SEED);
      return { c: rig.connector({ pageSize: 2 }), ledger: rig.sandbox.ledger, counters: rig.sandbox.state.tenant().counters };
    }

    it("reads approved invoices page by page, exactly, and their customers", async () => {
      const { c, ledger } = await setup();
      expect(await c.canCreateCases()).toBe(true);
      const batch = await c.availableInvoices();
      expect(batch.unreadable).toEqual([]);
      expect(batch.items.map((i) => i.invoiceNumber)).toEqual(["1001", "1002", "1003", "1004", "1005"]);
      expect(rig.requests.filter((r) => r.includes("AvailableInvoices")).map((r) => r.replace(/^.*\?/, ""))).toEqual([
        "$orderby=InvoiceNo asc&$top=2&$skip=0",
        "$orderby=InvoiceNo asc&$top=2&$skip=2",
        "$orderby=InvoiceNo asc&$top=2&$skip=4",
      ]);
      const i1002 = batch.items[1]!;
      expect(i1002).toMatchObject({ amountMinor: 3_125_50, openMinor: 2_125_50, currency: "NOK", customerRef: "10001", kid: ledger.invoiceByNo(1002).cid });
      expect(i1002.dueDate?.toString()).toBe("2025-02-03");
      expect(batch.items[2]!.lastLetter).toEqual({ kind: "collection-notice", sentOn: LocalDate.parse("2025-01-25"), dueOn: LocalDate.parse("2025-02-08") });

      const business = await c.customer("10001");
      expect(business).toMatchObject({ name: "Bjørnstad Rør AS", isPerson: false, orgNumber: "974760673", email: "post@bjornstadror.no", doNotTransfer: false });
      expect(business.address).toEqual({ line1: "Strandgata 5", postcode: "9008", city: "TROMSØ", country: "NO" });
      const person = await c.customer("10002");
      expect(person).toMatchObject({ isPerson: true, orgNumber: null, birthDate: LocalDate.parse("1979-05-17") });
      await expect(c.customer("99999")).rejects.toMatchObject({ code: "not_found", retryable: false });
    });

    it("creates a case once per case number, however often it is asked", async () => {
      const { c, ledger, counters } = await setup();
      const inv = ledger.invoiceByNo(1001);
      const first = await c.createCase({ caseNumber: "ACME-100001", invoiceIds: [inv.id], caseUrl: "http://localhost:3000/cases/x", balanceMinor: 12_500_00 });
      expect(first.created).toBe(true);
      expect(ledger.invoice(inv.id)).toMatchObject({ dcStatus: DebtCollectionStatus.Exported, debtCollectionCode: "ACME-100001", caseId: first.ledgerCaseId });
      expect(await c.createCase({ caseNumber: "ACME-100001", invoiceIds: [inv.id], caseUrl: "", mayExist: true })).toEqual({ ledgerCaseId: first.ledgerCaseId, created: false });
      // Without the hint the POST is refused ("already on a case") and the case is found by its code.
      expect(await c.createCase({ caseNumber: "ACME-100001", invoiceIds: [inv.id], caseUrl: "" })).toEqual({ ledgerCaseId: first.ledgerCaseId, created: false });
      expect(counters.casesCreated).toBe(1);
      expect(ledger.cases()[0]).toMatchObject({ externalCaseUrl: "http://localhost:3000/cases/x", balanceAgencyMinor: 12_500_00 });
    });

    it("updates a case's status and balance, and does not repeat an update that landed", async () => {
      const { c, ledger, counters } = await setup();
      const { ledgerCaseId } = await c.createCase({ caseNumber: "ACME-100002", invoiceIds: [ledger.invoiceByNo(1001).id], caseUrl: "" });
      let seen = "";
      expect(await c.updateCaseStatus({ ledgerCaseId, statusText: "Inkassovarsel sendt", balanceMinor: 12_570_00, closed: false, beforeSend: async (s) => void (seen = s) })).toEqual({ written: true });
      expect(seen).toMatch(/^2025-03-01T09:00:0\d \+00:00$/);
      expect(ledger.cases()[0]).toMatchObject({ statusText: "Inkassovarsel sendt", balanceAgencyMinor: 12_570_00, status: 0 });
      // The same update retried after a crash: the case changed since `seen`, so it landed.
      expect(await c.updateCaseStatus({ ledgerCaseId, statusText: "Inkassovarsel sendt", balanceMinor: 12_570_00, closed: false, seenBefore: seen })).toEqual({ written: false });
      expect(await c.updateCaseStatus({ ledgerCaseId, statusText: "Avsluttet", balanceMinor: 0, closed: true })).toEqual({ written: true });
      expect(counters.statusUpdates.get(ledgerCaseId)!.map((u) => [u.statusText, u.isCaseClosed])).toEqual([["Inkassovarsel sendt", false], ["Avsluttet", true]]);
      expect(ledger.cases()[0]!.status).toBe(10);
    });

    it("reads payments, credit notes, write-offs and reversals matched since a watermark", async () => {
      const { c, ledger } = await setup();
      const inv = ledger.invoiceByNo(1001);
      await c.createCase({ caseNumber: "ACME-100003", invoiceIds: [inv.id], caseUrl: "" });
      const since = rig.clock.now();
      rig.clock.advance(60_000);
      const paid = ledger.registerPayment(inv.id, { amountMinor: 2_000_00, date: "2025-03-01", voucherType: "IncomingOcrGiro", paidFromBankAccount: "15032080119" });
      ledger.creditNote(inv.id, { amountMinor: 500_00, date: "2025-03-01" });
      ledger.reverse(paid.id, { date: "2025-03-02" });
      ledger.writeOff(inv.id, { date: "2025-03-03", amountMinor: 100_00 });
      const { items: groups, unreadable } = await c.matchedItemsSince(since);
      expect(unreadable).toEqual([]);
      expect(groups).toHaveLength(1);
      expect(groups[0]!.kid).toBe(inv.cid);
      expect(groups[0]!.items.map((m) => [m.kind, m.amountMinor])).toEqual([
        ["payment", -2_000_00],
        ["credit-note", -500_00],
        ["reversal", 2_000_00],
        ["write-off", -100_00],
      ]);
      expect(groups[0]!.items[0]!.voucherDate.toString()).toBe("2025-03-01");
      expect((await c.matchedItems(inv.id)).items).toHaveLength(4);
      rig.clock.advance(60_000);
      expect((await c.matchedItemsSince(rig.clock.now())).items).toEqual([]);
    });

    it("rejects invoices by a case it deletes, once", async () => {
      const { c, ledger, counters } = await setup();
      const inv = ledger.invoiceByNo(1004);
      await c.rejectInvoices({ invoiceIds: [inv.id], reference: "AVVIST-1004", reason: "no address" });
      expect(ledger.invoice(inv.id).dcStatus).toBe(DebtCollectionStatus.Rejected);
      await c.rejectInvoices({ invoiceIds: [inv.id], reference: "AVVIST-1004", reason: "no address" });
      expect([counters.casesCreated, counters.casesDeleted]).toEqual([1, 1]);
      expect((await c.availableInvoices()).items.map((i) => i.invoiceNumber)).not.toContain("1004");
    });

    it("posts a voucher once per idempotency key; a repeat is already done", async () => {
      const { c, ledger, counters } = await setup();
      const inv = ledger.invoiceByNo(1001);
      const voucher = {
        idempotencyKey: "fordring:pay:ACME-100001:1",
        date: LocalDate.parse("2025-03-01"),
        description: "Innbetalt til inkassobyrå",
        currency: "NOK",
        lines: [
          { account: "10001", amountMinor: -1_000_00, kid: inv.cid },
          { account: "1512", amountMinor: 1_000_00 },
        ],
      };
      const first = await c.postVoucher(voucher);
      expect(first).toMatchObject({ alreadyPosted: false, voucherId: expect.any(String) });
      expect(await c.postVoucher(voucher)).toEqual({ voucherId: null, alreadyPosted: true });
      expect(counters.vouchersPosted).toBe(1);
      expect(ledger.invoice(inv.id).remainingMinor).toBe(11_500_00);
      await expect(c.postVoucher({ ...voucher, idempotencyKey: "x".repeat(51) })).rejects.toMatchObject({ code: "invalid" });
    });

    it("fetches the invoice PDF", async () => {
      const { c, ledger } = await setup();
      const pdf = await c.invoicePdf(ledger.invoiceByNo(1001).id);
      expect(pdf.contentType).toContain("application/pdf");
      expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
      await expect(c.invoicePdf("00000000-0000-0000-0000-000000000000")).rejects.toBeInstanceOf(LedgerError);
    });

    it("reuses the token until it expires, then fetches a new one", async () => {
      const { c } = await setup();
      await c.canCreateCases();
      await c.availableInvoices();
      await c.customer("10001");
      expect(rig.requests.filter((r) => r.startsWith("POST /OAuth/Token"))).toHaveLength(1);
      rig.clock.advance(1_200_000);
      await c.canCreateCases();
      expect(rig.requests.filter((r) => r.startsWith("POST /OAuth/Token"))).toHaveLength(2);
    });

    it("gets a new token when the old one is revoked (401)", async () => {
      const { c } = await setup();
      await c.canCreateCases();
      rig.sandbox.revokeTokens();
      expect(await c.canCreateCases()).toBe(true);
      expect(rig.requests.filter((r) => r.startsWith("POST /OAuth/Token"))).toHaveLength(2);
    });
  });
}

describe("PowerOffice connector: pacing and refusals", () => {
  let rig: ConnectorRig;
  afterEach(async () => rig?.close());

  it("keeps below 50 requests per second, so the sandbox never answers 429", async () => {
    rig = await connectorRig({});
    rig.sandbox.seed(SEED);
    const c = rig.connector();
    for (let i = 0; i < 120; i++) await c.canCreateCases();
    expect(rig.sandbox.state.rateLimited).toBe(0);
    expect(rig.slept()).toBeGreaterThanOrEqual(2_000);
  });

  it("backs off after 429 and gets through", async () => {
    rig = await connectorRig({ rateLimitPerSecond: 5 });
    rig.sandbox.seed(SEED);
    const c = rig.connector({ requestsPerSecond: 50 });
    for (let i = 0; i < 12; i++) expect(await c.canCreateCases()).toBe(true);
    expect(rig.sandbox.state.rateLimited).toBeGreaterThan(0);
  });

  it("maps wrong keys to auth_failed and an inactive client to auth_failed on case creation", async () => {
    rig = await connectorRig({});
    rig.sandbox.seed({ ...SEED, isActiveDebtCollection: false });
    await expect(rig.connector({ clientKey: "00000000-0000-0000-0000-000000000000" }).canCreateCases()).rejects.toMatchObject({ code: "auth_failed", retryable: false });
    const c = rig.connector();
    expect(await c.canCreateCases()).toBe(false);
    await expect(c.availableInvoices()).rejects.toMatchObject({ code: "auth_failed", vendorCode: "SecurityException" });
  });

  /**
   * Retries a whole operation the way the sync does across runs: the next try says a previous one
   * may have landed. A body garbled twice is not retryable within a run, but the next run tries again.
   */
  async function untilDone<T>(op: (previousTry: boolean) => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await op(tries > 0);
      } catch (e) {
        if (!(e instanceof LedgerError) || !(e.retryable || e.vendorCode === "MalformedResponse") || tries > 8) throw e;
      }
    }
  }

  for (const seed of [3, 7, 11]) {
    it(`with 30 % of the requests faulted (seed ${seed}), every case, status update and voucher lands exactly once`, async () => {
      rig = await connectorRig({ faults: { rate: 0.3, seed, hangMs: 400 } });
      rig.sandbox.seed({
        customers: SEED.customers,
        invoices: Array.from({ length: 8 }, (_, i) => ({ invoiceNo: 2001 + i, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "100.00", status: "Approved" as const })),
      });
      const c = rig.connector({ timeoutMs: 150, maxAttempts: 8 });
      const cases = [];
      for (let i = 0; i < 8; i++) {
        const id = rig.sandbox.ledger.invoiceByNo(2001 + i).id;
        cases.push(await untilDone((mayExist) => c.createCase({ caseNumber: `F-${i}`, invoiceIds: [id], caseUrl: "", mayExist })));
      }
      for (const text of ["Inkassovarsel sendt", "Under inkasso"]) {
        for (const k of cases) {
          let seen: string | null = null;
          await untilDone(() => c.updateCaseStatus({ ledgerCaseId: k.ledgerCaseId, statusText: text, balanceMinor: 100_00, closed: false, seenBefore: seen, beforeSend: async (s) => void (seen ??= s) }));
        }
      }
      for (let i = 0; i < 6; i++) {
        const voucher = {
          idempotencyKey: `fordring:pay:F-${i}`,
          date: LocalDate.parse("2025-03-01"),
          description: "Innbetalt til inkassobyrå",
          currency: "NOK",
          lines: [
            { account: "10001", amountMinor: -10_00, kid: rig.sandbox.ledger.invoiceByNo(2001 + i).cid },
            { account: "1512", amountMinor: 10_00 },
          ],
        };
        await untilDone(() => c.postVoucher(voucher));
      }
      const { faultsInjected } = rig.sandbox.state;
      const counters = rig.sandbox.state.tenant().counters;
      expect(faultsInjected.timeout + faultsInjected.malformed + faultsInjected["500"]).toBeGreaterThan(2);
      expect(counters.casesCreated).toBe(8);
      expect(counters.vouchersPosted).toBe(6);
      expect(rig.sandbox.ledger.invoiceByNo(2001).remainingMinor).toBe(90_00);
      for (const k of cases) expect(counters.statusUpdates.get(k.ledgerCaseId)!.map((u) => u.statusText)).toEqual(["Inkassovarsel sendt", "Under inkasso"]);
    });
  }
});
