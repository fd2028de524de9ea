import { describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

const rules = loadRuleBook();
const t = databasePerTest();

describe("the engine keeps to the law where the ledger did part of the work", () => {
  async function openWithLedgerNotice(sentOn: string, deadline: string, openedOn: string): Promise<{ creditorId: string; caseId: string }> {
    const db = t.database;
    const creditorId = await upsertCreditor(db, { code: "LDG", name: "Ledger Notice AS", address: { line1: "Gata 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const debtorId = await upsertDebtor(db, creditorId, { source: "t", externalId: "D1", type: "consumer", name: "Ola Nordmann", address: { line1: "Vei 2", postcode: "0155", city: "Oslo", country: "NO" } });
    const claimId = await upsertClaim(db, creditorId, { source: "t", externalId: "F1", debtorId, invoiceNumber: "F1", issueDate: LocalDate.parse("2024-11-01"), dueDate: LocalDate.parse("2024-12-02"), currency: "NOK", amountMinor: 200_000, openMinor: 200_000, status: "sent" });
    const creditor = await loadCreditor(db, creditorId);
    const [opened] = await db.transaction((tx) =>
      openCases(tx, creditor, [{ claimId, debtorId, debtorType: "consumer", dueDate: LocalDate.parse("2024-12-02"), principalMinor: 200_000, ledgerNotice: { sentOn: LocalDate.parse(sentOn), deadline: LocalDate.parse(deadline) } }], LocalDate.parse(openedOn), "test"),
    );
    return { creditorId, caseId: opened!.caseId };
  }
  async function runDays(creditorId: string, from: string, until: string): Promise<void> {
    for (let d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(until)); d = d.plusDays(1)) await runCycleDay(t.database, creditorId, d, { agency: agencyFromEnv(), rules });
  }

  it("does not rest a payment demand on a ledger notice whose deadline was shorter than 14 days: it sends its own notice first (inkassoloven §§ 9–10)", async () => {
    const db = t.database;
    const { creditorId, caseId } = await openWithLedgerNotice("2024-12-20", "2024-12-25", "2024-12-27");
    const [c] = await db.query<{ notice_sent_by: string | null; next_action_on: string }>("select notice_sent_by, next_action_on::text from cases where id = $1", [caseId]);
    expect(c).toEqual({ notice_sent_by: null, next_action_on: "2024-12-16" }); // the agency's notice is due at once (due + 14 has passed)
    // The first timeline row says why the ledger's notice does not count, in words.
    const [opened] = await db.query<{ data: { ledgerNotice: unknown }; reason: string | null }>("select data, reason from case_events where case_id = $1 and type = 'opened'", [caseId]);
    expect(opened!.data.ledgerNotice).toEqual({ sentOn: "2024-12-20", deadline: "2024-12-25", accepted: false, defects: ["ledger_notice_deadline_too_short"] });
    expect(opened!.reason).toBe(
      "The ledger's collection notice (sent 2024-12-20, deadline 2024-12-25) does not count as the collection notice: " +
        "its deadline 2024-12-25 gives 5 days from sending; inkassoloven § 9 requires at least 14 days (2025-01-03 or later). The agency sends its own collection notice.",
    );

    await runDays(creditorId, "2024-12-27", "2025-01-25");
    // The agency's own notice with 14 days, then (after Amili's stop window) the payment demand …
    const letters = await db.query<{ kind: string; sent_on: string; deadline: string }>("select kind, sent_on::text, deadline::text from letters order by sent_on");
    expect(letters.map((l) => [l.kind, l.sent_on, l.deadline])).toEqual([
      ["collection-notice", "2024-12-27", "2025-01-10"],
      ["payment-demand", "2025-01-22", "2025-02-05"],
    ]);
    // … which now rests on a lawful notice, so the light salær is due.
    const charges = await db.query<{ kind: string }>("select kind from charges");
    expect(charges.map((ch) => ch.kind)).toContain("light-salary");
  });

  it("rests the payment demand on a lawful ledger notice: sent the day after its deadline, no notice of the agency's own", async () => {
    const db = t.database;
    const { creditorId, caseId } = await openWithLedgerNotice("2024-12-20", "2025-01-03", "2024-12-27");
    const [opened] = await db.query<{ data: { ledgerNotice: unknown }; reason: string | null }>("select data, reason from case_events where case_id = $1 and type = 'opened'", [caseId]);
    expect(opened).toEqual({ data: expect.objectContaining({ ledgerNotice: { sentOn: "2024-12-20", deadline: "2025-01-03", accepted: true } }), reason: null });
    await runDays(creditorId, "2024-12-27", "2025-01-06");
    const letters = await db.query<{ kind: string; sent_on: string }>("select kind, sent_on::text from letters order by sent_on");
    expect(letters.map((l) => [l.kind, l.sent_on])).toEqual([["payment-demand", "2025-01-04"]]);
  });

  it("moves the limitation date when a legal step interrupts it (foreldelsesloven § 15)", async () => {
    const scenario = aScenario("2025-01-01", 90)
      .invoice({ id: "F1" })
      .event({ on: "2025-02-20", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-02-21", type: "legal-step", invoice: "F1", step: "forliksklage" })
      .build();
    await runScenario(scenario, rules, { agency: agencyFromEnv(), database: t.database });
    const [c] = await t.database.query<{ limitation_on: string; stage: string; legal_minor: number }>("select limitation_on, stage, legal_minor from cases");
    expect(c!.stage).toBe("legal");
    expect(c!.legal_minor).toBeGreaterThan(0);
    // 3 years from the step (2028-02-21 is a Monday), not from the due date.
    expect(c!.limitation_on).toBe("2028-02-21");
  });
});
