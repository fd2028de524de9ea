import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { catchError } from "../domain-error.fixture.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { swedishInterestStart, swedishLateInterest } from "./late-interest.js";

const se = rulesFor("SE");
const d = (s: string) => LocalDate.parse(s);
const sek = (amount: number) => ({ amount, currency: "SEK" as const });

describe("räntelagen (1975:635) 6 §: dröjsmålsränta = referensränta + 8 pp, fixed each 1 January and 1 July", () => {
  it("räntelagen 6 §: referensränta + 8 pp on every half-year row", () => {
    for (const p of se.lateInterest.periods) {
      expect(p.basisPoints).toBe(p.referenceBasisPoints! + 8_00);
      expect([1, 7]).toContain(p.validFrom.month);
      expect(p.validFrom.day).toBe(1);
    }
  });

  it("räntelagen 9 §: the 2025 and 2026 referensränta rows carry notes saying how far they are verified", () => {
    for (const from of ["2025-01-01", "2025-07-01", "2026-01-01"]) expect(rowOn(se.lateInterest.periods, d(from), "rate", "on").note).toMatch(/secondary source/);
  });
});

describe("räntelagen 3–4 §§: when dröjsmålsränta starts", () => {
  it("räntelagen 3 §: from a due date fixed in advance", () => {
    expect(swedishInterestStart({ dueDate: d("2025-01-31"), dueDateAgreedInAdvance: true })).toMatchObject({ date: d("2025-01-31"), basis: "agreed-due-date", confidence: "primary" });
  });

  it("räntelagen 3 §: a due date on a Saturday moves to Monday (uncertain, skuldebrevslagen 5 § by analogy)", () => {
    expect(swedishInterestStart({ dueDate: d("2025-03-01"), dueDateAgreedInAdvance: true })).toMatchObject({ date: d("2025-03-03"), confidence: "uncertain" });
  });

  it("räntelagen 4 §: without an agreed due date, 30 days after the inkassokrav that states the interest (uncertain: the text found says one month)", () => {
    const s = swedishInterestStart({ dueDate: d("2025-01-31"), dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: d("2025-03-03") });
    // 30 days → 2025-04-02; one month → 2025-04-03: the later one.
    expect(s).toMatchObject({ date: d("2025-04-03"), basis: "demand-plus-30-days", confidence: "uncertain" });
    expect(s.citation.sv).toBe("4 § första stycket räntelagen (1975:635)");
    // Sent 31 January: one month is 28 February, 30 days is 2 March — the later.
    expect(swedishInterestStart({ dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: d("2025-01-31") }).date).toEqual(d("2025-03-02"));
  });

  it("räntelagen 4 § tredje stycket: at the latest from service of the betalningsföreläggande", () => {
    const s = swedishInterestStart({ dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: d("2025-03-03"), paymentOrderServedOn: d("2025-03-20") });
    expect(s).toMatchObject({ date: d("2025-03-20"), basis: "payment-order-served" });
  });

  it("refuses a claim with no due date fixed and no demand, naming the field", () => {
    expect(catchError(() => swedishInterestStart({ dueDateAgreedInAdvance: false })).field).toBe("demandWithInterestNoticeSentOn");
    expect(catchError(() => swedishInterestStart({ dueDateAgreedInAdvance: true })).field).toBe("dueDate");
  });
});

describe("dröjsmålsränta computed with the exact interest engine", () => {
  it("räntelagen 6 §: 10 000 kr for 30 days at 11 % (2025 H1) = 90.41 kr", () => {
    // 1 000 000 öre × 11 % × 30 / 365 = 9 041.09… öre.
    const start = swedishInterestStart({ dueDate: d("2025-01-31"), dueDateAgreedInAdvance: true });
    const r = swedishLateInterest({ principal: sek(10_000_00), start, until: d("2025-03-02"), rules: se });
    expect(r.interest).toEqual(sek(90_41));
    expect(r.periods.map((p) => [p.days, p.ratePercent])).toEqual([[30, "11.00"]]);
    expect(r.confidence).toBe("uncertain"); // the day count (rate/365) is not statutory
  });

  it("räntelagen 6 § 'vid varje tid gällande': a debt running over 1 July 2025 follows both rates (11 % then 10 %)", () => {
    // 14 days at 11 % + 15 days at 10 %: 110 000 × 14/365 + 100 000 × 15/365 = 8 328.77 öre.
    const start = swedishInterestStart({ dueDate: d("2025-06-16"), dueDateAgreedInAdvance: true });
    const r = swedishLateInterest({ principal: sek(10_000_00), start, until: d("2025-07-15"), rules: se });
    expect(r.interest).toEqual(sek(83_29));
    expect(r.periods.map((p) => [p.days, p.ratePercent])).toEqual([[14, "11.00"], [15, "10.00"]]);
  });

  it("is zero before the interest starts, and refuses a NOK principal", () => {
    const start = swedishInterestStart({ dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: d("2025-03-03") });
    expect(swedishLateInterest({ principal: sek(10_000_00), start, until: d("2025-03-20"), rules: se }).interest).toEqual(sek(0));
    expect(catchError(() => swedishLateInterest({ principal: { amount: 1, currency: "NOK" }, start, until: d("2025-05-01"), rules: se })).field).toBe("principal");
  });
});
