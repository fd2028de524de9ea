import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { connectorRig, type ConnectorRig } from "../../src/integration/poweroffice/connector/connector-test-kit.js";

/**
 * The connector's read-backs against the PowerOffice sandbox, in both serialization modes: a voucher
 * found by its externalImportReference with the customer items it made (and only our own vouchers),
 * and the customer ledger's open items read page by page.
 */
const CUSTOMERS = [{ code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673" }];

describe("reading back from PowerOffice", () => {
  let rig: ConnectorRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  for (const mode of ["numbers", "strings"] as const) {
    it(`${mode}: finds a posted voucher by its key with its matched customer item; an unknown key is null`, async () => {
      rig = await connectorRig({ serialization: mode });
      rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 7001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "1000.00", status: "Approved" }] });
      const invoice = rig.sandbox.ledger.invoiceByNo(7001);
      const connector = rig.connector();
      await connector.postVoucher({
        idempotencyKey: "fordring:test-1",
        date: LocalDate.parse("2025-03-01"),
        description: "Innbetalt til inkassobyrå",
        currency: "NOK",
        lines: [
          { account: "1510", amountMinor: 400_00 },
          { account: "10001", amountMinor: -400_00, kid: invoice.cid! },
        ],
      });
      rig.clock.advance(2_000);
      const found = await connector.findVoucher("fordring:test-1");
      expect(found).toMatchObject({ reversed: false, date: LocalDate.parse("2025-03-01") });
      expect(found!.customerItems).toEqual([
        expect.objectContaining({ customerRef: "10001", kid: invoice.cid, amountMinor: -400_00, balanceMinor: 0, isInvoice: false, matchId: expect.any(String) as unknown }),
      ]);
      expect(await connector.findVoucher("fordring:no-such-voucher")).toBeNull();
      expect(rig.requests.some((r) => r.includes("/Voucher/ManualJournalVoucher/?$filter=(ExternalImportReference eq 'fordring:test-1')"))).toBe(true);
    });

    it(`${mode}: reads every open item of the customer ledger across pages, and not the matched-out ones`, async () => {
      rig = await connectorRig({ serialization: mode });
      rig.sandbox.seed({
        customers: CUSTOMERS,
        invoices: [7101, 7102, 7103, 7104, 7105].map((n) => ({ invoiceNo: n, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "500.00", status: "Approved" as const })),
      });
      rig.sandbox.ledger.registerPayment(rig.sandbox.ledger.invoiceByNo(7101).id, { amountMinor: 500_00, date: "2025-02-01" });
      rig.sandbox.ledger.registerPayment(rig.sandbox.ledger.invoiceByNo(7102).id, { amountMinor: 200_00, date: "2025-02-01" });
      const open = await rig.connector({ pageSize: 2 }).openCustomerItems(LocalDate.parse("2025-03-01"));
      expect(open.unreadable).toEqual([]);
      const expected = rig.sandbox.ledger.entries().filter((e) => e.balanceMinor !== 0);
      expect(open.items.map((i) => i.id).sort()).toEqual(expected.map((e) => String(e.id)).sort());
      expect(open.items.filter((i) => i.isInvoice).map((i) => [i.documentNo, i.balanceMinor])).toEqual([["7102", 300_00], ["7103", 500_00], ["7104", 500_00], ["7105", 500_00]]);
      expect(rig.requests.filter((r) => r.startsWith("GET /Reporting/CustomerLedger")).length).toBeGreaterThanOrEqual(2);
    });
  }
});
