import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { ScenarioError } from "../../src/collection/scenario/scenario-schema.js";
import { checkOcr } from "../../src/domain/identifiers/se-ocr.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";

/**
 * Swedish scenario files written from the law (test/fixtures/scenarios-se/README.md), run through
 * the real case engine on PostgreSQL. Every expected figure is worked out here from the rule it
 * comes from, not read back from a run.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const file = (name: string): unknown => JSON.parse(fs.readFileSync(new URL(`../fixtures/scenarios-se/${name}.json`, import.meta.url), "utf8"));
async function run(name: string): Promise<InvoiceReport> {
  const report = await runScenario(file(name), rules, { agency: agencyFromEnv({}), database: t.database });
  return report.invoices[0]!;
}
const step = (inv: InvoiceReport, type: string) => inv.timeline.find((e) => e.type === type);
/** Dröjsmålsränta on `principal` kronor at 11 % (referensränta 3.00 % + 8, first half of 2025) for `days`, rounded once to öre. */
const interest = (principal: number, days: number) => (Math.round((principal * 100 * 11 * days) / 100 / 365) / 100).toFixed(2);

describe("a Swedish consumer claim: påminnelse with an agreed fee, inkassokrav, betalningsföreläggande, a part payment, an amorteringsplan", () => {
  it("charges 60 kr, 180 kr and 300 kr, gives the inkassokrav god inkassosed's deadline, and allocates the payment costs → interest → principal", async () => {
    const inv = await run("se-reminder-to-payment-order");
    expect(checkOcr(inv.kid!).valid).toBe(true);
    // Due Monday 3 March; the first letter 14 days later (the creditor's cadence), a påminnelse with 14 days.
    expect(step(inv, "send-reminder")).toMatchObject({ on: "2025-03-17", deadline: "2025-03-31", amounts: { "reminder-fee": "60.00" } });
    // Sent Tuesday 1 April: presumed received Thursday 3 April (2 bank days by post), + 4 bank days = Wednesday 9 April, 8 days after sending.
    expect(step(inv, "send-collection-notice")).toMatchObject({ on: "2025-04-01", deadline: "2025-04-09", amounts: { "collection-fee": "180.00" } });
    expect(step(inv, "notice-deadline-passed")?.on).toBe("2025-04-10");
    expect(step(inv, "legal-step-recorded")).toMatchObject({ on: "2025-05-05", stage: "legal", amounts: { "legal-costs": "300.00" } });
    expect(inv.letters.map((l) => l.kind)).toEqual(["reminder", "collection-notice", "payment-order-application", "payment-plan"]);
    // 2 000 kr on 20 May: fees 240, the ansökningsavgift 300, interest on 10 000 kr for 78 days, the rest to the principal.
    const toInterest = interest(10000, 78);
    expect(toInterest).toBe("235.07");
    expect(step(inv, "payment-received")?.amounts).toMatchObject({ "to-fees": "240.00", "to-legal-costs": "300.00", "to-interest": toInterest, "to-principal": (2000 - 240 - 300 - 235.07).toFixed(2) });
    expect(inv.charges.map((c) => [c.kind, c.amount])).toEqual([["reminder-fee", "60.00"], ["collection-fee", "180.00"], ["legal-costs", "300.00"], ["payment-plan-fee", "170.00"]]);
    // lag (1981:739) 3 § 2: 170 kr for the amorteringsplan; its confirmation names the first instalment, 14 days on (Monday 9 June).
    expect(step(inv, "agree-payment-plan")).toMatchObject({ on: "2025-05-26", deadline: "2025-06-09", amounts: { "payment-plan-fee": "170.00" } });
    // Agreeing to pay acknowledges the claim (preskriptionslagen 5 § 1): 3 years (a consumer's claim) from 26 May 2025, a Friday.
    expect(inv.limitationOn).toBe("2028-05-26");
    expect(inv.charges.map((c) => c.source).join(" ")).toMatch(/lag \(1981:739\).*lag \(1981:739\).*förordning \(1992:1094\)/);
    expect(inv.balance.principal).toBe("8775.07");
    expect(inv.balance.interest).toBe(interest(8775.07, 12));
    expect(inv.balance.costs).toBe("170.00");
  });
});

