import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseAction } from "../../src/collection/actions/case-action.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { renderRemittancePdf } from "../../src/settlement/remittance-pdf.js";
import { runSettlement, settlePeriod } from "../../src/settlement/run-settlement.js";
import { settlementStatus } from "../../src/settlement/settlement-status.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * A period with nothing to settle stores no settlement and queues no voucher (the ledger would
 * refuse a voucher without lines, and the portal would show a 0,00 settlement whose delivery
 * failed). Withdrawal costs charged to the creditor are something to settle even when nothing
 * was collected. A settlement whose posting proposal has no lines (money the creditor received
 * directly, all principal, no commission) is stored — its items are settled — but no voucher is
 * queued for it.
 */
const rules = loadRuleBook();
const day = (s: string) => LocalDate.parse(s);
const minor = (s: string) => Math.round(Number(s) * 100);
let t: TestDatabase;
let creditorId: string;
let caseIds: string[];

const count = async (sql: string, params: unknown[] = []) => Number((await t.database.query<{ n: string }>(`select count(*) as n from ${sql}`, params))[0]!.n);
const settlements = () => count("settlements where creditor_id = $1", [creditorId]);
const vouchersQueued = () => count("outbox where kind = 'settlement-voucher' and creditor_id = $1", [creditorId]);
const settle = (from: string, to: string, on: string) => settlePeriod(t.database, { creditorId, from: day(from), to: day(to), settledOn: day(on) });

beforeAll(async () => {
  t = await createTestDatabase();
  [creditorId] = (await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 3, openedOn: "2025-03-03" })) as [string];
  await runCycleDay(t.database, creditorId, day("2025-03-03"), { agency: agencyFromEnv(), rules });
  caseIds = (await t.database.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number", [creditorId])).map((c) => c.id);
});
afterAll(async () => {
  await t.drop();
});

