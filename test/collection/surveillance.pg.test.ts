import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/** Surveillance (docs/CASES.md, "Surveillance"), after the scenario's payment demand of 2025-01-29. */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();

async function scenario(days: number, events: Record<string, unknown>[]) {
  const b = aScenario("2025-01-01", days).invoice({ id: "F1" });
  for (const e of events) b.event(e);
  return (await runScenario(b.build(), rules, { agency, database: t.database })).invoices[0]!;
}
const types = (inv: { timeline: { on: string; type: string }[] }) => inv.timeline.map((e) => `${e.on} ${e.type}`);

describe("surveillance", () => {
  it("legal steps without result: the case is watched instead of closed, the creditor gets a loss confirmation, a later payment still allocates", async () => {
    const inv = await scenario(120, [
      { on: "2025-02-14", type: "approve-legal", invoice: "F1" },
      { on: "2025-03-03", type: "legal-step", invoice: "F1", step: "forliksklage" },
      { on: "2025-03-20", type: "to-surveillance", invoice: "F1", reason: "legal-no-result" },
      { on: "2025-04-10", type: "payment", invoice: "F1", amount: "300.00" },
    ]);
    expect(types(inv)).toContain("2025-03-20 to-surveillance");
    expect(inv.stage).toBe("surveillance");
    expect(inv.closed).toBeNull();
    expect(inv.allocations.filter((a) => a.on === "2025-04-10").reduce((x, a) => x + Math.round(Number(a.amount) * 100), 0)).toBe(300_00);
    const docs = await t.database.query<{ kind: string; data: { reason: string } }>("select kind, data from case_documents where kind like 'loss-confirmation:%'");
    expect(docs).toEqual([{ kind: "loss-confirmation:2025-03-20", data: expect.objectContaining({ reason: "legal-no-result" }) }]);
  });

  it("refuses surveillance before the payment demand (it changes nothing)", async () => {
    const inv = await scenario(20, [{ on: "2025-01-10", type: "to-surveillance", invoice: "F1" }]);
    expect(inv.timeline.find((e) => e.type === "refused")).toMatchObject({ on: "2025-01-10" });
    expect(inv.stage).not.toBe("surveillance");
    expect(types(inv).filter((x) => x.endsWith(" to-surveillance"))).toEqual([]);
    expect(await t.database.query("select 1 from case_documents")).toEqual([]);
  });

  it("is reviewed on its schedule, and before the limitation date it asks for legal approval — never letting the claim lapse silently — then takes the step", async () => {
    await scenario(60, [{ on: "2025-02-20", type: "to-surveillance", invoice: "F1", reason: "no-means" }]);
    const [c] = await t.database.query<{ id: string; creditor_id: string }>("select id, creditor_id from cases");
    // Six months on: a review.
    await runCycleDay(t.database, c!.creditor_id, LocalDate.parse("2025-08-20"), { rules, agency });
    // The limitation date comes within 120 days (moved here so the test need not run three years).
    await t.database.query("update cases set limitation_on = '2025-12-01' where id = $1", [c!.id]);
    await runCycleDay(t.database, c!.creditor_id, LocalDate.parse("2025-08-21"), { rules, agency });
    const rows = await t.database.query<{ on: string; type: string; reason: string | null }>(`select "on"::text, type, reason from case_events where case_id = $1 and "on" >= '2025-08-20' order by id`, [c!.id]);
    const watched = rows.filter((r) => r.type === "surveillance-review" || r.type === "needs-attention");
    expect(watched.map((r) => `${r.on} ${r.type}`)).toEqual(["2025-08-20 surveillance-review", "2025-08-21 needs-attention"]);
    expect(watched[1]!.reason).toMatch(/time-barred on 2025-12-01.*approve legal collection/);
    // Approved: the next day's watch takes the step; more than six months after the demand, a new demand goes first (inkassoloven § 11).
    await t.database.query("update cases set legal_approved_on = '2025-08-22' where id = $1", [c!.id]);
    await runCycleDay(t.database, c!.creditor_id, LocalDate.parse("2025-08-22"), { rules, agency });
    const after = await t.database.query<{ type: string }>(`select type from case_events where case_id = $1 and "on" = '2025-08-22' order by id`, [c!.id]);
    expect(after.map((r) => r.type)).toContain("payment-demand-renewed");
    expect(await t.database.query<{ status: string }>("select status from legal_proceedings")).toEqual([{ status: "pending" }]);
  });
});