describe("a Swedish business claim over Easter, paid in full", () => {
  it("moves the inkassokrav's deadline past Långfredag and Annandag påsk, charges no påminnelse, and closes as paid", async () => {
    const inv = await run("se-easter-business-paid");
    // Sent Wednesday 16 April: bank days 17 and 22 April (18 and 21 are holidays) → received 22 April; + 4 bank days = 28 April.
    expect(step(inv, "send-collection-notice")).toMatchObject({ on: "2025-04-16", deadline: "2025-04-28", amounts: { "collection-fee": "180.00" } });
    expect(step(inv, "send-reminder")).toBeUndefined();
    // 5 000 kr + 30 days of dröjsmålsränta from the due date (2 April → 2 May) + 180 kr.
    expect(interest(5000, 30)).toBe("45.21");
    expect(step(inv, "paid-in-full")?.amounts).toMatchObject({ "to-fees": "180.00", "to-interest": "45.21", "to-principal": "5000.00", balanceAfter: "0.00" });
    expect(inv.closed).toEqual({ on: "2025-05-02", reason: "paid" });
  });
});

describe("a Swedish påminnelse without an agreed fee, then a dispute", () => {
  it("sends the påminnelse free of charge (lag (1981:739) 2 §) and stops at the dispute", async () => {
    const inv = await run("se-reminder-fee-not-agreed");
    expect(step(inv, "send-reminder")).toMatchObject({ on: "2025-03-17", deadline: "2025-03-31" });
    expect(step(inv, "send-reminder")?.amounts).toBeUndefined();
    expect(inv.charges).toEqual([]);
    expect(inv.hold).toBe("disputed");
    expect(step(inv, "send-collection-notice")).toBeUndefined();
  });
});

