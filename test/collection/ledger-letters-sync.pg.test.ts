import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../support/sync-database.js";

/**
 * The ledger's purring reaches the case (issue 12, item 8): PowerOffice's DebtCollectionInvoice
 * carries the last letter (LastReminderVoucherType 71, its sent and due dates) but no fee; the
 * case stores it with the fee unknown, which the fee decisions take as charged
 * (inkassoforskriften § 1-3: the limits are never exceeded).
 */
const CUSTOMERS = [
  { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", emailAddress: "post@bjornstadror.no", phoneNumber: "+47 77 60 12 34",
    mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
];

describe("the ledger's reminder through the PowerOffice sync", () => {
  const t = syncTestDatabase();

  it("is stored on the case with its dates and an unknown fee", async () => {
    const r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 5001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "10000.00", status: "Approved" }] });
    const inv = r.rig.sandbox.ledger.invoiceByNo(5001);
    r.rig.sandbox.ledger.sendReminder(inv.id, { sentDate: "2025-01-20", dueDate: "2025-01-27" });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ counts: { opened: 1 } });
    const [row] = await t.database.query<{ ledger_letters: unknown }>("select ledger_letters from cases where creditor_id = $1", [r.creditorId]);
    expect(row!.ledger_letters).toEqual([{ letter: "reminder", sentOn: "2025-01-20", deadline: "2025-01-27", feeMinor: null }]);
  });
});
