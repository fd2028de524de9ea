import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { syncTestDatabase } from "../support/sync-database.js";
import { camt054 } from "../support/camt054.js";
import { failingOnce } from "../support/failing-database.js";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { openBalance, type CaseRow } from "../../src/collection/cases/case-row.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { listIntegrations } from "../../src/integration/sync/integrations.js";
import { syncCreditor } from "../../src/integration/sync/sync-creditor.js";
import { RunReport } from "../../src/integration/sync/sync-run.js";
import { CUSTOMERS, type SyncRig } from "../../src/integration/sync/sync-test-kit.js";
import { checkSettlementBooked, checkSettlementsBooked, settlementVoucherKey } from "../../src/integration/sync/booked-check.js";
import { reconcileCreditor } from "../../src/settlement/reconcile.js";
import { renderRemittancePdf } from "../../src/settlement/remittance-pdf.js";
import { runSettlement } from "../../src/settlement/run-settlement.js";

/**
 * Issue 5's "Done when", end to end against the PowerOffice sandbox: an invoice approved in the
 * ledger becomes a case; a bank file pays it; the payment is journaled in the ledger the same day;
 * the settlement's remittance PDF renders; its voucher is posted to the ledger once, read back as
 * booked, the invoice's items are matched and everything it touched is at zero; the
 * reconciliation agrees at every step where nothing is in flight and names the cause where
 * something is. Then differences are planted in the ledger and named with the right cause.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-settlement-ledger-"));

describe("settlement through the PowerOffice sandbox", () => {
  const t = syncTestDatabase();
  let r: SyncRig | undefined;
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connectorOf = async (rig: SyncRig) => rig.deps.connectorFor((await listIntegrations(t.database, rig.creditorId))[0]!);
  const reconcile = async (rig: SyncRig) => reconcileCreditor(t.database, rig.creditorId, await connectorOf(rig), { on: rig.clock.today() });
  const caseOf = async (rig: SyncRig, invoiceNumber: string) =>
    (await t.database.query<CaseRow & { invoice_kid: string }>("select k.*, cl.kid as invoice_kid from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 and cl.invoice_number = $2", [rig.creditorId, invoiceNumber]))[0]!;

  it("bank file → payments on cases → settlement → remittance PDF → voucher in the ledger, booked, items matched, balance zero; reconciled at every step", async () => {
    r = await t.rig();
    const ledger = r.rig.sandbox.ledger;
    r.rig.sandbox.seed({
      customers: CUSTOMERS,
      invoices: [
        { invoiceNo: 5001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "8000.00", status: "Approved" },
        { invoiceNo: 5002, customerCode: 10002, invoiceDate: "2025-01-10", dueDate: "2025-01-24", amount: "2500.00", status: "Approved" },
      ],
    });
    await r.sync();
    const today = r.clock.today();
    await runCycleDay(t.database, r.creditorId, today, { agency: agencyFromEnv(), rules: r.deps.rules, actor: "test" });
    r.clock.advance(3_600_000);
    await r.sync();
    expect((await reconcile(r)).agrees).toBe(true);

    // The debtor pays everything the case is owed to the agency's account, with the case's KID.
    const before = await caseOf(r, "5001");
    const owed = openBalance(before);
    const costsAndInterest = owed - (before.principal_minor - before.principal_paid_minor);
    expect(costsAndInterest).toBeGreaterThan(0);
    const bankFile = path.join(dir, "camt.xml");
    fs.writeFileSync(bankFile, camt054("BANK-5001", today.toString(), [{ amount: (owed / 100).toFixed(2), kid: before.kid, payer: "Bjørnstad Rør AS" }]));
    const imported = await importBankFile(t.database, bankFile, { agency: agencyFromEnv(), today, rules: r.deps.rules, actor: "test" });
    expect(imported).toMatchObject({ matched: 1, unmatched: 0, errors: 0 });
    const paid = await caseOf(r, "5001");
    expect(paid.closed_on).toBe(today.toString());
    expect(openBalance(paid)).toBe(0);

    // Not journaled yet: the reconciliation knows why the ledger still shows the invoice open.
    const beforeJournal = await reconcile(r);
    const inv5001 = beforeJournal.invoices.find((i) => i.invoiceNumber === "5001")!;
    expect(inv5001.differences).toEqual([expect.objectContaining({ cause: "payment-journal-pending", amount: (owed / 100).toFixed(2) })]);

    r.clock.advance(3_600_000);
    const journaled = await r.sync();
    expect(journaled.integrations[0]!.counts).toMatchObject({ journalsPosted: 1 });
    // The whole payment is credited to the invoice: it shows paid, costs and interest over, until settled.
    expect(ledger.invoiceByNo(5001).remainingMinor).toBe(0);
    const afterJournal = await reconcile(r);
    expect(afterJournal.agrees).toBe(true);
    expect(afterJournal.invoices.find((i) => i.invoiceNumber === "5001")!.ours.journaledNotSettled).toBe((costsAndInterest / 100).toFixed(2));

    const run = await runSettlement(t.database, { creditorId: r.creditorId, from: today.minusDays(30), to: today, settledOn: today });
    expect(run.cases).toBe(1);
    const pdf = flat((await readPdf(await renderRemittancePdf({ agency: agencyFromEnv({}), creditor: { name: "Testkreditor AS", orgNumber: "974760673" }, settlement: run.settlement, voucher: run.voucher }))).text);
    expect(pdf).toContain(paid.case_number);
    expect(pdf).toContain("Konteringsforslag");

    // Before delivery: the booked check is pending (the ledger is not asked) and the reconciliation names the voucher.
    const connector = await connectorOf(r);
    const requestsBefore = r.rig.requests.length;
    expect(await checkSettlementBooked(t.database, connector, run.settlementId, r.clock.now())).toMatchObject({ state: "pending", booked: false });
    expect(r.rig.requests.length).toBe(requestsBefore);
    const settledNotPosted = await reconcile(r);
    expect(settledNotPosted.agrees).toBe(false);
    expect(settledNotPosted.invoices.find((i) => i.invoiceNumber === "5001")!.differences).toEqual([
      expect.objectContaining({ cause: "settlement-voucher-not-booked", amount: (-costsAndInterest / 100).toFixed(2), ref: `settlement ${run.settlementId}` }),
    ]);

    r.clock.advance(3_600_000);
    const posted = await r.sync();
    // The sync posts the voucher and its booked step (checkSettlementsBooked) reads it back at once;
    // a second check finds nothing left to check.
    expect(posted.integrations[0]!.counts).toMatchObject({ settlementsPosted: 1, settlementsBooked: 1 });
    const integration = (await listIntegrations(t.database, r.creditorId))[0]!;
    const report = new RunReport();
    await checkSettlementsBooked({ database: t.database, integration, connector, report, now: () => r!.clock.now() });
    expect(report.counts).toEqual({});
    const [stored] = await t.database.query<{ booked_at: Date | null; booked_check: { state: string; voucherNo: string; items: { matched: boolean; balance: string }[] } }>(
      "select booked_at, booked_check from settlements where id = $1",
      [run.settlementId],
    );
    expect(stored!.booked_at).not.toBeNull();
    expect(stored!.booked_check.state).toBe("booked");
    expect(stored!.booked_check.items.length).toBeGreaterThan(0);
    expect(stored!.booked_check.items.every((i) => i.matched && i.balance === "0.00")).toBe(true);

    // In the ledger: the voucher once, the invoice's items all matched together and at zero,
    // and the clearing account back at zero over the agency's vouchers.
    const ours = ledger.vouchers().filter((v) => v.externalImportReference?.startsWith("fordring:"));
    expect(ours.filter((v) => v.externalImportReference === settlementVoucherKey(run.settlementId))).toHaveLength(1);
    const inv = ledger.invoiceByNo(5001);
    const items = ledger.entries().filter((e) => e.cid === inv.cid);
    expect(items.length).toBeGreaterThanOrEqual(3); // invoice, payment journal, settlement voucher
    expect(new Set(items.map((e) => e.matchId)).size).toBe(1);
    expect(items[0]!.matchId).toBeDefined();
    expect(items.map((e) => e.balanceMinor)).toEqual(items.map(() => 0));
    expect(inv.remainingMinor).toBe(0);
    const onAccount = (code: number) => ours.flatMap((v) => v.lines).filter((l) => l.accountCode === code).reduce((s, l) => s + l.amountMinor, 0);
    expect(onAccount(1510)).toBe(0);
    expect(onAccount(10001)).toBe(-before.principal_minor);
    expect((await reconcile(r)).agrees).toBe(true);

    // A second sync posts nothing again and keeps it booked.
    await r.sync();
    expect(ledger.vouchers().filter((v) => v.externalImportReference === settlementVoucherKey(run.settlementId))).toHaveLength(1);

    // Planted in the ledger: the other debtor pays the creditor directly, and the creditor writes off part.
    const inv5002 = ledger.invoiceByNo(5002);
    ledger.registerPayment(inv5002.id, { amountMinor: 600_00, date: today.toString() });
    ledger.writeOff(inv5002.id, { date: today.toString(), amountMinor: 150_00 });
    const planted = await reconcile(r);
    expect(planted.agrees).toBe(false);
    expect(planted.invoices.find((i) => i.invoiceNumber === "5001")!.agrees).toBe(true);
    const diff = planted.invoices.find((i) => i.invoiceNumber === "5002")!;
    expect(diff.difference).toBe("-750.00");
    expect(diff.differences.map((d) => [d.cause, d.amount])).toEqual([
      ["ledger-payment-not-synced", "-600.00"],
      ["ledger-write-off", "-150.00"],
    ]);
    expect(diff.differences[0]!.text).toMatch(/not yet synced/);

    // Once synced, the payment is on the case; the write-off stays a difference, with its cause.
    r.clock.advance(3_600_000);
    await r.sync();
    const synced = await reconcile(r);
    expect(synced.invoices.find((i) => i.invoiceNumber === "5002")!.differences.map((d) => [d.cause, d.amount])).toEqual([["ledger-write-off", "-150.00"]]);
  });

  it("a crash between posting the settlement voucher and recording it: the next run posts nothing twice (counted in the sandbox)", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 6001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "900.00", status: "Approved" }] });
    await r.sync();
    const today = r.clock.today();
    const c = await caseOf(r, "6001");
    const bankFile = path.join(dir, "camt-6001.xml");
    fs.writeFileSync(bankFile, camt054("BANK-6001", today.toString(), [{ amount: "300.00", kid: c.kid }]));
    await importBankFile(t.database, bankFile, { agency: agencyFromEnv(), today, rules: r.deps.rules, actor: "test" });
    r.clock.advance(3_600_000);
    await r.sync();
    const run = await runSettlement(t.database, { creditorId: r.creditorId, from: today.minusDays(30), to: today, settledOn: today });
    const [row] = await t.database.query<{ id: number }>("select id from outbox where idempotency_key = $1", [`settlement-voucher:${run.settlementId}`]);
    const counters = r.rig.sandbox.state.tenant().counters;
    const postedBefore = counters.vouchersPosted;

    // The process dies after the ledger has taken the voucher, before the outbox row is marked delivered.
    const crashing = failingOnce(t.database, (sql, params) => sql.includes("status = 'delivered'") && [params?.[0]].flat().map(String).includes(String(row!.id)));
    r.clock.advance(3_600_000);
    await syncCreditor(crashing.database, r.creditorId, r.deps);
    expect(crashing.failed()).toBe(true);
    expect(counters.vouchersPosted).toBe(postedBefore + 1);
    const [pending] = await t.database.query<{ status: string; attempts: number }>("select status, attempts from outbox where id = $1", [row!.id]);
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });

    r.clock.advance(3_600_000);
    const again = await r.sync();
    expect(again.integrations[0]!.counts).toMatchObject({ settlementsFoundPosted: 1 });
    expect(again.integrations[0]!.counts["settlementsPosted"]).toBeUndefined();
    expect(counters.vouchersPosted).toBe(postedBefore + 1);
    expect(r.rig.sandbox.ledger.vouchers().filter((v) => v.externalImportReference === settlementVoucherKey(run.settlementId))).toHaveLength(1);
    const [delivered] = await t.database.query<{ status: string }>("select status from outbox where id = $1", [row!.id]);
    expect(delivered!.status).toBe("delivered");
    expect(await checkSettlementBooked(t.database, await connectorOf(r), run.settlementId, r.clock.now())).toMatchObject({ state: "booked", booked: true });
  });
});
