import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { joinCitations } from "./citation.js";
import { rowOn } from "./dated-row.js";
import { formatHundredths } from "./json-reader.js";
import fiRules from "./fi/fi-rules.json" with { type: "json" };
import noRules from "./no/no-rules.json" with { type: "json" };
import seRules from "./se/se-rules.json" with { type: "json" };
import { parseRuleSet, rulesFor } from "./rule-set.js";
import { catchError } from "../domain-error.fixture.js";

const d = (text: string) => LocalDate.parse(text);


// The tests below break the shipped file in arbitrary places, so its type is deliberately loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableJson = any;

/** The shipped Norwegian file with one change made by `edit`. */
function editedNo(edit: (json: EditableJson) => void): unknown {
  const json = structuredClone(noRules) as EditableJson;
  edit(json);
  return json;
}

describe("rulesFor", () => {
  it("returns the shipped rule sets, validated", () => {
    expect(rulesFor("NO").currency).toBe("NOK");
    expect(rulesFor("SE").currency).toBe("SEK");
    expect(rulesFor("FI").currency).toBe("EUR");
  });

  it("refuses an unknown jurisdiction, naming the field", () => {
    const e = catchError(() => rulesFor("DK"));
    expect([e.code, e.field]).toEqual(["unknown_jurisdiction", "jurisdiction"]);
  });

  it("gives the same rule set as parsing the shipped file again", () => {
    expect(parseRuleSet(noRules)).toEqual(rulesFor("NO"));
  });
});

