import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * inkassoloven § 11 through the daily cycle: legal collection within six months after the payment
 * demand was sent, or a new payment demand first and the legal step after its deadline. The
 * scenario's demand goes out 2025-01-29 (scenario.pg.test.ts), so 2025-07-29 is the last day a
 * legal step goes straight on.
 */
const rules = loadRuleBook();
const t = databasePerTest();

async function run(legalStepOn: string): Promise<InvoiceReport> {
  const json = aScenario("2025-01-01", 240)
    .invoice({ id: "F1" })
    .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
    .event({ on: legalStepOn, type: "legal-step", invoice: "F1", step: "utlegg" })
    .build();
  return (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices[0]!;
}
const steps = (inv: InvoiceReport) => inv.timeline.map((e) => `${e.on} ${e.type}`);

describe("inkassoloven § 11 in the case engine", () => {
  it("takes a legal step within six months of the payment demand at once, with its costs", async () => {
    const inv = await run("2025-07-29");
    expect(steps(inv)).toContain("2025-07-29 legal-step-recorded");
    expect(inv.stage).toBe("legal");
    expect(inv.letters.map((l) => l.kind)).toEqual(["collection-notice", "payment-demand"]);
    expect(inv.charges.filter((c) => c.kind === "legal-costs")).toHaveLength(1);
  });

  it("sends a new payment demand when the step comes later, and takes the step the day after its deadline", async () => {
    const inv = await run("2025-07-30");
    expect(steps(inv)).toEqual(expect.arrayContaining(["2025-07-30 payment-demand-renewed", "2025-08-14 take-pending-legal-step"]));
    expect(steps(inv)).not.toContain("2025-07-30 legal-step-recorded");
    expect(inv.letters.map((l) => [l.kind, l.sentOn, l.deadline])).toEqual([
      ["collection-notice", "2025-01-01", "2025-01-15"],
      ["payment-demand", "2025-01-29", "2025-02-12"],
      ["payment-demand", "2025-07-30", "2025-08-13"],
    ]);
    // No legal costs until the step is taken; no second salær for the renewed demand.
    const legal = inv.charges.filter((c) => c.kind === "legal-costs");
    expect(legal).toHaveLength(1);
    expect(inv.charges.filter((c) => c.kind === "light-salary")).toHaveLength(1);
    expect(inv.stage).toBe("legal");
  });
});
