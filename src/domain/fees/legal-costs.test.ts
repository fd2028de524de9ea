import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal } from "../money.js";
import { legalCosts } from "./legal-costs.js";

const rules = rulesFor("NO");

describe("legalCosts: rettsgebyr × the factor of the legal step, by the day of the step", () => {
  // [year, rettsgebyr R, forliksklage, begjæring om utlegg, confidence of forliksklage, of utlegg].
  // Changed from the first table, with the law that says so:
  // - forliksklage (rettsgebyrloven § 7): 1.15 × R by 2019 (advokatwulff.no 2019: 1 322,50; interkreditt.no:
  //   "fra 1,15 R til 1,1 R"), 1.1 × R from 2022 (LOV-2021-12-22-166) — not 1 × R throughout;
  // - utlegg (§ 14): 1.25 × R in 2021 (Prop. 34 L (2020–2021)), 1.21 × R from 2022 (LOV-2021-12-22-166) — not 1.7 × R;
  // - every fee computed from R is rounded down to the whole krone (rettsgebyrloven § 6 a): 1 742.50 → 1 742.00;
  // - the 2022 rettsgebyr 1 223 is confirmed by two secondary sources (no longer uncertain).
  const table: [number, string, string, string, string, string][] = [
    [2015, "860.00", "860.00", "1591.00", "background", "secondary"],
    [2016, "1025.00", "1025.00", "1742.00", "background", "secondary"],
    [2017, "1049.00", "1049.00", "1783.00", "background", "secondary"],
    [2018, "1130.00", "1130.00", "1921.00", "background", "secondary"],
    [2019, "1150.00", "1322.00", "1955.00", "secondary", "secondary"],
    [2020, "1172.00", "1347.00", "1992.00", "secondary", "secondary"],
    [2021, "1199.00", "1378.00", "1498.00", "secondary", "secondary"],
    [2022, "1223.00", "1345.00", "1479.00", "secondary", "secondary"],
    [2023, "1243.00", "1367.00", "1504.00", "secondary", "secondary"],
    [2024, "1277.00", "1404.00", "1545.00", "secondary", "secondary"],
    [2025, "1314.00", "1445.00", "1589.00", "uncertain", "secondary"],
  ];
  it.each(table)("%i: R = %s, forliksklage %s, utlegg %s", (year, r, forliksklage, utlegg, klageConfidence, utleggConfidence) => {
    const on = LocalDate.of(year, 3, 15);
    const klage = legalCosts({ step: "forliksklage", on, rules });
    expect(formatDecimal(klage.rettsgebyr)).toBe(r);
    expect(formatDecimal(klage.amount)).toBe(forliksklage);
    expect(klage.confidence).toBe(klageConfidence);
    const begjaering = legalCosts({ step: "utlegg", on, rules });
    expect(formatDecimal(begjaering.amount)).toBe(utlegg);
    expect(begjaering.confidence).toBe(utleggConfidence);
    expect(begjaering.source).toContain("rettsgebyr");
  });

  it("rettsgebyrloven § 14 (LOV-2021-12-22-166): utlegg 1.21 R from 2022-01-01, 1.25 R in 2021, 1.7 R before", () => {
    const factor = (date: string) => legalCosts({ step: "utlegg", on: LocalDate.parse(date), rules }).factor;
    expect(["2020-12-31", "2021-01-01", "2021-12-31", "2022-01-01", "2025-06-01"].map(factor)).toEqual(["1.70", "1.25", "1.25", "1.21", "1.21"]);
    expect(legalCosts({ step: "utlegg", on: LocalDate.parse("2022-01-01"), rules }).source).toContain("LOV-2021-12-22-166");
  });

  it("rettsgebyrloven § 7 (LOV-2021-12-22-166): forliksklage 1.1 R from 2022-01-01; Prop. 80 L (2023–2024) from 2024-07-01 is uncertain", () => {
    const at = (date: string) => legalCosts({ step: "forliksklage", on: LocalDate.parse(date), rules });
    expect(at("2022-01-01")).toMatchObject({ factor: "1.10", confidence: "secondary" });
    expect(at("2024-06-30").factor).toBe("1.10");
    const after = at("2024-07-01");
    expect([after.factor, after.confidence]).toEqual(["1.10", "uncertain"]);
    expect(after.note).toContain("Prop. 80 L (2023–2024)");
    expect(after.note).toContain("1.54");
  });

  it("rettsgebyrloven § 6 a: a fee from R is rounded down to the whole krone (1.21 × 1 314 = 1 589.94 → 1 589)", () => {
    const cost = legalCosts({ step: "utlegg", on: LocalDate.parse("2025-06-01"), rules });
    expect(cost.amount.amount).toBe(1_589_00);
    expect(cost.rule).toContain("rounded down to the whole krone");
    expect(cost.source).toContain("§ 6 a");
  });

  it("returns a citation for people in nb and en beside the source", () => {
    const cost = legalCosts({ step: "utlegg", on: LocalDate.parse("2025-06-01"), rules });
    expect(cost.citation?.nb).toContain("rettsgebyrloven § 14");
    expect(cost.citation?.en).toContain("Court Fees Act § 14");
  });

  it("keeps 2026 and 2027 uncertain (rettsgebyr carried forward; no primary text found)", () => {
    const cost = legalCosts({ step: "utlegg", on: LocalDate.of(2026, 3, 1), rules });
    expect(cost.confidence).toBe("uncertain");
    expect(cost.note).toMatch(/assumed unchanged/);
  });

  it("refuses a date with no known rettsgebyr (2028) instead of guessing", () => {
    try {
      legalCosts({ step: "forliksklage", on: LocalDate.of(2028, 2, 1), rules });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("date_outside_rule_table");
      expect((e as DomainError).field).toBe("on");
    }
  });
});
