import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { aScenario } from "../support/scenario-builder.js";
import { databasePerTest } from "../support/test-database.js";

/**
 * inkassoforskriften §§ 1-2, 1-3: the fee limits are per claim, so a purring the creditor's own
 * ledger sent (and charged for) before transfer counts; a reminder whose deadline was under 14
 * days then forbids the agency's notice fee. The scenario's invoice is due 2024-12-04; the agency's
 * notice goes on 2025-01-01.
 */
const rules = loadRuleBook();
const t = databasePerTest();

async function run(ledgerReminder: Record<string, string>): Promise<InvoiceReport> {
  const json = aScenario("2025-01-01", 5).invoice({ id: "F1" }).build() as { invoices: Record<string, unknown>[] };
  json.invoices[0]!.ledgerReminder = ledgerReminder;
  const [inv] = (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices;
  return inv!;
}

describe("ledger letters in a scenario (inkassoforskriften § 1-3)", () => {
  it("a ledger reminder with a 7-day deadline, fee not stated (assumed charged): the agency's notice carries no fee; the letter is stored on the case", async () => {
    const inv = await run({ sent: "2024-12-20", deadline: "2024-12-27" });
    expect(inv.letters.map((l) => l.kind)).toContain("collection-notice");
    expect(inv.charges.filter((c) => c.kind === "notice-fee")).toEqual([]);
    const [row] = await t.database.query<{ ledger_letters: unknown }>("select ledger_letters from cases");
    expect(row!.ledger_letters).toEqual([{ letter: "reminder", sentOn: "2024-12-20", deadline: "2024-12-27", feeMinor: null }]);
  });

  it("the same reminder known to carry no fee: the notice fee is lawful", async () => {
    const inv = await run({ sent: "2024-12-20", deadline: "2024-12-27", fee: "0.00" });
    expect(inv.charges.filter((c) => c.kind === "notice-fee")).toHaveLength(1);
  });
});
