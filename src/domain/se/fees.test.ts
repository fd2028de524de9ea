import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { catchError } from "../domain-error.fixture.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import type { CollectionDemandLetter } from "./collection-demand.js";
import { chargeableLateCompensation, chargeableSwedishFee, type PreviousSwedishFee, type SwedishFeeInput, type SwedishFeeKind } from "./fees.js";

const se = rulesFor("SE");
const d = (s: string) => LocalDate.parse(s);
const sek = (amount: number) => ({ amount, currency: "SEK" as const });

const demand: CollectionDemandLetter = {
  sentOn: d("2025-03-03"),
  creditorName: "Exempelbolaget AB",
  claimBasis: "Faktura 10023 av 2025-01-15 för konsulttjänster",
  principal: sek(10_000_00),
  interest: sek(0),
  costs: [{ label: "Inkassoersättning", amount: sek(180_00) }],
  deadline: d("2025-03-11"),
  objectionInstruction: "Skriv till oss om du har invändningar.",
  consequences: "Annars kan vi ansöka om betalningsföreläggande.",
};
const plan = { coversWholeRemainingDebt: true, agreedWithDebtor: true, writtenAndSent: true };

const input = (over: Partial<SwedishFeeInput> & { fee: SwedishFeeKind }): SwedishFeeInput => ({
  on: d("2025-03-03"),
  claimDueDate: d("2025-01-31"),
  debtorType: "consumer",
  reminderFeeAgreed: true,
  collectionDemand: demand,
  paymentPlan: plan,
  previousFees: [],
  rules: se,
  ...over,
});

describe("påminnelseavgift — lag (1981:739) 2 §, 4 § 1: 60 kr only if agreed at the latest when the debt arose", () => {
  it("1981:739 2 §: 60 kr when agreed", () => {
    const r = chargeableSwedishFee(input({ fee: "reminder" }));
    expect(r).toMatchObject({ allowed: true, amount: sek(60_00), maximum: sek(60_00), reason: { code: "fee_allowed" } });
    expect(r.reason.text.en).toBe("A reminder fee of SEK 60.00 may be charged.");
    expect(r.reason.text.sv).toBe("Påminnelseavgift 60,00 kr kan tas ut.");
    expect(r.citation?.sv).toContain("2 och 4 §§ lagen (1981:739)");
  });

  it("1981:739 2 §: nothing without an agreement, with the reason in Swedish and English", () => {
    const r = chargeableSwedishFee(input({ fee: "reminder", reminderFeeAgreed: false }));
    expect(r).toMatchObject({ allowed: false, amount: sek(0), reason: { code: "reminder_fee_not_agreed" } });
    expect(r.reason.text).toEqual({ sv: "Påminnelseavgift har inte avtalats senast när skulden uppkom.", en: "A reminder fee was not agreed at the latest when the debt arose." });
  });

  it("1981:739 2 §: nothing when agreed after the debt arose", () => {
    const r = chargeableSwedishFee(input({ fee: "reminder", reminderFeeAgreedOn: d("2025-01-20"), debtAroseOn: d("2025-01-15") }));
    expect(r.reason.code).toBe("reminder_fee_agreed_too_late");
    expect(chargeableSwedishFee(input({ fee: "reminder", reminderFeeAgreedOn: d("2025-01-15"), debtAroseOn: d("2025-01-15") })).allowed).toBe(true);
  });

  it("1981:739 1 §: no fee for a letter sent on or before the due date", () => {
    expect(chargeableSwedishFee(input({ fee: "reminder", on: d("2025-01-31") })).reason.code).toBe("not_overdue");
  });

  it("1981:739 4 §: one påminnelseavgift per claim (the count is uncertain and says so)", () => {
    const r = chargeableSwedishFee(input({ fee: "reminder", previousFees: [{ fee: "reminder", on: d("2025-02-10"), amount: sek(60_00) }] }));
    expect(r).toMatchObject({ allowed: false, reason: { code: "fee_limit_reached" }, confidence: "uncertain" });
    expect(r.note).toContain("skäligen påkallade");
  });
});

describe("inkassoersättning — lag (1981:739) 3 § 1, 4 § 2: 180 kr for a demand formed per inkassolagen 5 §", () => {
  it("1981:739 3 § 1: 180 kr for a complete inkassokrav", () => {
    expect(chargeableSwedishFee(input({ fee: "collection-demand" }))).toMatchObject({ allowed: true, amount: sek(180_00) });
  });

  it("1981:739 3 § 1: nothing for a demand that misses what inkassolagen 5 § requires", () => {
    const r = chargeableSwedishFee(input({ fee: "collection-demand", collectionDemand: { ...demand, objectionInstruction: "" } }));
    expect(r).toMatchObject({ allowed: false, reason: { code: "collection_demand_incomplete" } });
    expect(r.reason.text.en).toContain("objection_instruction_missing");
    expect(chargeableSwedishFee(input({ fee: "collection-demand", collectionDemand: null })).reason.code).toBe("collection_demand_incomplete");
  });

  it("one inkassoersättning per claim, even if a second inkassokrav is sent", () => {
    const previous: PreviousSwedishFee[] = [{ fee: "collection-demand", on: d("2025-02-15"), amount: sek(180_00) }];
    expect(chargeableSwedishFee(input({ fee: "collection-demand", previousFees: previous })).reason.code).toBe("fee_limit_reached");
  });
});

