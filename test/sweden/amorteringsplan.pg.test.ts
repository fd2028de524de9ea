import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { casePaymentPlans, proposePaymentPlanOn } from "../../src/collection/payment-plans/payment-plans.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { checkOcr } from "../../src/domain/identifiers/se-ocr.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * An amorteringsplan through the payment-plan machinery (`/v1/cases/:id/payment-plans` calls
 * `proposePaymentPlanOn`): on a Swedish case the plan carries lag (1981:739) 3 § 2's 170 kr with
 * its source, holds the case, confirms in the Swedish amorteringsplan letter, gives Bankgiro OCR
 * references, and is broken by a missed instalment; a Norwegian case beside it keeps the Norwegian
 * rules (no Swedish fee; inkassoforskriften § 2-4's cost is off by default).
 */
const rules = loadRuleBook();
const agency = agencyFromEnv({});
const d = LocalDate.parse;
let t: TestDatabase;
let se: { creditorId: string; caseId: string };
let no: { creditorId: string; caseId: string };

async function claimCase(creditorId: string, currency: "SEK" | "NOK", country: "SE" | "NO") {
  const db = t.database;
  const debtorId = await upsertDebtor(db, creditorId, { source: "t", externalId: "D1", type: "consumer", name: "Anna Andersson", address: { line1: "Storgatan 12", postcode: country === "SE" ? "753 20" : "0155", city: "Uppsala", country } });
  const claimId = await upsertClaim(db, creditorId, { source: "t", externalId: "F1", debtorId, invoiceNumber: "1001", issueDate: d("2025-02-01"), dueDate: d("2025-03-03"), currency, amountMinor: 10_000_00, openMinor: 10_000_00, status: "sent" });
  const creditor = await loadCreditor(db, creditorId);
  const [o] = await db.transaction((tx) => openCases(tx, creditor, [{ claimId, debtorId, debtorType: "consumer", dueDate: d("2025-03-03"), principalMinor: 10_000_00 }], d("2025-03-04"), "test"));
  return { creditorId, caseId: o!.caseId };
}

async function runDays(creditorId: string, from: string, to: string) {
  for (let day = d(from); !day.isAfter(d(to)); day = day.plusDays(1)) await runCycleDay(t.database, creditorId, day, { rules, agency });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const seId = await upsertCreditor(t.database, { code: "SEAB", name: "Bygg i Uppsala AB", orgNumber: "556016-0680", jurisdiction: "SE", collection: { firstStep: "collection-notice" }, address: { line1: "Kungsgatan 1", postcode: "753 21", city: "Uppsala", country: "SE" } });
  const noId = await upsertCreditor(t.database, { code: "NOAS", name: "Maler Hansen AS", orgNumber: "974760673", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" } });
  se = await claimCase(seId, "SEK", "SE");
  no = await claimCase(noId, "NOK", "NO");
  await runDays(seId, "2025-03-04", "2025-03-31");
  await runDays(noId, "2025-03-04", "2025-03-31");
}, 120_000);
afterAll(async () => t?.drop());

describe("an amorteringsplan on a Swedish case", () => {
  it("previews and agrees the plan with the 170 kr fee in its total, holds the case, sends the Swedish confirmation naming the first instalment, and gives OCR references", async () => {
    const [c] = await t.database.query<{ stage: string; balance: number; kid: string }>("select stage, balance_minor::int8 as balance, kid from cases where id = $1", [se.caseId]);
    // The inkassokrav went out on 17 March (14 days after the due date) with its 180 kr; its deadline has passed.
    expect(c!.stage).toBe("awaiting-legal-approval");
    const input = { caseId: se.caseId, today: d("2025-03-31"), actor: "handler", rules, agency, schedule: { kind: "even" as const, count: 2, firstOn: d("2025-04-15") }, kidPerInstalment: true };
    const preview = await proposePaymentPlanOn(t.database, { ...input, preview: true });
    expect(preview).toMatchObject({ ok: true, costMinor: 170_00, currency: "SEK" });
    expect((await casePaymentPlans(t.database, se.caseId))).toEqual([]);

    const r = await proposePaymentPlanOn(t.database, { ...input, preview: false });
    if (!r.ok) throw new Error(JSON.stringify(r.refusals));
    // lag (1981:739) 3 § 2, 4 § 3: 170 kr, and the plan covers the whole remaining debt including it.
    expect(r.costMinor).toBe(170_00);
    expect(r.costSource).toMatch(/1981:739/);
    expect(r.totalMinor).toBe(Number(c!.balance) + 170_00);
    expect(r.instalments.reduce((a, i) => a + i.amountMinor, 0)).toBe(r.totalMinor);
    expect(r.instalments.map((i) => i.dueOn)).toEqual(["2025-04-15", "2025-05-15"]);
    for (const i of r.instalments) expect(checkOcr(i.kid).valid).toBe(true);
    expect(new Set(r.instalments.map((i) => i.kid)).size).toBe(2);

    const [after] = await t.database.query<{ hold_kind: string; hold_reason: string; balance: number; fees: number }>("select hold_kind, hold_reason, balance_minor::int8 as balance, fees_minor::int8 as fees from cases where id = $1", [se.caseId]);
    expect(after).toMatchObject({ hold_kind: "payment-plan", hold_reason: r.planId });
    expect(Number(after!.balance)).toBe(r.totalMinor);
    expect(Number(after!.fees)).toBe(180_00 + 170_00);
    const charges = await t.database.query<{ kind: string; amount_minor: number; source: string }>("select kind, amount_minor::int8 as amount_minor, source from charges where case_id = $1 order by kind", [se.caseId]);
    expect(charges.map((x) => [x.kind, Number(x.amount_minor)])).toEqual([["collection-fee", 180_00], ["payment-plan-fee", 170_00]]);
    expect(charges[1]!.source).toMatch(/1981:739/);
    // The inkassokrav of Monday 17 March: received Wednesday 19 (2 bank days by post), + 4 bank days = Tuesday 25, also 8 days after sending.
    const letters = await t.database.query<{ kind: string; deadline: string; language: string }>("select kind, deadline::text, language from letters where case_id = $1 order by sent_on", [se.caseId]);
    expect(letters.map((l) => [l.kind, l.deadline, l.language])).toEqual([["collection-notice", "2025-03-25", "sv"], ["payment-plan", "2025-04-15", "sv"]]);
  });

  it("is broken by an instalment missed past the grace period: the case resumes where it stood", async () => {
    // Due 15 April, 7 days' grace: on 23 April the plan is broken.
    await runDays(se.creditorId, "2025-04-01", "2025-04-23");
    const [plan] = await casePaymentPlans(t.database, se.caseId);
    expect(plan).toMatchObject({ status: "broken", endedOn: "2025-04-23" });
    const [c] = await t.database.query<{ hold_kind: string | null; stage: string }>("select hold_kind, stage from cases where id = $1", [se.caseId]);
    expect(c).toEqual({ hold_kind: null, stage: "awaiting-legal-approval" });
  });
});

describe("a payment plan on a Norwegian case beside it", () => {
  it("keeps the Norwegian rules: no amorteringsplan fee, KID references", async () => {
    const r = await proposePaymentPlanOn(t.database, { caseId: no.caseId, today: d("2025-03-31"), actor: "handler", rules, agency, schedule: { kind: "even", count: 2, firstOn: d("2025-04-15") }, preview: false });
    if (!r.ok) throw new Error(JSON.stringify(r.refusals));
    expect(r.costMinor).toBe(0);
    expect(r.costSource).toBeNull();
    expect(r.currency).toBe("NOK");
    expect(r.documentId).not.toBeNull();
    const charges = await t.database.query<{ kind: string }>("select kind from charges where case_id = $1 and kind = 'payment-plan-fee'", [no.caseId]);
    expect(charges).toEqual([]);
  });
});
