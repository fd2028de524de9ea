import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { settleAllDue, settleDue } from "../../src/settlement/settle-due.js";
import { settlementSettings } from "../../src/settlement/settlement-settings.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * The scheduled settlement: each creditor is settled by its own frequency (daily, weekly,
 * monthly), under its own agreement (interest, commission), every ended period once, with a
 * payment reported late for a settled period taken into the next one.
 */
const rules = loadRuleBook();
const day = (s: string) => LocalDate.parse(s);
const minor = (s: string) => Math.round(Number(s) * 100);
const opened: TestDatabase[] = [];
let t: TestDatabase;

afterAll(async () => {
  for (const db of opened) await db.drop();
});

/** A creditor with its settlement settings, on a database of its own (seedPortfolio's creditor is always C001). */
async function creditorWith(settlement: Record<string, unknown>): Promise<{ creditorId: string; caseIds: string[] }> {
  t = await createTestDatabase();
  opened.push(t);
  const [creditorId] = (await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 4, openedOn: "2025-03-03" })) as [string];
  await t.database.query("update creditors set settings = jsonb_set(coalesce(settings, '{}'), '{settlement}', $2::jsonb) where id = $1", [creditorId, JSON.stringify(settlement)]);
  await runCycleDay(t.database, creditorId, day("2025-03-03"), { agency: agencyFromEnv(), rules });
  const caseIds = (await t.database.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number", [creditorId])).map((c) => c.id);
  return { creditorId, caseIds };
}

async function pay(caseId: string, amountMinor: number, on: string, today = on): Promise<void> {
  await t.database.transaction((tx) =>
    recordPayment(tx, { agency: agencyFromEnv(), caseId, amountMinor, receivedOn: day(on), channel: "agency", source: "bank", externalRef: `${caseId}:${on}:${amountMinor}`, today: day(today), actor: "test", rules }),
  );
}

const periods = (runs: readonly { settled: boolean }[]) =>
  runs.map((r) => ("settlement" in r ? `${(r as { settlement: { period: { from: string; to: string } } }).settlement.period.from}..${(r as { settlement: { period: { from: string; to: string } } }).settlement.period.to}` : "nothing"));

