import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LocalDate } from "../calendar/local-date.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import type { AmountRow, NorwegianRuleSet } from "../jurisdictions/no/no-rule-set.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { maxCollectionSalary } from "./collection-salary.js";
import { legalCosts } from "./legal-costs.js";
import { chargeableLetterFee } from "./letter-fee.js";

/**
 * A legal maximum is never exceeded, not even by half an øre (inkassoforskriften §§ 1-2, 2-2, 2-3:
 * maximum amounts; rettsgebyrloven §§ 6 a, 7, 14: the fee paid). The cap is recomputed here from
 * the rule rows as an exact fraction, independently of the fee code, and every charge must be at
 * most that fraction — and less than one øre (legal costs: one krone) below it, so a cap is not
 * met by charging nothing. Claim sizes, debtor types, VAT bases and dates range over the tables;
 * the inkassosats and rettsgebyr are also drawn freely (a deployment may set any amount), which
 * makes every product land on fractions of an øre.
 */
const shipped = rulesFor("NO");
const day = (from: string, to: string) => fc.integer({ min: LocalDate.parse(from).epochDay, max: LocalDate.parse(to).epochDay }).map(LocalDate.ofEpochDay);

/** The shipped rules with one inkassosats and one rettsgebyr of the given amounts for every date. */
function withAmounts(satsMinor: number, gebyrMinor: number): NorwegianRuleSet {
  const flat = (rows: readonly AmountRow[], amount: number): AmountRow[] => rows.map((r) => ({ ...r, amount: { amount, currency: "NOK" } }));
  return { ...shipped, inkassosats: flat(shipped.inkassosats, satsMinor), rettsgebyr: flat(shipped.rettsgebyr, gebyrMinor) };
}

const amounts = fc.record({
  sats: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 2_000_00 })),
  gebyr: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5_000_00 })),
});
const rulesOf = (a: { sats: number | null; gebyr: number | null }) =>
  a.sats === null && a.gebyr === null ? shipped : withAmounts(a.sats ?? 700_00, a.gebyr ?? 1_314_00);

describe("no charge ever exceeds its legal maximum (property)", () => {
  it("inkassoforskriften §§ 2-2, 2-3: light and heavy salær, consumer or business, with or without the VAT add-on", () => {
    fc.assert(
      fc.property(
        amounts,
        fc.integer({ min: 0, max: 5_000_000_00 }),
        fc.constantFrom("consumer" as const, "business" as const),
        fc.boolean(),
        fc.constantFrom("vat-liable-business" as const, "not-vat-liable-business" as const),
        day("2010-01-01", "2027-12-31"),
        day("2015-01-01", "2027-12-31"),
        (a, claimMinor, debtor, heavy, vatAddOnBasis, due, onCandidate) => {
          const rules = rulesOf(a);
          const on = onCandidate.isBefore(due) ? due : onCandidate;
          if (on.isBefore(LocalDate.parse("2015-01-01"))) return;
          const result = maxCollectionSalary({ claim: { amount: claimMinor, currency: "NOK" }, debtor, heavy, creditorVatRegistered: true, vatAddOnBasis, claimDueDate: due, on, rules });
          // The cap, exactly: factor/100 × sats × multiplier/100 × (1 + vat), from the rows.
          const table = rowOn(rules.salaryTables, due, "table", "due");
          const band = table.bands.find((b) => b.upTo === null || claimMinor <= b.upTo.amount)!;
          const factor = BigInt(heavy ? band.heavyHundredths : band.lightHundredths);
          const sats = BigInt(rowOn(rules.inkassosats, on, "sats", "on").amount.amount);
          const mult = BigInt(debtor === "business" ? table.businessMultiplier.hundredths : 100);
          const vat = BigInt(vatAddOnBasis === "not-vat-liable-business" ? rowOn(rules.salaryVatAddOn, on, "vat", "on").basisPoints : 0);
          const numerator = factor * sats * mult * (10_000n + vat);
          const denominator = 100_000_000n;
          const charged = BigInt(result.amount.amount);
          expect(charged * denominator <= numerator).toBe(true);
          expect((charged + 1n) * denominator > numerator).toBe(true);
          expect(result.base.amount + result.vatAddOn.amount).toBe(result.amount.amount);
          expect(result.base.amount).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("inkassoforskriften §§ 1-2, 1-3: the reminder and notice fees", () => {
    fc.assert(
      fc.property(amounts, day("2010-01-01", "2027-06-30"), fc.integer({ min: 14, max: 400 }), fc.constantFrom("reminder" as const, "collection-notice" as const, "payment-demand-by-creditor" as const), (a, due, after, letter) => {
        const rules = rulesOf(a);
        const sentOn = due.plusDays(after);
        if (sentOn.isBefore(LocalDate.parse("2015-01-01")) || sentOn.isAfter(LocalDate.parse("2027-12-31"))) return;
        const previous = letter === "payment-demand-by-creditor" ? [{ letter: "reminder" as const, sentOn: due.plusDays(1), deadline: due.plusDays(1 + 14), feeCharged: false }] : [];
        if (letter === "payment-demand-by-creditor" && !sentOn.isAfter(due.plusDays(15))) return;
        const decision = chargeableLetterFee({ letter, sentOn, claimDueDate: due, previousLetters: previous, rules });
        expect(decision.allowed).toBe(true);
        const regime = rowOn(rules.letterFeeRegimes, due, "regime", "due");
        const fraction = letter === "payment-demand-by-creditor" ? regime.paymentDemandByCreditorFee : regime.reminderFee;
        const numerator = BigInt(rowOn(rules.inkassosats, sentOn, "sats", "on").amount.amount) * BigInt(fraction.numerator);
        const charged = BigInt(decision.amount.amount);
        const denominator = BigInt(fraction.denominator);
        expect(charged * denominator <= numerator).toBe(true);
        expect((charged + 1n) * denominator > numerator).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("rettsgebyrloven §§ 6 a, 7, 14: legal costs never exceed R × factor and are whole kroner", () => {
    fc.assert(
      fc.property(amounts, day("2015-01-01", "2027-12-31"), fc.constantFrom("forliksklage" as const, "utlegg" as const), (a, on, step) => {
        const rules = rulesOf(a);
        const cost = legalCosts({ step, on, rules });
        const exact = BigInt(rowOn(rules.rettsgebyr, on, "R", "on").amount.amount) * BigInt(rowOn(rules.legalCostFactors[step], on, "factor", "on").hundredths);
        const charged = BigInt(cost.amount.amount);
        expect(charged * 100n <= exact).toBe(true);
        expect((charged + 100n) * 100n > exact).toBe(true);
        expect(cost.amount.amount % 100).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
