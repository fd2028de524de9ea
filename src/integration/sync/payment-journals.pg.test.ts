import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../../../test/support/sync-database.js";
import { failingOnce } from "../../../test/support/failing-database.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { reconcileCreditor } from "../../settlement/reconcile.js";
import { formatDate } from "../poweroffice/sandbox/wire-values.js";
import { listIntegrations } from "./integrations.js";
import { MAX_PAYMENTS_PER_VOUCHER } from "./payment-journals.js";
import { syncCreditor } from "./sync-creditor.js";
import { CUSTOMERS, type SyncRig } from "./sync-test-kit.js";
import { agencyFromEnv } from "../../collection/agency.js";

/**
 * The batch payment journal (docs/SETTLEMENT.md "The money's way") against the PowerOffice sandbox: the day's payments to
 * the agency reach the creditor's ledger as one voucher per payment date, each invoice credited by
 * its own KID, posted once whatever fails in between.
 */
const INVOICES = [
  { invoiceNo: 7001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "800.00", status: "Approved" as const },
  { invoiceNo: 7002, customerCode: 10002, invoiceDate: "2025-01-03", dueDate: "2025-01-17", amount: "1200.00", status: "Approved" as const },
  { invoiceNo: 7003, customerCode: 10001, invoiceDate: "2025-01-04", dueDate: "2025-01-18", amount: "450.50", status: "Approved" as const },
];