describe("parseRuleSet: a replacement file is checked, with the JSON path of the error", () => {
  const cases: [string, (json: EditableJson) => void, string, RegExp][] = [
    ["a fractional amount", (j) => (j.inkassosats[0].amountMinor = 650.5), "inkassosats[0].amountMinor", /whole number/],
    ["a float rate", (j) => (j.lateInterest.periods[2].ratePercent = 8.75), "lateInterest.periods[2].ratePercent", /decimal string/],
    ["three decimals", (j) => (j.lateInterest.periods[2].ratePercent = "8.755"), "lateInterest.periods[2].ratePercent", /two decimals/],
    ["a non-date", (j) => (j.rettsgebyr[1].validFrom = "2016-02-30"), "rettsgebyr[1].validFrom", /not a calendar date/],
    ["validTo before validFrom", (j) => (j.rettsgebyr[1].validTo = "2015-12-31"), "rettsgebyr[1].validTo", /before validFrom/],
    ["unsorted rows", (j) => (j.lateInterest.periods[3].validFrom = "2015-06-01"), "lateInterest.periods[3].validFrom", /sorted/],
    ["overlapping rows", (j) => (j.rettsgebyr[0].validTo = "2016-01-31"), "rettsgebyr[1].validFrom", /overlap/],
    ["a gap in a rate table", (j) => (j.lateInterest.periods[3].validTo = "2016-12-30"), "lateInterest.periods[4].validFrom", /gap/],
    ["an open-ended rate table", (j) => delete j.lateInterest.periods[j.lateInterest.periods.length - 1].validTo, "lateInterest.periods[24].validTo", /last row/],
    ["an uncertain row without a note", (j) => delete j.inkassosats[3].note, "inkassosats[3].note", /uncertain/],
    ["an unknown confidence", (j) => (j.inkassosats[0].confidence = "sure"), "inkassosats[0].confidence", /primary/],
    ["a missing source", (j) => delete j.rettsgebyr[2].source, "rettsgebyr[2].source", /non-empty/],
    ["a misspelt key", (j) => (j.rettsgebyr[2].validfrom = "2017-01-01"), "rettsgebyr[2].validfrom", /unknown key/],
    ["a missing table", (j) => delete j.salaryTables, "salaryTables", /array/],
    ["bands out of order", (j) => (j.salaryTables[1].bands[2].upToMinor = 90000), "salaryTables[1].bands[2].upToMinor", /increasing/],
    ["an open band that is not the top", (j) => (j.salaryTables[1].bands[2].upToMinor = null), "salaryTables[1].bands[2].upToMinor", /only the top band/],
    ["a bad fraction", (j) => (j.letterFeeRegimes[1].reminderFee = "1/0"), "letterFeeRegimes[1].reminderFee", /fraction/],
    ["a bad fee combination", (j) => (j.letterFeeLimits[0].maxFeeCombinations[1].reminder = -1), "letterFeeLimits[0].maxFeeCombinations[1].reminder", /at least 0/],
    ["the wrong currency", (j) => (j.currency = "SEK"), "currency", /"NOK"/],
    ["an empty table", (j) => (j.heavySalary = []), "heavySalary", /at least one row/],
    ["a citation without English", (j) => delete j.rettsgebyr[2].citation.en, "rettsgebyr[2].citation", /nb and en/],
    // Issue 16 item 1: Swedish (sv) is now a known citation language, so an unknown one is shown with Danish.
    ["a citation with an unknown language", (j) => (j.rettsgebyr[2].citation.da = "x"), "rettsgebyr[2].citation.da", /unknown key/],
    ["an unknown salær sats date", (j) => (j.salaryInkassosatsDate[0].satsOn = "invoice-date"), "salaryInkassosatsDate[0].satsOn", /principal-paid/],
    ["an unknown rounding of legal costs", (j) => (j.legalCostRounding[0].rounding = "up"), "legalCostRounding[0].rounding", /down-to-whole-krone/],
  ];
  it.each(cases)("%s", (_, edit, field, message) => {
    const e = catchError(() => parseRuleSet(editedNo(edit)));
    expect(e.code).toBe("invalid_rule_set");
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it("refuses a file without a known jurisdiction", () => {
    expect(catchError(() => parseRuleSet({ jurisdiction: "DK" })).field).toBe("jurisdiction");
    expect(catchError(() => parseRuleSet(null)).field).toBe("jurisdiction");
  });

  it("accepts an operator's correction without a code change", () => {
    const corrected = parseRuleSet(
      editedNo((j) => {
        const row = j.lateInterest.periods[21];
        row.ratePercent = "12.50";
        row.confidence = "primary";
        delete row.note;
      }),
    );
    expect(corrected.jurisdiction).toBe("NO");
    if (corrected.jurisdiction === "NO") expect(rowOn(corrected.lateInterest.periods, d("2025-08-01"), "rate", "on").basisPoints).toBe(12_50);
  });
});

describe("sources people can read: a citation in nb and en on every row of the shipped files", () => {
  it("has a citation on every dated row, multiplier and year basis of NO, SE and FI (and in sv on every Swedish one)", () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string, needSv: boolean) => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`, needSv));
      if (typeof value !== "object" || value === null) return;
      const obj = value as Record<string, unknown>;
      if ("source" in obj) {
        const c = obj["citation"] as { nb?: string; en?: string; sv?: string } | undefined;
        if (!c?.nb || !c?.en || (needSv && !c?.sv)) missing.push(path);
      }
      for (const [k, v] of Object.entries(obj)) if (k !== "citation") walk(v, `${path}.${k}`, needSv);
    };
    walk(noRules, "no", false);
    walk(seRules, "se", true);
    walk(fiRules, "fi", false);
    expect(missing).toEqual([]);
  });

  it("reads a Swedish citation beside nb and en, and joins sv only when every row has it", () => {
    const row = rowOn(rulesFor("SE").fees.reminder, d("2025-01-01"), "reminder", "on");
    expect(row.citation?.sv).toBe("2 och 4 §§ lagen (1981:739) om ersättning för inkassokostnader m.m.");
    expect(joinCitations(row.citation, { nb: "x", en: "y" })).toEqual({ nb: `${row.citation!.nb}; x`, en: `${row.citation!.en}; y` });
    expect(joinCitations(row.citation, row.citation)?.sv).toBe(row.citation!.sv);
  });

  it("reads the citation separately from the research note", () => {
    const row = rowOn(rulesFor("NO").legalCostFactors.utlegg, d("2022-01-01"), "utlegg", "on");
    expect(row.citation).toEqual({ nb: "rettsgebyrloven § 14", en: "Court Fees Act § 14" });
    expect(row.source).toContain("LOV-2021-12-22-166");
  });

  it("still reads a deployment's file without citations", () => {
    const parsed = parseRuleSet(editedNo((j) => delete j.inkassosats[0].citation));
    if (parsed.jurisdiction === "NO") expect(parsed.inkassosats[0]!.citation).toBeNull();
  });
});

describe("the Norwegian tables", () => {
  const no = rulesFor("NO");

  it("rettsgebyr 2022 = 1 223, confirmed by two secondary sources (no longer uncertain)", () => {
    expect(rowOn(no.rettsgebyr, d("2022-06-01"), "R", "on")).toMatchObject({ amount: { amount: 1_223_00 }, confidence: "secondary", note: null });
  });

  it("keeps the 2026 inkassosats and rettsgebyr uncertain: no primary text was found", () => {
    expect(rowOn(no.inkassosats, d("2026-01-01"), "sats", "on").confidence).toBe("uncertain");
    expect(rowOn(no.rettsgebyr, d("2026-01-01"), "R", "on").confidence).toBe("uncertain");
  });

  it("inkassoforskriften § 2-2: the salær's inkassosats is the one of the day the principal is paid (data)", () => {
    expect(rowOn(no.salaryInkassosatsDate, d("2025-01-01"), "sats date", "on")).toMatchObject({ satsOn: "principal-paid", citation: { nb: expect.stringContaining("§ 2-2") } });
  });

  it("rettsgebyrloven § 6 a: legal costs are rounded down to the whole krone (data)", () => {
    expect(rowOn(no.legalCostRounding, d("2025-01-01"), "rounding", "on").rounding).toBe("down-to-whole-krone");
  });

  it("has the inkassosats of N1 by date, 2026 uncertain", () => {
    const sats = (date: string) => rowOn(no.inkassosats, d(date), "inkassosats", "on");
    expect([sats("2015-06-01").amount.amount, sats("2016-06-01").amount.amount, sats("2017-01-01").amount.amount, sats("2025-12-31").amount.amount]).toEqual([650_00, 670_00, 700_00, 700_00]);
    expect(sats("2026-01-01")).toMatchObject({ amount: { amount: 750_00 }, confidence: "uncertain" });
  });

  // forsinkelsesrenteloven § 3 (docs/RULES.md § 3): [from, rate %, standardkompensasjon NOK or null, confidence]
  const n6: [string, string, number | null, string][] = [
    ["2015-01-01", "9.25", null, "secondary"],
    ["2015-07-01", "9.00", 330_00, "secondary"],
    ["2016-01-01", "8.75", 370_00, "secondary"],
    ["2016-07-01", "8.50", 370_00, "primary"],
    ["2017-01-01", "8.50", null, "secondary"],
    ["2017-07-01", "8.50", null, "secondary"],
    ["2018-01-01", "8.50", 380_00, "secondary"],
    ["2018-07-01", "8.50", null, "secondary"],
    ["2019-01-01", "8.75", 380_00, "secondary"],
    ["2019-07-01", "9.25", 390_00, "secondary"],
    ["2020-01-01", "9.50", 400_00, "secondary"],
    ["2020-07-01", "8.00", 430_00, "secondary"],
    ["2021-01-01", "8.00", 400_00, "secondary"],
    ["2021-07-01", "8.00", 400_00, "secondary"],
    ["2022-01-01", "8.50", null, "secondary"],
    ["2022-07-01", "9.25", 400_00, "secondary"],
    ["2023-01-01", "10.75", 410_00, "secondary"],
    ["2023-07-01", "11.75", null, "secondary"],
    ["2024-01-01", "12.50", 470_00, "primary"],
    ["2024-07-01", "12.50", null, "uncertain"],
    ["2025-01-01", "12.50", 470_00, "primary"],
    ["2025-07-01", "12.25", null, "uncertain"],
    ["2026-01-01", "12.00", 460_00, "secondary"],
  ];
  it("has every forsinkelsesrente period of N6, half-year by half-year", () => {
    const periods = no.lateInterest.periods;
    const published = periods.slice(0, n6.length);
    expect(published.map((p) => [p.validFrom.toString(), formatHundredths(p.basisPoints), p.standardCompensation?.amount ?? null, p.confidence])).toEqual(n6);
    expect(published[published.length - 1]!.validTo?.toString()).toBe("2026-06-30");
    // Beyond the sources the last rate is carried forward, marked uncertain with a note saying so.
    const carried = periods.slice(n6.length);
    expect(carried.map((p) => [p.validFrom.toString(), p.validTo?.toString(), formatHundredths(p.basisPoints), p.confidence])).toEqual([
      ["2026-07-01", "2026-12-31", "12.00", "uncertain"],
      ["2027-01-01", "2027-06-30", "12.00", "uncertain"],
    ]);
    expect(carried.every((p) => p.note?.includes("Carried forward"))).toBe(true);
    expect(no.lateInterest.yearBasis.convention).toBe("calendar-year");
  });

  it("picks the letter-fee regime and the salær table by due date around 2020-10-01", () => {
    expect(rowOn(no.letterFeeRegimes, d("2020-09-30"), "regime", "due").reminderFee).toEqual({ numerator: 1, denominator: 10 });
    expect(rowOn(no.letterFeeRegimes, d("2020-10-01"), "regime", "due").reminderFee).toEqual({ numerator: 1, denominator: 20 });
    expect(rowOn(no.salaryTables, d("2020-09-30"), "salær", "due").bands).toHaveLength(5);
    expect(rowOn(no.salaryTables, d("2020-10-01"), "salær", "due").bands).toHaveLength(7);
    // Issue 12 item 6: the old table and the 1/10 regime cover claims due from 2010-01-01.
    expect(rowOn(no.salaryTables, d("2010-01-01"), "salær", "due").businessMultiplier.hundredths).toBe(150);
    expect(rowOn(no.letterFeeRegimes, d("2010-01-01"), "regime", "due").reminderFee).toEqual({ numerator: 1, denominator: 10 });
    expect(catchError(() => rowOn(no.salaryTables, d("2009-12-31"), "salær", "due")).code).toBe("date_outside_rule_table");
  });

  it("answers a date outside a table with the table's extent", () => {
    const e = catchError(() => rowOn(no.rettsgebyr, d("2028-03-01"), "rettsgebyr", "on"));
    expect([e.code, e.field]).toEqual(["date_outside_rule_table", "on"]);
    expect(e.message).toContain("2015-01-01…2027-12-31");
  });
});

describe("the Swedish tables (S1, S3)", () => {
  const se = rulesFor("SE");

  // [from, referensränta, dröjsmålsränta]
  const s3: [string, string, string][] = [
    ["2015-01-01", "0.00", "8.00"], ["2015-07-01", "0.00", "8.00"], ["2016-01-01", "0.00", "8.00"],
    ["2016-07-01", "-0.50", "7.50"], ["2017-01-01", "-0.50", "7.50"], ["2017-07-01", "-0.50", "7.50"],
    ["2018-01-01", "-0.50", "7.50"], ["2018-07-01", "-0.50", "7.50"], ["2019-01-01", "-0.50", "7.50"],
    ["2019-07-01", "0.00", "8.00"], ["2020-01-01", "0.00", "8.00"], ["2020-07-01", "0.00", "8.00"],
    ["2021-01-01", "0.00", "8.00"], ["2021-07-01", "0.00", "8.00"], ["2022-01-01", "0.00", "8.00"],
    ["2022-07-01", "0.50", "8.50"], ["2023-01-01", "2.50", "10.50"], ["2023-07-01", "3.50", "11.50"],
    ["2024-01-01", "4.00", "12.00"], ["2024-07-01", "4.00", "12.00"], ["2025-01-01", "3.00", "11.00"],
    ["2025-07-01", "2.00", "10.00"], ["2026-01-01", "2.00", "10.00"],
  ];
  it("has dröjsmålsränta = referensränta + 8 for every half-year of S3", () => {
    expect(se.lateInterest.periods.slice(0, s3.length).map((p) => [p.validFrom.toString(), formatHundredths(p.referenceBasisPoints!), formatHundredths(p.basisPoints)])).toEqual(s3);
    expect(se.lateInterest.periods.slice(s3.length).map((p) => [p.validFrom.toString(), formatHundredths(p.basisPoints), p.confidence])).toEqual([
      ["2026-07-01", "10.00", "uncertain"],
      ["2027-01-01", "10.00", "uncertain"],
    ]);
    expect(se.lateInterest.periods.every((p) => p.basisPoints === p.referenceBasisPoints! + 8_00)).toBe(true);
  });

  it("has the fees of lag (1981:739) since 2013-03-16", () => {
    const on = d("2025-01-01");
    const amounts = (["reminder", "collectionDemand", "paymentPlan", "lateCompensation"] as const).map((fee) => rowOn(se.fees[fee], on, fee, "on").amount);
    expect(amounts).toEqual([60_00, 180_00, 170_00, 450_00].map((amount) => ({ amount, currency: "SEK" })));
    expect(catchError(() => rowOn(se.fees.reminder, d("2013-03-15"), "reminder", "on")).code).toBe("date_outside_rule_table");
  });

  it("has the inkassokrav deadline of god inkassosed (8 days, 4 bank days), Kronofogden's 300 kr and marks the assumptions uncertain", () => {
    const on = d("2025-01-01");
    expect(rowOn(se.collectionDemandDeadline, on, "deadline", "on")).toMatchObject({ minDaysFromSending: 8, minBankDaysAfterReceipt: 4, confidence: "primary" });
    expect(rowOn(se.presumedReceipt, on, "receipt", "on")).toMatchObject({ postBankDays: 2, digitalBankDays: 1, confidence: "uncertain" });
    expect(rowOn(se.feeLimits, on, "limits", "on")).toMatchObject({ reminderFeesPerClaim: 1, collectionDemandFeesPerClaim: 1, confidence: "uncertain" });
    expect(rowOn(se.legalCosts.paymentOrderApplication, on, "ansökningsavgift", "on")).toMatchObject({ amount: { amount: 300_00, currency: "SEK" }, recoverable: true });
  });

  it("refuses a Swedish file with a non-boolean recoverable, naming the path", () => {
    const json = structuredClone(seRules) as EditableJson;
    json.legalCosts.paymentOrderApplication[0].recoverable = "yes";
    expect(catchError(() => parseRuleSet(json)).field).toBe("legalCosts.paymentOrderApplication[0].recoverable");
  });
});

describe("the Finnish tables", () => {
  const fi = rulesFor("FI");

  it("has viivästyskorko § 4 = viitekorko + 7 and § 4 a = viitekorko + 8, the last two half-years uncertain", () => {
    const rate = (table: typeof fi.lateInterest, date: string) => formatHundredths(rowOn(table.periods, d(date), "rate", "on").basisPoints);
    const dates = ["2015-01-01", "2016-01-01", "2016-07-01", "2022-07-01", "2023-01-01", "2023-07-01", "2024-01-01", "2024-07-01", "2025-01-01", "2025-07-01", "2026-01-01"];
    expect(dates.map((x) => rate(fi.lateInterest, x))).toEqual(["7.50", "7.50", "7.00", "7.00", "9.50", "11.00", "11.50", "11.50", "10.50", "9.50", "9.50"]);
    expect(dates.map((x) => rate(fi.commercialLateInterest, x))).toEqual(["8.50", "8.50", "8.00", "8.00", "10.50", "12.00", "12.50", "12.50", "11.50", "10.50", "10.50"]);
    expect(fi.lateInterest.periods.filter((p) => p.confidence === "uncertain").map((p) => p.validFrom.toString())).toEqual(["2025-07-01", "2026-01-01", "2026-07-01", "2027-01-01"]);
  });
});
