import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

const rules = loadRuleBook();
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await t.drop();
});

describe("the engine keeps to the law where the ledger did part of the work", () => {
  it("charges no salær after a ledger notice whose deadline was shorter than 14 days (inkassoloven §§ 9–10)", async () => {
    const db = t.database;
    const creditorId = await upsertCreditor(db, { code: "LDG", name: "Ledger Notice AS", address: { line1: "Gata 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const debtorId = await upsertDebtor(db, creditorId, { source: "t", externalId: "D1", type: "consumer", name: "Ola Nordmann", address: { line1: "Vei 2", postcode: "0155", city: "Oslo", country: "NO" } });
    const claimId = await upsertClaim(db, creditorId, { source: "t", externalId: "F1", debtorId, invoiceNumber: "F1", issueDate: LocalDate.parse("2024-11-01"), dueDate: LocalDate.parse("2024-12-02"), currency: "NOK", amountMinor: 200_000, openMinor: 200_000, status: "sent" });
    const creditor = await loadCreditor(db, creditorId);
    await db.transaction((tx) =>
      openCases(tx, creditor, [{ claimId, debtorId, debtorType: "consumer", dueDate: LocalDate.parse("2024-12-02"), principalMinor: 200_000, ledgerNotice: { sentOn: LocalDate.parse("2024-12-20"), deadline: LocalDate.parse("2024-12-25") } }], LocalDate.parse("2024-12-27"), "test"),
    );
    for (let d = LocalDate.parse("2024-12-27"); d.isBefore(LocalDate.parse("2025-01-10")); d = d.plusDays(1)) await runCycleDay(db, creditorId, d, { rules });
    // The payment demand went out (the ledger's notice counts for § 10) …
    const letters = await db.query<{ kind: string }>("select kind from letters");
    expect(letters.map((l) => l.kind)).toContain("payment-demand");
    // … but without salær: that notice gave the debtor only 5 days.
    const charges = await db.query<{ kind: string }>("select kind from charges");
    expect(charges.map((c) => c.kind)).not.toContain("light-salary");
  });

  it("moves the limitation date when a legal step interrupts it (foreldelsesloven § 15)", async () => {
    const scenario = aScenario("2025-01-01", 90)
      .invoice({ id: "F1" })
      .event({ on: "2025-02-20", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-02-21", type: "legal-step", invoice: "F1", step: "forliksklage" })
      .build();
    await runScenario(scenario, rules, { database: t.database });
    const [c] = await t.database.query<{ limitation_on: string; stage: string; legal_minor: number }>("select limitation_on, stage, legal_minor from cases");
    expect(c!.stage).toBe("legal");
    expect(c!.legal_minor).toBeGreaterThan(0);
    // 3 years from the step (2028-02-21 is a Monday), not from the due date.
    expect(c!.limitation_on).toBe("2028-02-21");
  });
});
