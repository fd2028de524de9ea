import { describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { computeInterest } from "../../src/domain/interest/compute-interest.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * A reversed payment was never made: forsinkelsesrente runs on the restored principal from the
 * payment's date, without a gap up to the reversal (the scenario's invoice: 1500.00 due 2024-12-04).
 */
const rules = loadRuleBook();
const t = databasePerTest();

const interest = (principal: number, from: string, until: string): number =>
  computeInterest({ principal: { amount: principal, currency: "NOK" }, from: LocalDate.parse(from), until: LocalDate.parse(until), rates: rules.NO.lateInterest }).interest.amount;
const nok = (minor: number) => (minor / 100).toFixed(2);

async function run(json: unknown): Promise<InvoiceReport> {
  const [inv] = (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices;
  return inv!;
}

async function reversalRow(): Promise<{ type: string; data: { interestRestored: { principal: number; from: string; until: string; amount: number } }; reason: string | null }> {
  const rows = await t.database.query<{ type: string; data: { interestRestored: { principal: number; from: string; until: string; amount: number } }; reason: string | null }>(
    "select type, data, reason from case_events where data ? 'reversal'",
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe("interest after a reversed payment", () => {
  it("a reversed part payment: interest on the full principal from the due date, with the days between payment and reversal owed too", async () => {
    const inv = await run(
      aScenario("2025-01-01", 120)
        .invoice({ id: "F1" })
        .event({ on: "2025-01-20", type: "payment", invoice: "F1", amount: "500.00", to: "creditor" })
        .event({ on: "2025-02-20", type: "reversal", invoice: "F1", amount: "500.00" })
        .build(),
    );
    const toPayment = interest(150_000, "2024-12-04", "2025-01-20");
    const toPrincipal = 50_000 - 3_500 - toPayment; // notice fee, then interest, then principal
    expect(inv.allocations.filter((a) => a.bucket === "principal").map((a) => a.amount)).toEqual([nok(toPrincipal), nok(-toPrincipal)]);
    expect(inv.balance.principal).toBe("1500.00");
    // As if the payment had not been made: the interest frozen at the payment's date, then the full
    // principal from that date on (each piece rounded once, on principal only).
    const owed = toPayment + interest(150_000, "2025-01-20", "2025-04-30");
    expect(inv.balance.interest).toBe(nok(owed));
    expect(Math.abs(owed - interest(150_000, "2024-12-04", "2025-04-30"))).toBeLessThanOrEqual(1);

    // The timeline says what was added: the interest on the restored principal from the payment's
    // date to the day the case's interest stood at (the cycle had run up to 2025-02-19).
    const row = await reversalRow();
    expect(row.type).toBe("payment-reversed");
    const added = interest(150_000, "2025-01-20", "2025-02-19") - interest(150_000 - toPrincipal, "2025-01-20", "2025-02-19");
    expect(added).toBeGreaterThan(0);
    expect(row.data.interestRestored).toEqual({ principal: toPrincipal, from: "2025-01-20", until: "2025-02-19", amount: added });
    expect(row.reason).toContain(`interest of ${nok(added)} on the restored principal of ${nok(toPrincipal)} from 2025-01-20 to 2025-02-19`);
  });

  it("a reversed payment that had closed the case: the reopened case owes the interest for the weeks it stood closed", async () => {
    const inv = await run(
      aScenario("2025-01-01", 120)
        .invoice({ id: "F1" })
        .event({ on: "2025-01-10", type: "payment", invoice: "F1", amount: "2000.00", to: "creditor" })
        .event({ on: "2025-02-10", type: "reversal", invoice: "F1", amount: "2000.00" })
        .build(),
    );
    expect(inv.closed).toBeNull();
    expect(inv.balance.principal).toBe("1500.00");
    const owed = interest(150_000, "2024-12-04", "2025-01-10") + interest(150_000, "2025-01-10", "2025-04-30");
    expect(inv.balance.interest).toBe(nok(owed));

    const row = await reversalRow();
    expect(row.type).toBe("reopen");
    // The payment closed the case before the cycle of 2025-01-10, so its interest stood at the payment's date.
    expect(row.data.interestRestored).toEqual({ principal: 150_000, from: "2025-01-10", until: "2025-01-10", amount: 0 });
  });
});