describe("amorteringsplan — lag (1981:739) 3 § 2, 4 § 3: 170 kr for a complete written plan agreed with the debtor", () => {
  it("1981:739 3 § 2: 170 kr", () => {
    expect(chargeableSwedishFee(input({ fee: "payment-plan" }))).toMatchObject({ allowed: true, amount: sek(170_00) });
  });

  it.each([["coversWholeRemainingDebt"], ["agreedWithDebtor"], ["writtenAndSent"]] as const)("1981:739 3 § 2: nothing when the plan fails %s", (key) => {
    expect(chargeableSwedishFee(input({ fee: "payment-plan", paymentPlan: { ...plan, [key]: false } })).reason.code).toBe("payment_plan_incomplete");
  });
});

describe("which combinations may be charged", () => {
  it("a consumer claim may carry a påminnelseavgift, an inkassoersättning and an amorteringsplan fee: 60 + 180 + 170", () => {
    const reminder = chargeableSwedishFee(input({ fee: "reminder", on: d("2025-02-10") }));
    const notice = chargeableSwedishFee(input({ fee: "collection-demand", previousFees: [{ fee: "reminder", on: d("2025-02-10"), amount: reminder.amount }] }));
    const planFee = chargeableSwedishFee(
      input({ fee: "payment-plan", on: d("2025-03-20"), previousFees: [{ fee: "reminder", on: d("2025-02-10"), amount: reminder.amount }, { fee: "collection-demand", on: d("2025-03-03"), amount: notice.amount }] }),
    );
    expect([reminder.amount.amount, notice.amount.amount, planFee.amount.amount]).toEqual([60_00, 180_00, 170_00]);
  });

  it("1981:739 4 a §: between businesses with förseningsersättning (450 kr) the 2–3 §§ fees are absorbed (60 + 180 + 170 < 450), marked uncertain", () => {
    const r = chargeableSwedishFee(input({ fee: "collection-demand", debtorType: "business", lateCompensationCharged: true }));
    expect(r).toMatchObject({ allowed: false, amount: sek(0), reason: { code: "absorbed_by_late_compensation" }, confidence: "uncertain" });
    const previous: PreviousSwedishFee[] = [{ fee: "reminder", on: d("2025-02-10"), amount: sek(0) }, { fee: "collection-demand", on: d("2025-03-03"), amount: sek(0) }];
    expect(chargeableSwedishFee(input({ fee: "payment-plan", on: d("2025-03-20"), debtorType: "business", lateCompensationCharged: true, previousFees: previous })).amount).toEqual(sek(0));
  });

  it("a business debtor without förseningsersättning pays the fees as a consumer would", () => {
    expect(chargeableSwedishFee(input({ fee: "collection-demand", debtorType: "business" })).amount).toEqual(sek(180_00));
  });

  it("1981:739 4 a §: förseningsersättning 450 kr from a business when dröjsmålsränta accrues, once, never from a consumer", () => {
    const base = { on: d("2025-03-03"), lateInterestAccrues: true, alreadyCharged: false, rules: se };
    expect(chargeableLateCompensation({ ...base, debtorType: "business" })).toMatchObject({ allowed: true, amount: sek(450_00) });
    expect(chargeableLateCompensation({ ...base, debtorType: "consumer" }).reason.code).toBe("consumer_debtor");
    expect(chargeableLateCompensation({ ...base, debtorType: "business", lateInterestAccrues: false }).reason.code).toBe("no_late_interest");
    expect(chargeableLateCompensation({ ...base, debtorType: "business", alreadyCharged: true }).reason.code).toBe("already_charged");
  });
});

describe("bad input", () => {
  it("names the field", () => {
    expect(catchError(() => chargeableSwedishFee(input({ fee: "salary" as SwedishFeeKind }))).field).toBe("fee");
    expect(catchError(() => chargeableSwedishFee(input({ fee: "reminder", previousFees: [{ fee: "reminder", on: d("2025-04-01"), amount: sek(60_00) }] }))).field).toBe("previousFees[0].on");
    expect(catchError(() => chargeableSwedishFee(input({ fee: "reminder", on: d("2013-03-15"), claimDueDate: d("2013-02-01") }))).code).toBe("date_outside_rule_table");
  });
});

describe("property: no Swedish fee ever exceeds its maximum in lag (1981:739) 4 §", () => {
  it("for any fee, date, debtor, agreement and history", () => {
    const kinds: SwedishFeeKind[] = ["reminder", "collection-demand", "payment-plan"];
    const day = fc.integer({ min: d("2013-03-17").epochDay, max: d("2027-12-31").epochDay }).map(LocalDate.ofEpochDay);
    const statutory: Record<SwedishFeeKind, number> = { reminder: 60_00, "collection-demand": 180_00, "payment-plan": 170_00 };
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom("consumer" as const, "business" as const),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.constantFrom(...kinds), { maxLength: 4 }),
        (fee, on, daysOverdue, debtorType, agreed, lateCompensationCharged, history) => {
          const claimDueDate = on.minusDays(daysOverdue);
          const prev = d("2013-03-16").isAfter(claimDueDate) ? d("2013-03-16") : claimDueDate;
          const previousFees = history.map((f): PreviousSwedishFee => ({ fee: f, on: prev, amount: sek(rowOn(se.fees[f === "reminder" ? "reminder" : f === "collection-demand" ? "collectionDemand" : "paymentPlan"], prev, f, "on").amount.amount) }));
          const r = chargeableSwedishFee({ fee, on, claimDueDate, debtorType, reminderFeeAgreed: agreed, lateCompensationCharged, collectionDemand: demand, paymentPlan: plan, previousFees, rules: se });
          expect(r.amount.amount).toBeGreaterThanOrEqual(0);
          expect(r.amount.amount).toBeLessThanOrEqual(r.maximum.amount);
          expect(r.amount.amount).toBeLessThanOrEqual(statutory[fee]);
          expect(r.amount.currency).toBe("SEK");
          if (!r.allowed) expect(r.amount.amount).toBe(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
