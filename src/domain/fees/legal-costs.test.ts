import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal } from "../money.js";
import { legalCosts } from "./legal-costs.js";

const rules = rulesFor("NO");

describe("legalCosts: the rettsgebyr of nordic-rules.md N4", () => {
  // [year, rettsgebyr R, forliksklage 1 × R, begjæring om utlegg (1.85 × R in 2015, 1.7 × R since 2016), confidence of R]
  const table: [number, string, string, string, string][] = [
    [2015, "860.00", "860.00", "1591.00", "secondary"],
    [2016, "1025.00", "1025.00", "1742.50", "secondary"],
    [2017, "1049.00", "1049.00", "1783.30", "secondary"],
    [2018, "1130.00", "1130.00", "1921.00", "secondary"],
    [2019, "1150.00", "1150.00", "1955.00", "secondary"],
    [2020, "1172.00", "1172.00", "1992.40", "secondary"],
    [2021, "1199.00", "1199.00", "2038.30", "secondary"],
    [2022, "1223.00", "1223.00", "2079.10", "uncertain"],
    [2023, "1243.00", "1243.00", "2113.10", "secondary"],
    [2024, "1277.00", "1277.00", "2170.90", "secondary"],
    [2025, "1314.00", "1314.00", "2233.80", "secondary"],
  ];
  it.each(table)("%i: R = %s, forliksklage %s, utlegg %s", (year, r, forliksklage, utlegg, confidence) => {
    const on = LocalDate.of(year, 6, 15);
    const klage = legalCosts({ step: "forliksklage", on, rules });
    expect(formatDecimal(klage.rettsgebyr)).toBe(r);
    expect(formatDecimal(klage.amount)).toBe(forliksklage);
    // The forliksklage factor itself is background knowledge [K].
    expect(klage.confidence).toBe(confidence === "uncertain" ? "uncertain" : "background");
    const begjaering = legalCosts({ step: "utlegg", on, rules });
    expect(formatDecimal(begjaering.amount)).toBe(utlegg);
    expect(begjaering.confidence).toBe(confidence);
    expect(begjaering.source).toContain("rettsgebyr");
  });

  it("says why 2022 is uncertain", () => {
    expect(legalCosts({ step: "utlegg", on: LocalDate.of(2022, 1, 1), rules }).note).toMatch(/approximate/i);
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
