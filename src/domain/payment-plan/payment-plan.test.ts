import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import type { Money } from "../money.js";
import { DEFAULT_PLAN_POLICY, evenInstalments, planStanding, proposePaymentPlan, type Instalment } from "./payment-plan.js";

const day = (t: string) => LocalDate.parse(t);
const nok = (amount: number): Money => ({ amount, currency: "NOK" });
const inst = (dueOn: string, amount: number): Instalment => ({ dueOn: day(dueOn), amount: nok(amount) });
const TODAY = day("2026-03-02");

describe("proposing a payment plan", () => {
  it("accepts instalments that add up to the balance within the creditor's rules", () => {
    const r = proposePaymentPlan({ balance: nok(3_000_00), today: TODAY, instalments: [inst("2026-03-20", 1_000_00), inst("2026-04-20", 1_000_00), inst("2026-05-20", 1_000_00)] });
    expect(r.ok && r.plan).toMatchObject({ total: nok(3_000_00), lastOn: day("2026-05-20") });
  });

  it("lists every problem with the field it concerns, and accepts nothing", () => {
    const r = proposePaymentPlan({
      balance: nok(3_000_00),
      today: TODAY,
      instalments: [inst("2026-02-27", 100_00), inst("2026-02-27", 1_000_00), { dueOn: day("2027-06-01"), amount: { amount: 500_00, currency: "SEK" } }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusals.map((x) => `${x.code} ${x.field}`)).toEqual([
      "below_minimum instalments[0].amount",
      "date_in_past instalments[0].dueOn",
      "date_in_past instalments[1].dueOn",
      "dates_not_increasing instalments[1].dueOn",
      "currency_mismatch instalments[2].amount",
      "too_long instalments[2].dueOn",
      "not_whole_balance instalments",
    ]);
    expect(r.refusals.every((x) => x.text.nb.length > 5 && x.text.en.length > 5)).toBe(true);
  });

  it("refuses a first instalment later than the creditor allows, and a plan with no instalments", () => {
    const late = proposePaymentPlan({ balance: nok(1_000_00), today: TODAY, instalments: [inst("2026-04-02", 1_000_00)] });
    expect(late.ok ? [] : late.refusals.map((x) => x.code)).toEqual(["first_too_late"]);
    const none = proposePaymentPlan({ balance: nok(1_000_00), today: TODAY, instalments: [] });
    expect(none.ok ? [] : none.refusals.map((x) => x.code)).toEqual(["no_instalments"]);
  });

  it("lets the last instalment be below the minimum: it is the rest", () => {
    const r = proposePaymentPlan({ balance: nok(1_100_00), today: TODAY, instalments: [inst("2026-03-10", 1_000_00), inst("2026-04-10", 100_00)] });
    expect(r.ok).toBe(true);
  });
});

describe("an even split", () => {
  it("puts the øre that do not divide on the last instalment, monthly from the first date", () => {
    expect(evenInstalments(nok(1_000_00), 3, day("2026-01-31")).map((i) => `${i.dueOn} ${i.amount.amount}`)).toEqual(["2026-01-31 33333", "2026-02-28 33333", "2026-03-31 33334"]);
  });

  it("always adds up to the balance exactly, and the split is a valid plan when the rules allow it (property)", () => {
    fc.assert(
      // At least one øre per instalment: fewer øre than instalments cannot be split into positive parts.
      fc.property(fc.integer({ min: 1, max: 12 }).chain((count) => fc.tuple(fc.integer({ min: count, max: 10_000_000_00 }), fc.constant(count))), ([amount, count]) => {
        const plan = evenInstalments(nok(amount), count, TODAY.plusDays(10));
        expect(plan.reduce((s, i) => s + i.amount.amount, 0)).toBe(amount);
        const r = proposePaymentPlan({ balance: nok(amount), today: TODAY, instalments: plan, policy: { ...DEFAULT_PLAN_POLICY, minInstalmentMinor: 1 } });
        expect(r.ok).toBe(true);
      }),
    );
  });
});

describe("how a plan stands", () => {
  const plan = [inst("2026-03-20", 1_000_00), inst("2026-04-20", 1_000_00), inst("2026-05-20", 1_000_00)];

  it("is on track while every instalment due is paid, and names the next one with the day it breaks", () => {
    const s = planStanding({ instalments: plan, paidMinor: 1_000_00, today: day("2026-04-01") });
    expect(s).toMatchObject({ status: "on-track", dueMinor: 1_000_00, missed: null, next: { index: 1, dueOn: day("2026-04-20"), shortMinor: 1_000_00, breaksAfter: day("2026-04-27") } });
  });

  it("holds through the grace period and breaks the day after it", () => {
    expect(planStanding({ instalments: plan, paidMinor: 1_000_00, today: day("2026-04-27") }).status).toBe("on-track");
    const broken = planStanding({ instalments: plan, paidMinor: 1_500_00, today: day("2026-04-28") });
    expect(broken).toMatchObject({ status: "broken", missed: { index: 1, dueOn: day("2026-04-20"), shortMinor: 500_00 }, next: null });
  });

  it("counts paying ahead toward the next instalments, and is completed when all is paid", () => {
    expect(planStanding({ instalments: plan, paidMinor: 2_000_00, today: day("2026-03-25") }).next).toMatchObject({ index: 2 });
    expect(planStanding({ instalments: plan, paidMinor: 3_000_00, today: day("2026-03-25") }).status).toBe("completed");
  });

  it("never stands worse for more money paid (property)", () => {
    const rank = { completed: 0, "on-track": 1, broken: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_00 }), fc.integer({ min: 0, max: 1_000_00 }), fc.integer({ min: 0, max: 120 }), (paid, more, days) => {
        const today = day("2026-03-02").plusDays(days);
        const a = planStanding({ instalments: plan, paidMinor: paid, today });
        const b = planStanding({ instalments: plan, paidMinor: paid + more, today });
        expect(rank[b.status]).toBeLessThanOrEqual(rank[a.status]);
      }),
    );
  });
});
