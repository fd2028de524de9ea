import { describe, expect, it } from "vitest";
import { computeInterest } from "../../src/domain/interest/compute-interest.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { ScenarioError } from "../../src/collection/scenario/scenario-schema.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

const rules = loadRuleBook();
const t = databasePerTest();

async function run(json: unknown): Promise<InvoiceReport[]> {
  return (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices;
}
const steps = (inv: InvoiceReport) => inv.timeline.map((e) => `${e.on} ${e.type}`);

describe("a Norwegian consumer case through the daily cycle", () => {
  it("sends the notice, waits out its deadline and the stop window, sends the payment demand with light salær, then waits at the legal gate", async () => {
    const [inv] = await run(aScenario().invoice({ id: "F1" }).build());
    expect(inv!.caseNumber).toBe("SCN-100001");
    expect(steps(inv!)).toEqual([
      "2025-01-01 opened",
      "2025-01-01 send-collection-notice",
      "2025-01-16 notice-deadline-passed",
      "2025-01-29 send-payment-demand",
      "2025-02-13 payment-demand-deadline-passed",
      "2025-03-13 heavy-salary-due",
    ]);
    // inkassoloven § 9: a notice deadline of at least 14 days, not moved off weekends.
    expect(inv!.timeline[1]).toMatchObject({ deadline: "2025-01-15", amounts: { "notice-fee": "35.00" } });
    expect(inv!.stage).toBe("awaiting-legal-approval");
    expect(inv!.charges.map((c) => [c.kind, c.amount])).toEqual([
      ["notice-fee", "35.00"],
      ["light-salary", "280.00"],
      ["heavy-salary", "280.00"],
    ]);
    expect(inv!.charges.every((c) => c.source.length > 10)).toBe(true);
    // Interest: exactly the rule core's figure from the due date to the last day, never on costs.
    const expected = computeInterest({ principal: { amount: 150_000, currency: "NOK" }, from: LocalDate.parse("2024-12-04"), until: LocalDate.parse("2025-04-30"), rates: rules.NO.lateInterest });
    expect(inv!.balance).toEqual({ principal: "1500.00", interest: (expected.interest.amount / 100).toFixed(2), costs: "595.00", total: ((150_000 + expected.interest.amount + 59_500) / 100).toFixed(2), credit: "0.00" });
    expect(inv!.letters.map((l) => [l.kind, l.sentOn, l.deadline])).toEqual([
      ["collection-notice", "2025-01-01", "2025-01-15"],
      ["payment-demand", "2025-01-29", "2025-02-12"],
    ]);
  });

  it("allocates a part payment to costs, then interest, then principal, and interest continues on the rest only", async () => {
    const [inv] = await run(aScenario().invoice({ id: "F1" }).event({ on: "2025-01-20", type: "payment", invoice: "F1", amount: "500.00", to: "agency" }).build());
    const interestTo20Jan = computeInterest({ principal: { amount: 150_000, currency: "NOK" }, from: LocalDate.parse("2024-12-04"), until: LocalDate.parse("2025-01-20"), rates: rules.NO.lateInterest }).interest.amount;
    const toPrincipal = 50_000 - 3_500 - interestTo20Jan;
    expect(inv!.allocations.map((a) => [a.bucket, a.amount])).toEqual([
      ["fees", "35.00"],
      ["interest", (interestTo20Jan / 100).toFixed(2)],
      ["principal", (toPrincipal / 100).toFixed(2)],
    ]);
    const after = computeInterest({ principal: { amount: 150_000 - toPrincipal, currency: "NOK" }, from: LocalDate.parse("2025-01-20"), until: LocalDate.parse("2025-04-30"), rates: rules.NO.lateInterest }).interest.amount;
    expect(inv!.balance.interest).toBe((after / 100).toFixed(2));
    expect(inv!.balance.principal).toBe(((150_000 - toPrincipal) / 100).toFixed(2));
  });

  it("closes the case when the balance reaches zero, and keeps an over-payment as a credit to refund", async () => {
    const [inv] = await run(aScenario().invoice({ id: "F1" }).event({ on: "2025-01-10", type: "payment", invoice: "F1", amount: "2000.00" }).build());
    expect(inv!.closed).toEqual({ on: "2025-01-10", reason: "paid" });
    expect(inv!.balance.total).toBe("0.00");
    const allocated = inv!.allocations.reduce((a, x) => a + Math.round(Number(x.amount) * 100), 0);
    expect(allocated + Math.round(Number(inv!.balance.credit) * 100)).toBe(200_000);
    expect(steps(inv!)).not.toContain("2025-01-16 notice-deadline-passed");
  });

  it("reopens a case closed by a payment that is reversed, with the balance restored", async () => {
    const [inv] = await run(
      aScenario("2025-01-01", 40)
        .invoice({ id: "F1" })
        .event({ on: "2025-01-10", type: "payment", invoice: "F1", amount: "2000.00", to: "creditor" })
        .event({ on: "2025-01-12", type: "reversal", invoice: "F1", amount: "2000.00" })
        .build(),
    );
    expect(steps(inv!)).toEqual(expect.arrayContaining(["2025-01-10 paid-in-full", "2025-01-12 reopen"]));
    expect(inv!.closed).toBeNull();
    expect(inv!.stage).not.toBe("closed");
    expect(inv!.balance.principal).toBe("1500.00");
    expect(inv!.balance.credit).toBe("0.00");
    // Every allocation of the payment is undone by an equal and opposite one.
    const net = inv!.allocations.reduce((a, x) => a + Math.round(Number(x.amount) * 100), 0);
    expect(net).toBe(0);
  });

  it("closes as credited on a full credit note", async () => {
    const [inv] = await run(aScenario("2025-01-01", 30).invoice({ id: "F1" }).event({ on: "2025-01-05", type: "credit-note", invoice: "F1", amount: "1500.00" }).build());
    expect(inv!.closed?.reason).toBe("credited");
  });

  it("waits at the payment-demand gate, says so, and sends the demand the day it is approved", async () => {
    const [inv] = await run(
      aScenario("2025-01-01", 60).creditor({ approveBeforePaymentDemand: true }).invoice({ id: "F1" }).event({ on: "2025-02-10", type: "approve-payment-demand", invoice: "F1" }).build(),
    );
    expect(steps(inv!)).toEqual([
      "2025-01-01 opened",
      "2025-01-01 send-collection-notice",
      "2025-01-16 notice-deadline-passed",
      "2025-01-29 send-payment-demand",
      "2025-02-10 approve-payment-demand",
      "2025-02-25 payment-demand-deadline-passed",
    ]);
    expect(inv!.timeline[4]).toMatchObject({ deadline: "2025-02-24", amounts: { "light-salary": "280.00" } });
    expect(inv!.timeline[3]!.stage).toBe("awaiting-payment-demand-approval");
    expect(inv!.letters.map((l) => [l.kind, l.sentOn])).toEqual([
      ["collection-notice", "2025-01-01"],
      ["payment-demand", "2025-02-10"],
    ]);
    // The approval came before the day's cycle: the demand still shows interest to its own date.
    const interest = computeInterest({ principal: { amount: 150_000, currency: "NOK" }, from: LocalDate.parse("2024-12-04"), until: LocalDate.parse("2025-02-10"), rates: rules.NO.lateInterest }).interest.amount;
    expect(inv!.letters[1]!.total).toBe(((150_000 + interest + 3_500 + 28_000) / 100).toFixed(2));
  });

  it("pauses with an end date and resumes by itself", async () => {
    const [inv] = await run(aScenario("2025-01-01", 60).invoice({ id: "F1" }).event({ on: "2025-01-10", type: "pause", invoice: "F1", reason: "payment plan talk", until: "2025-02-15" }).build());
    expect(steps(inv!)).toContain("2025-01-10 pause");
    expect(steps(inv!)).toContain("2025-02-15 resume");
    // nothing happened while paused
    expect(inv!.timeline.filter((e) => e.on > "2025-01-10" && e.on < "2025-02-15")).toEqual([]);
    expect(inv!.timeline.find((e) => e.type === "pause")!.reason).toBe("payment plan talk");
  });

  it("charges no costs while disputed", async () => {
    const [inv] = await run(aScenario("2025-01-01", 90).invoice({ id: "F1" }).event({ on: "2025-01-10", type: "dispute", invoice: "F1", reason: "work not done" }).build());
    expect(inv!.hold).toBe("disputed");
    expect(inv!.charges.map((c) => c.kind)).toEqual(["notice-fee"]);
    expect(inv!.letters).toHaveLength(1);
  });

  it("withdraws free within 10 days of the notice, and bills the creditor after that", async () => {
    const free = await run(aScenario("2025-01-01", 30).invoice({ id: "F1" }).event({ on: "2025-01-08", type: "withdraw", invoice: "F1" }).build());
    expect(free[0]!.closed?.reason).toBe("withdrawn");
    expect(free[0]!.charges.filter((c) => c.payer === "creditor")).toEqual([]);
    await t.fresh();
    const late = await run(aScenario("2025-01-01", 30).invoice({ id: "F1" }).event({ on: "2025-01-20", type: "withdraw", invoice: "F1" }).build());
    expect(late[0]!.closed?.reason).toBe("withdrawn");
    const cost = late[0]!.charges.find((c) => c.payer === "creditor");
    expect(cost?.kind).toBe("withdrawal-cost");
    expect(Number(cost?.amount)).toBeGreaterThan(35);
  });

  it("lists a refused action on the timeline and changes nothing else", async () => {
    const [inv] = await run(aScenario("2025-01-01", 20).invoice({ id: "F1" }).event({ on: "2025-01-05", type: "approve-legal", invoice: "F1" }).build());
    const refused = inv!.timeline.find((e) => e.type === "refused");
    expect(refused?.reason).toContain("approve-legal");
    expect(inv!.stage).toBe("stop-window");
    expect(steps(inv!)).toEqual(["2025-01-01 opened", "2025-01-01 send-collection-notice", "2025-01-05 refused", "2025-01-16 notice-deadline-passed"]);
  });

  it("puts a message to the case handler on the timeline without changing the case", async () => {
    const [inv] = await run(aScenario("2025-01-01", 10).invoice({ id: "F1" }).event({ on: "2025-01-03", type: "message", invoice: "F1", text: "Kunden har ringt og lovet betaling fredag." }).build());
    expect(inv!.timeline.find((e) => e.type === "message")).toMatchObject({ on: "2025-01-03", stage: "collection-notice", reason: "Kunden har ringt og lovet betaling fredag." });
    expect(inv!.stage).toBe("collection-notice");
  });

  it("gives the same output for the same input", async () => {
    const scenario = aScenario().invoice({ id: "F1" }).invoice({ id: "F2", amount: "30000.00", type: "business", due: "2024-12-20" }).event({ on: "2025-01-20", type: "payment", invoice: "F1", amount: "500.00" }).build();
    const first = await runScenario(scenario, rules, { agency: agencyFromEnv(), database: t.database });
    await t.fresh();
    const second = await runScenario(scenario, rules, { agency: agencyFromEnv(), database: t.database });
    expect(second).toEqual(first);
  });
});

describe("a scenario file with errors", () => {
  it("is rejected whole, with every error's path and reason, before anything runs", async () => {
    const bad = {
      jurisdiction: "NO",
      start: "2025-02-30",
      days: 30,
      invoices: [
        { id: "F1", debtor: { type: "consumer", name: "Kari", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo" } }, amount: "abc", issued: "2024-11-20", due: "2024-12-04" },
      ],
      events: [{ on: "2025-01-05", type: "teleport", invoice: "F1" }],
    };
    const error = await runScenario(bad, rules, { agency: agencyFromEnv(), database: t.database }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(["start", "invoices[0].amount", "events[0].type"]));
    const [{ n }] = (await t.database.query<{ n: number }>("select count(*)::int8 as n from cases")) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("names events for unknown invoices and dates outside the scenario", async () => {
    const s = aScenario("2025-01-01", 10).invoice({ id: "F1" }).event({ on: "2025-03-01", type: "resume", invoice: "F9" }).build();
    const error = (await runScenario(s, rules, { agency: agencyFromEnv(), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error.issues).toEqual(expect.arrayContaining([
      { path: "events[0].on", message: expect.stringContaining("outside the scenario") },
      { path: "events[0].invoice", message: 'no invoice "F9" in the scenario' },
    ]));
  });
});

describe("gjeldsbrevloven § 5: a due date on a Saturday, Sunday or holiday moves to the next business day, in scenarios as in the sync", () => {
  it("gjeldsbrevloven § 5: an invoice due Saturday 2024-12-07 is overdue from Tuesday 2024-12-10 (due moved to Monday 2024-12-09), and the run does not abort", async () => {
    const [inv] = await run(aScenario("2024-12-01", 45).invoice({ id: "F1", issued: "2024-11-20", due: "2024-12-07" }).build());
    expect(steps(inv!)[0]).toBe("2024-12-10 opened");
    // Interest runs from the moved due date.
    const interest = computeInterest({ principal: { amount: 150_000, currency: "NOK" }, from: LocalDate.parse("2024-12-09"), until: LocalDate.parse("2025-01-14"), rates: rules.NO.lateInterest }).interest.amount;
    expect(inv!.balance.interest).toBe((interest / 100).toFixed(2));
  });

  it("gjeldsbrevloven § 5: an invoice due on 17 May 2024 (a Friday, then Whitsun) is overdue from 2024-05-22 (due moved to 2024-05-21)", async () => {
    const [inv] = await run(aScenario("2024-05-10", 30).invoice({ id: "F1", issued: "2024-05-01", due: "2024-05-17" }).event({ on: "2024-05-20", type: "message", invoice: "F1", text: "too early" }).build());
    expect(steps(inv!)[0]).toBe("2024-05-22 opened");
    expect(inv!.timeline.some((e) => e.type === "message")).toBe(false);
  });

  it("a scenario that ends before the moved due date has passed is refused up front, naming the invoice", async () => {
    const s = aScenario("2024-12-01", 9).invoice({ id: "F1", issued: "2024-11-20", due: "2024-12-07" }).build();
    const error = (await runScenario(s, rules, { agency: agencyFromEnv(), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error.issues).toEqual([{ path: "invoices[0].due", message: expect.stringContaining("2024-12-09") }]);
  });
});

describe("a scenario invoice's vatAddOnBasis (inkassoforskriften § 2-2 second paragraph)", () => {
  it("is accepted as vat-liable-business or not-vat-liable-business, and anything else is refused with its path", async () => {
    const ok = aScenario("2025-01-01", 20).invoice({ id: "F1" }).build() as { invoices: Record<string, unknown>[] };
    ok.invoices[0]!.vatAddOnBasis = "not-vat-liable-business";
    const report = await runScenario(ok, rules, { agency: agencyFromEnv(), database: t.database });
    expect(report.invoices[0]!.vatAddOnBasis).toBe("not-vat-liable-business");
    await t.fresh();
    const bad = aScenario("2025-01-01", 20).invoice({ id: "F1" }).build() as { invoices: Record<string, unknown>[] };
    bad.invoices[0]!.vatAddOnBasis = "rent";
    const error = (await runScenario(bad, rules, { agency: agencyFromEnv(), database: t.database }).catch((e: unknown) => e)) as ScenarioError;
    expect(error.issues.map((i) => i.path)).toEqual(["invoices[0].vatAddOnBasis"]);
  });
  it("gives a VAT-registered creditor's claim that does not stem from VAT-liable business (e.g. housing rent) the 25 % add-on on the salær", async () => {
    const run = async (basis: string | null) => {
      await t.fresh();
      const json = aScenario("2025-01-01", 40).invoice({ id: "F1" }).build() as { invoices: Record<string, unknown>[] };
      if (basis) json.invoices[0]!.vatAddOnBasis = basis;
      const [inv] = (await runScenario(json, rules, { agency: agencyFromEnv(), database: t.database })).invoices;
      return inv!.charges.find((c) => c.kind === "light-salary")?.amount;
    };
    // The scenario's creditor is VAT-registered: 280.00 without the add-on (the first test), 280.00 × 1.25 with it.
    expect(await run(null)).toBe("280.00");
    expect(await run("vat-liable-business")).toBe("280.00");
    expect(await run("not-vat-liable-business")).toBe("350.00");
  });
});
