import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import type { InvoiceReport } from "../../src/collection/scenario/scenario-report.js";
import { casePaymentPlans } from "../../src/collection/payment-plans/payment-plans.js";
import { checkKid } from "../../src/domain/identifiers/kid.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * Payment plans through the real engine (docs/CASES.md, "Payment plans"). The scenario's case:
 * collection notice 2025-01-01, payment demand 2025-01-29 (deadline 2025-02-12, light salær);
 * the plan is agreed 2025-02-05, while the demand's deadline runs.
 */
const rules = loadRuleBook();
const t = databasePerTest();

async function run(events: Record<string, unknown>[], creditor: Record<string, unknown> = {}, days = 150, amount = "1500.00"): Promise<InvoiceReport> {
  const b = aScenario("2025-01-01", days).creditor(creditor).invoice({ id: "F1", amount });
  for (const e of events) b.event(e);
  return (await runScenario(b.build(), rules, { agency: agencyFromEnv(), database: t.database })).invoices[0]!;
}
const types = (inv: InvoiceReport) => inv.timeline.map((e) => `${e.on} ${e.type}`);
async function plans() {
  const [c] = await t.database.query<{ id: string }>("select id from cases");
  return casePaymentPlans(t.database, c!.id);
}

describe("payment plans", () => {
  it("holds the case while the plan is kept: no letters, no heavy salær; a completed plan ends and the case resumes for the interest left", async () => {
    const inv = await run([{ on: "2025-02-05", type: "payment-plan", invoice: "F1", count: 3, first: "2025-02-20" }]);
    expect(types(inv)).toContain("2025-02-05 agree-payment-plan");
    // The last instalment is paid on 2025-04-20; that day's review ends the plan as completed.
    expect(types(inv)).toContain("2025-04-20 end-payment-plan");
    // Nothing the schedule would have done in between: the demand's deadline passing, heavy salær (due 2025-03-14).
    const during = inv.timeline.filter((e) => e.on > "2025-02-05" && e.on < "2025-04-20" && e.type !== "payment-received");
    expect(during).toEqual([]);
    // No collection letter while the plan holds; the plan's own confirmation is sent (src/collection/documents/document-letters.ts).
    expect(inv.letters.map((l) => l.kind)).toEqual(["collection-notice", "payment-demand", "payment-plan"]);
    const [plan] = await plans();
    expect(plan!.status).toBe("completed");
    expect(plan!.instalments.every((i) => i.paidMinor === i.amountMinor)).toBe(true);
    // The three instalments add up to the balance on the day the plan was agreed; what is left is interest since.
    expect(plan!.instalments.reduce((a, i) => a + i.amountMinor, 0)).toBe(plan!.totalMinor);
    expect(plan!.paidMinor).toBe(plan!.totalMinor);
  });

  it("a missed instalment past the grace period breaks the plan with a breach notice, and the case resumes where it stood", async () => {
    const inv = await run([
      { on: "2025-02-05", type: "payment-plan", invoice: "F1", count: 3, first: "2025-02-20" },
      { on: "2025-03-20", type: "missed-instalment", invoice: "F1", instalment: 2 },
    ]);
    // Grace 7 days: 2025-03-20 + 7 = 2025-03-27 is the last day; the plan breaks on the 28th.
    expect(types(inv)).toContain("2025-03-28 end-payment-plan");
    expect(types(inv)).not.toContain("2025-03-27 end-payment-plan");
    // Resumes: the demand's deadline passed while held, so the case goes to the legal gate and heavy salær falls due the same day.
    expect(types(inv)).toEqual(expect.arrayContaining(["2025-03-28 payment-demand-deadline-passed", "2025-03-28 heavy-salary-due"]));
    expect(inv.stage).toBe("awaiting-legal-approval");
    expect(inv.hold).toBeNull();
    const [plan] = await plans();
    expect(plan).toMatchObject({ status: "broken", endedOn: "2025-03-28" });
    // The third instalment (2025-04-20) is still paid by autoPay and allocates as any payment.
    expect(inv.allocations.filter((a) => a.on === "2025-04-22" || a.on === "2025-04-20").length).toBeGreaterThan(0);
    const docs = await t.database.query<{ kind: string; content: Buffer }>("select kind, content from case_documents order by kind");
    expect(docs.map((d) => d.kind.split(":")[0])).toEqual(["payment-plan-breach", "payment-plan-confirmation"]);
    expect(Buffer.from(docs[0]!.content).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a plan that breaks the creditor's rules with every reason, and changes nothing", async () => {
    const inv = await run([{ on: "2025-02-05", type: "payment-plan", invoice: "F1", instalments: [{ on: "2025-02-01", amount: "100.00" }, { on: "2025-09-01", amount: "200.00" }] }], {}, 60);
    const refused = inv.timeline.find((e) => e.type === "refused")!;
    expect(refused.reason).toMatch(/instalments\[0\]\.amount: The instalment is below the creditor's minimum of 500.00 NOK/);
    expect(refused.reason).toMatch(/instalments\[0\]\.dueOn: The due date 2025-02-01 is in the past/);
    expect(refused.reason).toMatch(/instalments: The instalments add up to 300.00 NOK; the balance is/);
    expect(types(inv)).not.toContain("2025-02-05 agree-payment-plan");
    expect(await plans()).toEqual([]);
    // The case went on as if nothing was asked: the deadline passed on 2025-02-13.
    expect(types(inv)).toContain("2025-02-13 payment-demand-deadline-passed");
  });

  it("charges the instalment agreement's cost only for more than four instalments, and only when the creditor charges it (inkassoforskriften § 2-4, uncertain)", async () => {
    const six = await run([{ on: "2025-02-05", type: "payment-plan", invoice: "F1", count: 6, first: "2025-02-20", autoPay: false }], { paymentPlan: { chargeInstalmentCost: true } }, 40, "15000.00");
    const cost = six.charges.filter((c) => c.kind === "instalment-agreement");
    // 1.5 × the inkassosats of 2025 (700 kr).
    expect(cost).toEqual([expect.objectContaining({ amount: "1050.00", confidence: "uncertain", payer: "debtor" })]);
    expect(cost[0]!.source).toMatch(/inkassoforskriften § 2-4/);
    const [plan] = await plans();
    expect(plan!.costMinor).toBe(1050_00);
  });

  it("gives no cost for four instalments, even when the creditor charges it", async () => {
    const four = await run([{ on: "2025-02-05", type: "payment-plan", invoice: "F1", count: 4, first: "2025-02-20", autoPay: false }], { paymentPlan: { chargeInstalmentCost: true, minInstalmentMinor: 100_00 } }, 40);
    expect(four.charges.filter((c) => c.kind === "instalment-agreement")).toEqual([]);
  });

  it("gives each instalment its own valid KID when asked", async () => {
    await run([{ on: "2025-02-05", type: "payment-plan", invoice: "F1", count: 3, first: "2025-02-20", kidPerInstalment: true, autoPay: false }], {}, 40);
    const [plan] = await plans();
    const kids = plan!.instalments.map((i) => i.kid);
    expect(new Set(kids).size).toBe(3);
    for (const k of kids) expect(checkKid(k, { algorithm: "MOD10" }).valid).toBe(true);
    const stored = await t.database.query<{ kid: string }>("select kid from payment_plan_kids order by instalment");
    expect(stored.map((r) => r.kid)).toEqual(kids);
  });
});
