import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { computeInterest } from "../../src/domain/interest/compute-interest.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { aScenario } from "../support/scenario-builder.js";
import { databasePerTest } from "../support/test-database.js";

/**
 * Credit notes, full credits and waived costs through the case store (issue 12, items 2 and 3),
 * on a real database: the scenario's invoice is 1500.00 due 2024-12-04, in collection from 2025-01-01.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const interest = (principal: number, from: string, until: string): number =>
  computeInterest({ principal: { amount: principal, currency: "NOK" }, from: LocalDate.parse(from), until: LocalDate.parse(until), rates: rules.NO.lateInterest }).interest.amount;
const minor = (text: string) => Math.round(Number(text) * 100);

async function run(json: unknown): Promise<InvoiceReport> {
  const [inv] = (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices;
  return inv!;
}

describe("a credit note through the case store", () => {
  it("a part credit: the interest is the corrected principal's from the due date (forsinkelsesrenteloven § 2), on a credit-note row", async () => {
    const inv = await run(aScenario("2025-01-01", 120).invoice({ id: "F1" }).event({ on: "2025-02-10", type: "credit-note", invoice: "F1", amount: "500.00" }).build());
    expect(inv.balance.principal).toBe("1000.00");
    expect(Math.abs(minor(inv.balance.interest) - interest(100_000, "2024-12-04", "2025-04-30"))).toBeLessThanOrEqual(1);
    const types = inv.timeline.map((e) => e.type);
    expect(types).toContain("credit-note");
    expect(types).not.toContain("payment-received");
  });

  it("a full credit after the payment demand: the debtor owes 0, the ledger is told 0, the costs incurred are charged to the creditor (inkassoloven § 17)", async () => {
    const inv = await run(aScenario("2025-01-01", 60).invoice({ id: "F1" }).event({ on: "2025-02-20", type: "credit-note", invoice: "F1", amount: "1500.00" }).build());
    expect(inv.closed?.reason).toBe("credited");
    expect(inv.balance).toMatchObject({ principal: "0.00", interest: "0.00", costs: "0.00", total: "0.00" });
    const debtorCosts = inv.charges.filter((c) => c.payer === "debtor" && Number(c.amount) > 0).reduce((s, c) => s + minor(c.amount), 0);
    const waived = inv.charges.filter((c) => c.payer === "debtor" && Number(c.amount) < 0).reduce((s, c) => s + minor(c.amount), 0);
    expect(debtorCosts).toBeGreaterThan(0);
    expect(waived).toBe(-debtorCosts);
    expect(inv.charges.filter((c) => c.payer === "creditor").map((c) => minor(c.amount))).toEqual([debtorCosts]);
    const [status] = await t.database.query<{ payload: { stage: string; balanceMinor: number } }>("select payload from outbox where kind = 'case-status' order by id desc limit 1");
    expect(status!.payload).toMatchObject({ stage: "closed", balanceMinor: 0 });
    const [row] = await t.database.query<{ balance_minor: number }>("select balance_minor from cases");
    expect(Number(row!.balance_minor)).toBe(0);
  });

  it("waive-costs: the case handler's waiver takes the charged costs off the debtor's balance, audited with actor and reason", async () => {
    const inv = await run(
      aScenario("2025-01-01", 43)
        .invoice({ id: "F1" })
        .event({ on: "2025-02-10", type: "dispute", invoice: "F1", reason: "never delivered" })
        .event({ on: "2025-02-12", type: "waive-costs", invoice: "F1", reason: "the objection reasonably needed assessment" })
        .build(),
    );
    expect(inv.balance.costs).toBe("0.00");
    expect(inv.balance.principal).toBe("1500.00");
    expect(minor(inv.balance.interest)).toBeGreaterThan(0);
    const [row] = await t.database.query<{ actor: string; reason: string | null }>("select actor, reason from case_events where type = 'waive-costs'");
    expect(row).toEqual({ actor: "scenario", reason: "the objection reasonably needed assessment" });
    expect(inv.charges.some((c) => c.kind.endsWith("-waived") && Number(c.amount) < 0)).toBe(true);
  });
});
