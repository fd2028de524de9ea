import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { checkLegalEventDate, checkLegalStepInput, limitationAfterJudgment } from "./judgment.js";

const d = LocalDate.parse;

describe("the legal phase's law", () => {
  it("foreldelsesloven § 21: a judgment gives ten years from its date, replacing an earlier limitation date", () => {
    expect(limitationAfterJudgment(d("2025-06-10"), d("2028-01-01"))).toMatchObject({ changed: true });
    expect(limitationAfterJudgment(d("2025-06-10"), d("2028-01-01")).date.toString()).toBe("2035-06-10");
    expect(limitationAfterJudgment(d("2024-02-29"), null).date.toString()).toBe("2034-02-28");
  });

  it("never shortens a later limitation date", () => {
    const r = limitationAfterJudgment(d("2025-06-10"), d("2040-01-01"));
    expect(r).toMatchObject({ changed: false });
    expect(r.date.toString()).toBe("2040-01-01");
  });

  it("utlegg needs a tvangsgrunnlag (tvangsfullbyrdelsesloven § 7-2), not dated in the future; a forliksklage does not", () => {
    const today = d("2025-06-10");
    expect(checkLegalStepInput({ step: "utlegg", tvangsgrunnlag: null, today })).toMatchObject({ code: "tvangsgrunnlag_required", field: "tvangsgrunnlag" });
    expect(checkLegalStepInput({ step: "utlegg", tvangsgrunnlag: { kind: "dom", reference: "25-1/TOSL", date: d("2025-06-11") }, today })).toMatchObject({ code: "date_in_future" });
    expect(checkLegalStepInput({ step: "utlegg", tvangsgrunnlag: { kind: "forliksradsdom", reference: "25-1/FR", date: d("2025-05-01") }, today })).toBeNull();
    expect(checkLegalStepInput({ step: "forliksklage", tvangsgrunnlag: null, today })).toBeNull();
  });

  it("a legal event is dated between the filing and today", () => {
    expect(checkLegalEventDate(d("2025-05-31"), d("2025-06-01"), d("2025-07-01"))).toMatchObject({ code: "before_filing" });
    expect(checkLegalEventDate(d("2025-07-02"), d("2025-06-01"), d("2025-07-01"))).toMatchObject({ code: "date_in_future" });
    expect(checkLegalEventDate(d("2025-06-15"), d("2025-06-01"), d("2025-07-01"))).toBeNull();
  });
});