describe("a settlement run with nothing to settle", () => {
  it("stores no settlement and queues no voucher for a period in which nothing was collected or charged, and says so", async () => {
    const run = await settle("2025-02-01", "2025-02-28", "2025-03-01");
    expect(run).toMatchObject({ settled: false, cases: 0, payout: "0.00", invoiceToCreditor: "0.00", period: { from: "2025-02-01", to: "2025-02-28" } });
    expect(run.settled ? "" : run.reason).toMatch(/nothing to settle/i);
    expect(await settlements()).toBe(0);
    expect(await vouchersQueued()).toBe(0);
    // Asked again, the same answer: nothing was stored the first time that would make it a duplicate.
    expect(await settle("2025-02-01", "2025-02-28", "2025-03-01")).toMatchObject({ settled: false });
    // A caller that expects a settlement is told why there is none.
    await expect(runSettlement(t.database, { creditorId, from: day("2025-02-01"), to: day("2025-02-28"), settledOn: day("2025-03-01") })).rejects.toMatchObject({
      code: "nothing_to_settle",
      field: "period",
    });
    expect(await settlements()).toBe(0);
    expect(await vouchersQueued()).toBe(0);
  });

  it("settles withdrawal costs charged to the creditor when nothing was collected: an invoice to the creditor, with a voucher that has lines", async () => {
    const withdrawn = await t.database.transaction((tx) => applyCaseAction(tx, { agency: agencyFromEnv(), caseId: caseIds[0]!, event: { type: "withdraw" }, today: day("2025-03-20"), actor: "test", rules }));
    expect(withdrawn.ok).toBe(true);
    const [charge] = await t.database.query<{ id: string; amount_minor: string }>("select id, amount_minor from charges where case_id = $1 and payer = 'creditor'", [caseIds[0]]);
    const cost = Number(charge!.amount_minor);
    expect(cost).toBeGreaterThan(0);

    const run = await settle("2025-03-01", "2025-03-31", "2025-04-01");
    if (!run.settled) throw new Error(`expected a settlement, got: ${run.reason}`);
    expect(run).toMatchObject({ duplicate: false, cases: 1, outcome: "invoice", payout: "0.00", voucherQueued: true });
    // Money is conserved: what the creditor is invoiced is exactly the withdrawal cost.
    expect(minor(run.invoiceToCreditor)).toBe(cost);
    expect(minor(run.settlement.totals.withdrawalCosts)).toBe(cost);
    expect(run.voucher.lines.length).toBeGreaterThan(0);
    expect(run.voucher.lines.reduce((s, l) => s + minor(l.amount), 0)).toBe(0);
    expect(await count("settlement_items where settlement_id = $1 and item = $2", [run.settlementId, `charge:${charge!.id}`])).toBe(1);
    expect(await count("outbox where idempotency_key = $1", [`settlement-voucher:${run.settlementId}`])).toBe(1);
  });

  it("stores nothing for a period whose items were all settled before", async () => {
    const before = { settlements: await settlements(), vouchers: await vouchersQueued() };
    const overlapping = await settle("2025-03-15", "2025-03-25", "2025-04-02");
    expect(overlapping).toMatchObject({ settled: false, cases: 0, payout: "0.00" });
    expect({ settlements: await settlements(), vouchers: await vouchersQueued() }).toEqual(before);
  });

  it("stores a settlement whose posting proposal has no lines, settling its items, but queues no voucher for it", async () => {
    // The debtor pays the creditor directly and designates the payment to principal; no commission
    // is agreed: the creditor keeps it all and owes the agency nothing, so there is nothing to post.
    const paid = await t.database.transaction((tx) =>
      recordPayment(tx, { agency: agencyFromEnv(), caseId: caseIds[1]!, amountMinor: 300_00, receivedOn: day("2025-05-12"), channel: "creditor", designation: { bucket: "principal" }, source: "test", externalRef: "direct-1", today: day("2025-05-12"), actor: "test", rules }),
    );
    expect(paid.recorded && paid.allocations).toEqual([{ bucket: "principal", amountMinor: 300_00 }]);
    const vouchersBefore = await vouchersQueued();

    const run = await settle("2025-05-01", "2025-05-31", "2025-06-01");
    if (!run.settled) throw new Error(`expected a settlement, got: ${run.reason}`);
    expect(run).toMatchObject({ cases: 1, outcome: "nothing", payout: "0.00", invoiceToCreditor: "0.00", voucherQueued: false });
    expect(minor(run.settlement.totals.direct.principal)).toBe(300_00);
    expect(run.voucher.lines).toEqual([]);
    expect(await vouchersQueued()).toBe(vouchersBefore);
    expect(await count("settlement_items where settlement_id = $1", [run.settlementId])).toBe(1);
    const status = (await settlementStatus(t.database, creditorId)).find((s) => s.settlementId === run.settlementId);
    expect(status?.voucher.state).toBe("none");
    // The remittance report says there is nothing to post rather than showing an empty proposal.
    const pdf = await renderRemittancePdf({ agency: agencyFromEnv({}), creditor: { name: "Kreditor C001 AS", orgNumber: "974760673" }, settlement: run.settlement, voucher: run.voucher });
    expect(flat((await readPdf(pdf)).text)).toMatch(/Konteringsforslag\s*Ingen posteringer/);

    // The same period again: the stored settlement, still without a voucher.
    expect(await settle("2025-05-01", "2025-05-31", "2025-06-01")).toMatchObject({ settled: true, duplicate: true, settlementId: run.settlementId, voucherQueued: false });
    expect(await vouchersQueued()).toBe(vouchersBefore);
  });
});

describe("fordring settle for a period with nothing to settle", () => {
  let c: CliDatabase;
  let dir: string;
  beforeAll(async () => {
    c = await cliDatabase("fordring-nothing-to-settle", { FORDRING_TODAY: "2025-08-01" });
    dir = c.dir;
  });
  afterAll(async () => {
    await c.drop();
  });
  const run = (...args: string[]) => c.run(...args);

  it("says there was nothing to settle, writes no remittance report or payout file, and stores nothing", async () => {
    expect((await run("creditors", "add", "--code", "EMPTY", "--name", "Tom Periode AS")).code).toBe(0);
    expect((await run("creditors", "set-bank", "--creditor", "EMPTY", "--account", "1234.56.78903")).code).toBe(0);
    const pdf = path.join(dir, "remisse.pdf");
    const payout = path.join(dir, "utbetaling.xml");
    const text = await run("settle", "--creditor", "EMPTY", "--from", "2025-07-01", "--to", "2025-07-31", "--pdf", pdf, "--payout", payout);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/EMPTY 2025-07-01–2025-07-31: nothing to settle/);
    expect(fs.existsSync(pdf)).toBe(false);
    expect(fs.existsSync(payout)).toBe(false);

    const json = await run("settle", "--creditor", "EMPTY", "--from", "2025-07-01", "--to", "2025-07-31", "--json");
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ settled: false, cases: 0, payout: "0.00", period: { from: "2025-07-01", to: "2025-07-31" } });
    const status = await run("settle", "status", "--creditor", "EMPTY", "--no-check", "--json");
    expect(status.json()).toMatchObject({ settlements: [] });
  });
});