describe("batch payment journal", () => {
  const t = syncTestDatabase();
  let r: SyncRig | undefined;

  async function casesByInvoice(rig: SyncRig): Promise<Map<number, { id: string; kid: string }>> {
    const rows = await t.database.query<{ id: string; kid: string; invoice_number: string }>(
      "select c.id, cl.kid, cl.invoice_number from cases c join claims cl on cl.id = c.claim_id where c.creditor_id = $1",
      [rig.creditorId],
    );
    return new Map(rows.map((c) => [Number(c.invoice_number), { id: c.id, kid: c.kid }]));
  }

  const reconcile = async (rig: SyncRig) => reconcileCreditor(t.database, rig.creditorId, rig.deps.connectorFor((await listIntegrations(t.database, rig.creditorId))[0]!), { on: rig.clock.today() });

  async function pay(rig: SyncRig, caseId: string, amountMinor: number, ref: string): Promise<void> {
    const today = rig.clock.today();
    await t.database.transaction((tx) =>
      recordPayment(tx, { agency: agencyFromEnv(), caseId, amountMinor, receivedOn: today, channel: "agency", source: "bank", externalRef: ref, today, actor: "test", rules: rig.deps.rules }),
    );
  }

  it("posts one voucher per payment date: the clearing account takes the day's total, each invoice its own payment by KID; once", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES });
    await r.sync();
    const cases = await casesByInvoice(r);
    const ledger = r.rig.sandbox.ledger;
    const remaining = (no: number) => ledger.invoiceByNo(no).remainingMinor;
    const before = [7001, 7002, 7003].map(remaining);
    const firstDay = r.clock.today();
    await pay(r, cases.get(7001)!.id, 300_00, "line-1");
    await pay(r, cases.get(7002)!.id, 1_000_00, "line-2");
    r.clock.advance(24 * 3_600_000);
    await pay(r, cases.get(7003)!.id, 100_50, "line-3");
    await pay(r, cases.get(7001)!.id, 50_00, "line-4");
    // Before the sync, reconciliation names the payments as not yet journaled.
    const pendingReport = await reconcile(r);
    expect(pendingReport.invoices.map((i) => [i.invoiceNumber, i.differences.map((d) => d.cause)])).toEqual([
      ["7001", ["payment-journal-pending", "payment-journal-pending"]],
      ["7002", ["payment-journal-pending"]],
      ["7003", ["payment-journal-pending"]],
    ]);

    r.clock.advance(3_600_000);
    const result = await r.sync();
    expect(result.integrations[0]!.counts).toMatchObject({ journalBatchesQueued: 2, journalsPosted: 2 });
    const counters = r.rig.sandbox.state.tenant().counters;
    expect(counters.vouchersPosted).toBe(2);
    const journals = ledger.vouchers().filter((v) => v.externalImportReference?.startsWith("fordring:jrn-"));
    expect(journals.map((v) => v.lines.length).sort()).toEqual([3, 3]);
    const byDay = new Map(journals.map((v) => [formatDate(v.voucherDate).slice(0, 10), v]));
    expect([...byDay.keys()].sort()).toEqual([firstDay.toString(), firstDay.plusDays(1).toString()]);
    const first = byDay.get(firstDay.toString())!;
    expect(first.lines.map((l) => [l.accountCode, l.amountMinor, l.cid ?? null])).toEqual([
      [1510, 1_300_00, null],
      [10001, -300_00, cases.get(7001)!.kid],
      [10002, -1_000_00, cases.get(7002)!.kid],
    ]);
    // Each invoice shows its own payments.
    expect([7001, 7002, 7003].map(remaining)).toEqual([before[0]! - 350_00, before[1]! - 1_000_00, before[2]! - 100_50]);
    expect((await reconcile(r)).agrees).toBe(true);

    r.clock.advance(3_600_000);
    const again = await r.sync();
    expect(again.integrations[0]!.counts["journalBatchesQueued"]).toBeUndefined();
    expect(counters.vouchersPosted).toBe(2);
    const unbatched = await t.database.query("select id from payments where creditor_id = $1 and journal_due and journal_batch_id is null", [r.creditorId]);
    expect(unbatched).toEqual([]);
  });

  it("a crash between posting a journal voucher and recording it: the next run posts nothing twice", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES.slice(0, 2) });
    await r.sync();
    const cases = await casesByInvoice(r);
    await pay(r, cases.get(7001)!.id, 200_00, "crash-1");
    await pay(r, cases.get(7002)!.id, 400_00, "crash-2");
    const counters = r.rig.sandbox.state.tenant().counters;
    const postedBefore = counters.vouchersPosted;
    // The process dies after the ledger took the voucher, before its row is marked delivered.
    const crashing = failingOnce(t.database, (sql) => sql.includes("status = 'delivered'"));
    r.clock.advance(3_600_000);
    await syncCreditor(crashing.database, r.creditorId, r.deps);
    expect(crashing.failed()).toBe(true);
    expect(counters.vouchersPosted).toBe(postedBefore + 1);
    const rows = await t.database.query<{ status: string; attempts: number }>("select status, attempts from outbox where creditor_id = $1 and kind = 'payment-journal'", [r.creditorId]);
    expect(rows).toEqual([{ status: "pending", attempts: 1 }]);

    r.clock.advance(3_600_000);
    const again = await r.sync();
    expect(again.integrations[0]!.counts).toMatchObject({ journalsFoundPosted: 1 });
    expect(again.integrations[0]!.counts["journalsPosted"]).toBeUndefined();
    expect(counters.vouchersPosted).toBe(postedBefore + 1);
    expect(await t.database.query("select status from outbox where creditor_id = $1 and kind = 'payment-journal'", [r.creditorId])).toEqual([{ status: "delivered" }]);
  });

  it(`puts at most ${MAX_PAYMENTS_PER_VOUCHER} payments on one voucher, and still delivers a payment's own row queued before batching`, async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES.slice(0, 1) });
    await r.sync();
    const caseId = (await casesByInvoice(r)).get(7001)!.id;
    for (let i = 0; i < MAX_PAYMENTS_PER_VOUCHER + 2; i++) await pay(r, caseId, 1_00, `many-${i}`);
    // A row as an earlier version queued it: one payment, keyed by its id.
    const [legacy] = await t.database.query<{ id: string }>("select id from payments where external_ref = 'many-0'");
    await t.database.query("update payments set journal_due = false where id = $1", [legacy!.id]);
    await t.database.query("insert into outbox (creditor_id, kind, idempotency_key, payload) values ($1, 'payment-journal', $2, $3)", [
      r.creditorId,
      `payment-journal:${legacy!.id}`,
      JSON.stringify({ caseId, paymentId: legacy!.id }),
    ]);
    r.clock.advance(3_600_000);
    const result = await r.sync();
    expect(result.integrations[0]!.counts).toMatchObject({ journalBatchesQueued: 2, journalsPosted: 3 });
    const journals = r.rig.sandbox.ledger.vouchers().filter((v) => v.externalImportReference?.startsWith("fordring:"));
    // 201 payments due: a voucher of 200 (and its clearing line), one of 1; the old row on its own.
    const shapes = journals.map((v) => `${v.externalImportReference!.slice(0, 13)} ${v.lines.length} lines`);
    expect(shapes.sort()).toEqual(["fordring:jrn- 2 lines", `fordring:jrn- ${MAX_PAYMENTS_PER_VOUCHER + 1} lines`, "fordring:pay- 2 lines"]);
    expect((await reconcile(r)).agrees).toBe(true);
  });

  it("splits a batch the ledger refuses for good: each payment on its own journal, so one bad payment holds back only itself", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES.slice(0, 2) });
    await r.sync();
    const cases = await casesByInvoice(r);
    await pay(r, cases.get(7001)!.id, 200_00, "refused-1");
    await pay(r, cases.get(7002)!.id, 400_00, "refused-2");
    // The ledger no longer has the second payment's customer (merged away): its line is refused.
    await t.database.query("update debtors d set external_id = split_part(d.external_id, ':', 1) || ':99999' from cases c where c.debtor_id = d.id and c.id = $1", [cases.get(7002)!.id]);
    const posted = r.rig.sandbox.state.tenant().counters.vouchersPosted;
    r.clock.advance(3_600_000);
    const run = await r.sync();
    // The batch is refused; the step runs again within the same sync and splits it.
    expect(run.integrations[0]!.counts).toMatchObject({ journalsSplitAfterRefusal: 2, journalsPosted: 1 });
    const rows = await t.database.query<{ status: string; payments: number }>(
      "select status, (payload->>'payments')::int as payments from outbox where creditor_id = $1 and kind = 'payment-journal' order by id",
      [r.creditorId],
    );
    expect(rows.map((x) => `${x.status} ${x.payments}`).sort()).toEqual(["delivered 1", "failed 1", "superseded 2"]);
    expect(r.rig.sandbox.state.tenant().counters.vouchersPosted).toBe(posted + 1);
    // The good payment reached its invoice; the refused one is still shown as not journaled.
    const report = await reconcile(r);
    const causes = new Map(report.invoices.map((i) => [i.invoiceNumber, i.differences.map((d) => d.cause)]));
    expect(causes.get("7001")).toEqual([]);
    // (The ledger's items of 7002 no longer name the case's customer, so they show as unexplained too.)
    expect(causes.get("7002")).toContain("payment-journal-pending");
    // A single refused journal is not split again.
    r.clock.advance(3_600_000);
    const third = await r.sync();
    expect(third.integrations[0]!.counts["journalsSplitAfterRefusal"]).toBeUndefined();
  });
});