describe("scheduled settlements", () => {
  it("weekly: every ISO week that has ended, once; a week with nothing in it stores nothing; the week in progress waits", async () => {
    const { creditorId, caseIds } = await creditorWith({ frequency: "weekly" });
    await pay(caseIds[0]!, 100_00, "2025-03-04"); // week 10 (3–9 March)
    await pay(caseIds[1]!, 200_00, "2025-03-18"); // week 12 (17–23 March)
    await pay(caseIds[2]!, 300_00, "2025-03-25"); // week 13, still running on the 26th
    const due = await settleDue(t.database, creditorId, day("2025-03-26"));
    expect(due.frequency).toBe("weekly");
    expect(periods(due.runs)).toEqual(["2025-03-03..2025-03-09", "nothing", "2025-03-17..2025-03-23"]);
    const stored = await t.database.query<{ period_from: string; period_to: string; settled_on: string }>(
      "select period_from::text, period_to::text, settled_on::text from settlements where creditor_id = $1 order by period_from",
      [creditorId],
    );
    expect(stored).toEqual([
      { period_from: "2025-03-03", period_to: "2025-03-09", settled_on: "2025-03-26" },
      { period_from: "2025-03-17", period_to: "2025-03-23", settled_on: "2025-03-26" },
    ]);
    // Run again the same day: nothing new.
    const again = await settleDue(t.database, creditorId, day("2025-03-26"));
    expect(again.runs).toEqual([]);
    // The next Monday, the week of the 25th.
    const monday = await settleDue(t.database, creditorId, day("2025-03-31"));
    expect(periods(monday.runs)).toEqual(["2025-03-24..2025-03-30"]);
  });

  it("takes a payment the bank reported after its period was settled into the next settlement", async () => {
    const { creditorId, caseIds } = await creditorWith({ frequency: "daily" });
    await pay(caseIds[0]!, 150_00, "2025-04-07");
    expect(periods((await settleDue(t.database, creditorId, day("2025-04-08"))).runs)).toEqual(["2025-04-07..2025-04-07"]);
    // Dated the 7th (already settled), recorded on the 9th; and a payment of the 8th.
    await pay(caseIds[1]!, 70_00, "2025-04-07", "2025-04-09");
    await pay(caseIds[2]!, 30_00, "2025-04-08", "2025-04-09");
    const next = await settleDue(t.database, creditorId, day("2025-04-09"));
    // The 7th, settled, is not run again; the 8th's settlement takes in the late payment too.
    expect(next.runs.map((r) => (r.settled ? [r.settlement.period.from, r.duplicate, r.settlement.totals.receivedByAgency] : ["nothing"]))).toEqual([["2025-04-08", false, "100.00"]]);
    const [unsettled] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from allocations a where a.creditor_id = $1 and a.amount_minor > 0 and not exists (select 1 from settlement_items s where s.item = 'allocation:' || a.id)",
      [creditorId],
    );
    expect(unsettled!.n).toBe(0);
  });

  it("settles under the creditor's agreement: interest to the agency and a commission with VAT, from its settings", async () => {
    const { creditorId, caseIds } = await creditorWith({ frequency: "monthly", interestTo: "agency", commission: { percentOfPrincipal: "10.00" }, commissionVatLiable: true });
    expect(settlementSettings({ settlement: { frequency: "monthly", interestTo: "agency", commission: { percentOfPrincipal: "10.00" } } }, "NOK").agreement).toMatchObject({ interestTo: "agency", commission: { percentOfPrincipal: "10.00" } });
    await pay(caseIds[0]!, 900_00, "2025-03-20");
    const due = await settleDue(t.database, creditorId, day("2025-04-01"));
    const [run] = due.runs;
    if (!run?.settled) throw new Error("expected a settlement");
    expect(run.settlement.interestTo).toBe("agency");
    expect(run.settlement.period).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    const totals = run.settlement.totals;
    const principal = minor(totals.received.principal);
    expect(principal).toBeGreaterThan(0);
    expect(minor(totals.received.interest)).toBeGreaterThan(0);
    // 10 % of the principal collected, and 25 % VAT on it.
    expect(minor(totals.commission)).toBe(Math.round(principal / 10));
    expect(minor(totals.commissionVat)).toBe(Math.round(Math.round(principal / 10) / 4));
    // The interest went to the agency: the creditor's share is the principal alone.
    expect(minor(totals.creditorShare)).toBe(principal);
  });

  it("refuses a setting a settlement would refuse, naming the field", () => {
    expect(() => settlementSettings({ settlement: { frequency: "yearly" } }, "NOK")).toThrow(expect.objectContaining({ field: "settings.settlement.frequency" }));
    expect(() => settlementSettings({ settlement: { commission: { percentOfPrincipal: "120" } } }, "NOK")).toThrow(expect.objectContaining({ field: "settings.settlement.commission.percentOfPrincipal" }));
    expect(() => settlementSettings({ settlement: { interestTo: "debtor" } }, "NOK")).toThrow(expect.objectContaining({ field: "settings.settlement.interestTo" }));
  });
});

describe("fordring settle due", () => {
  let c: CliDatabase;
  beforeAll(async () => {
    c = await cliDatabase("fordring-settle-due");
  });
  afterAll(async () => {
    await c.drop();
  });

  it("settles every creditor with something due by its own frequency, and says what it did", async () => {
    await c.withDb(async (db) => {
      const [monthly, daily] = (await seedPortfolio(db, { creditors: 2, casesPerCreditor: 2, openedOn: "2025-03-03" })) as [string, string];
      await db.query("update creditors set settings = jsonb_set(coalesce(settings, '{}'), '{settlement}', '{\"frequency\": \"daily\"}') where id = $1", [daily]);
      for (const creditorId of [monthly, daily]) {
        await runCycleDay(db, creditorId, day("2025-03-03"), { agency: agencyFromEnv(), rules });
        const [caseId] = (await db.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number limit 1", [creditorId])).map((r) => r.id);
        await db.transaction((tx) =>
          recordPayment(tx, { agency: agencyFromEnv(), caseId: caseId!, amountMinor: 500_00, receivedOn: day("2025-03-05"), channel: "agency", source: "bank", externalRef: `cli-${creditorId}`, today: day("2025-03-05"), actor: "test", rules }),
        );
      }
    });
    const out = await c.run("settle", "due", "--on", "2025-04-02", "--json");
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const report = out.json<{ on: string; creditors: { frequency: string; settlements: { period: string; duplicate: boolean }[]; empty: number }[] }>();
    expect(report.on).toBe("2025-04-02");
    expect(report.creditors.map((r) => [r.frequency, r.settlements.map((s) => s.period)]).sort()).toEqual([
      ["daily", ["2025-03-05–2025-03-05"]],
      ["monthly", ["2025-03-01–2025-03-31"]],
    ]);
    const text = await c.run("settle", "due", "--on", "2025-04-02");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/nothing to settle for any creditor/);
    // The worker's run the same day finds nothing new either.
    expect(await c.withDb((db) => settleAllDue(db, day("2025-04-02")))).toEqual({ settled: 0, creditors: 0, failed: 0 });
  });
});