describe("a Swedish scenario with Norwegian rules and two currencies", () => {
  it("is rejected whole, listing every error, and runs nothing", async () => {
    const error = await runScenario(file("se-mixed-currencies"), rules, { agency: agencyFromEnv({}), database: t.database }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual(["creditor.orgNumber", "creditor.legalStep", "invoices[1].currency", "events[0].step", "events[1].type"]);
    expect((error as ScenarioError).issues[2]!.message).toMatch(/NOK in a SEK scenario/);
    const [row] = await t.database.query<{ n: number }>("select count(*)::int8 as n from cases");
    expect(Number(row!.n)).toBe(0);
  });

  it("refuses an amorteringsplan (a plan without a schedule) in a Norwegian scenario: a Norwegian payment plan names its instalments", async () => {
    const s = { jurisdiction: "NO", start: "2025-03-04", days: 30, invoices: [{ id: "N", debtor: { type: "consumer", name: "Kari", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo" } }, amount: "100.00", issued: "2025-02-01", due: "2025-03-03" }], events: [{ on: "2025-03-20", type: "payment-plan", invoice: "N" }] };
    const error = (await runScenario(s, rules, { agency: agencyFromEnv({}), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error.issues.map((i) => i.path)).toEqual(["events[0]"]);
    expect(error.issues[0]!.message).toMatch(/instalments or count and first/);
  });

  it("refuses the Swedish invoice terms and förseningsersättning in a Norwegian scenario, each with its path", async () => {
    const s = { jurisdiction: "NO", start: "2025-03-04", days: 30, creditor: { lateCompensation: true }, invoices: [{ id: "N", debtor: { type: "business", name: "Firma AS", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo" } }, amount: "100.00", issued: "2025-02-01", due: "2025-03-03", reminderFeeAgreed: true, dueDateAgreed: false }], events: [] };
    const error = (await runScenario(s, rules, { agency: agencyFromEnv({}), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["creditor.lateCompensation", "invoices[0].reminderFeeAgreed", "invoices[0].dueDateAgreed"]));
  });

  it("refuses a SE scenario in NOK", async () => {
    const s = { ...(file("se-easter-business-paid") as object), currency: "NOK" };
    const error = (await runScenario(s, rules, { agency: agencyFromEnv({}), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error.issues).toContainEqual({ path: "currency", message: "a SE scenario is in SEK, not NOK" });
  });
});

describe("räntelagen 4 §: a claim whose due date was not fixed in advance", () => {
  it("accrues no dröjsmålsränta until one month (> 30 days) after the inkassokrav; the same claim with an agreed due date accrues from the due date", async () => {
    const report = await runScenario(file("se-interest-start"), rules, { agency: agencyFromEnv({}), database: t.database });
    const [notAgreed, agreed] = report.invoices as [InvoiceReport, InvoiceReport];
    // Due Monday 3 March; the inkassokrav 14 days later, Monday 17 March, for both.
    expect(step(notAgreed, "send-collection-notice")?.on).toBe("2025-03-17");
    expect(step(agreed, "send-collection-notice")?.on).toBe("2025-03-17");
    // No agreed due date: interest from the later of 17 March + 30 days (16 April) and + one month (17 April).
    // The 1 180 kr paid on 1 April find no interest: 180 kr to the inkassoersättning, 1 000 kr to the principal.
    expect(step(notAgreed, "payment-received")?.amounts).toMatchObject({ "to-fees": "180.00", "to-principal": "1000.00" });
    expect(step(notAgreed, "payment-received")?.amounts?.["to-interest"]).toBeUndefined();
    // Then 9 000 kr from 17 April to the scenario's last day, 9 May: 22 days at 11 %.
    expect(interest(9000, 22)).toBe("59.67");
    expect(notAgreed.balance.interest).toBe("59.67");
    // Agreed due date (3 §): 29 days on 10 000 kr to 1 April, paid first; then 38 days on the 9 087.40 kr left.
    expect(interest(10000, 29)).toBe("87.40");
    expect(step(agreed, "payment-received")?.amounts).toMatchObject({ "to-fees": "180.00", "to-interest": "87.40", "to-principal": "912.60" });
    expect(agreed.balance.interest).toBe(interest(9087.4, 38));
  });
});

describe("lag (1981:739) 2 §: the påminnelseavgift agreed per invoice", () => {
  it("charges 60 kr on the invoice whose terms agreed it, none on the other, though the creditor's default is no agreement", async () => {
    const report = await runScenario(file("se-reminder-fee-per-invoice"), rules, { agency: agencyFromEnv({}), database: t.database });
    const [withFee, without] = report.invoices as [InvoiceReport, InvoiceReport];
    expect(step(withFee, "send-reminder")).toMatchObject({ on: "2025-03-17", amounts: { "reminder-fee": "60.00" } });
    expect(withFee.charges.map((c) => [c.kind, c.amount])).toEqual([["reminder-fee", "60.00"]]);
    expect(step(without, "send-reminder")?.on).toBe("2025-03-17");
    expect(without.charges).toEqual([]);
  });
});

describe("lag (1981:739) 4 a §: förseningsersättning from a business debtor", () => {
  it("charges 450 kr once with the påminnelse, which with the inkassokrav is then owed only beyond it (60 + 180 < 450: nothing more); a consumer pays the fees and no förseningsersättning", async () => {
    const report = await runScenario(file("se-late-compensation"), rules, { agency: agencyFromEnv({}), database: t.database });
    const [business, consumer] = report.invoices as [InvoiceReport, InvoiceReport];
    // Due Monday 3 March: dröjsmålsränta runs (an agreed due date), so the påminnelse of 17 March carries the 450 kr.
    expect(step(business, "send-reminder")).toMatchObject({ on: "2025-03-17", amounts: { "late-compensation": "450.00" } });
    expect(step(business, "send-collection-notice")?.on).toBe("2025-04-01");
    expect(business.charges.map((c) => [c.kind, c.amount])).toEqual([["late-compensation", "450.00"]]);
    expect(business.charges[0]!.source).toMatch(/1981:739\) (§ )?4 a/);
    expect(consumer.charges.map((c) => [c.kind, c.amount])).toEqual([["reminder-fee", "60.00"], ["collection-fee", "180.00"]]);
  });
});
