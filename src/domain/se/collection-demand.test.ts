import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarFor } from "../calendar/business-calendar.js";
import { LocalDate } from "../calendar/local-date.js";
import { catchError } from "../domain-error.fixture.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { type CollectionDemandLetter, collectionDemandDeadline, validateCollectionDemand } from "./collection-demand.js";

const se = rulesFor("SE");
const d = (s: string) => LocalDate.parse(s);
const sek = (amount: number) => ({ amount, currency: "SEK" as const });

describe("inkassokrav deadline — god inkassosed (IMY): ≥ 8 days from sending and ≥ 4 bank days after presumed receipt", () => {
  // Worked by hand with the Swedish calendar (holidays-se.ts); post is presumed to take 2 bank days, digital 1.
  const vectors: [string, "post" | "digital", string, string, string][] = [
    ["an ordinary week: both rules give the same day", "post", "2025-03-03", "2025-03-05", "2025-03-11"],
    ["Easter: received Wed 23 April, 4 bank days → Tue 29 April (12 days, not 8)", "post", "2025-04-17", "2025-04-23", "2025-04-29"],
    ["Christmas: julafton, juldagen, annandag jul, nyårsafton and nyårsdagen are no bank days", "post", "2025-12-19", "2025-12-23", "2026-01-05"],
    ["digital: received the next bank day, the 8 days decide", "digital", "2025-03-03", "2025-03-04", "2025-03-11"],
    ["midsommarafton is no bank day; Saturday's 8th day moves to Monday", "digital", "2025-06-13", "2025-06-16", "2025-06-23"],
  ];
  it.each(vectors)("%s (%s, sent %s)", (_, channel, sent, receipt, deadline) => {
    const r = collectionDemandDeadline({ sentOn: d(sent), channel, rules: se });
    expect([r.presumedReceipt.toString(), r.deadline.toString(), r.earliestAllowed.toString()]).toEqual([receipt, deadline, deadline]);
    expect(r.confidence).toBe("uncertain"); // the presumed receipt is an assumption
    expect(r.citation?.sv).toContain("inkassolagen (1974:182)");
  });

  it("gives more days when asked, moved to the next bank day", () => {
    // 20 days from Mon 2025-03-03 = Sun 2025-03-23 → Mon 2025-03-24.
    expect(collectionDemandDeadline({ sentOn: d("2025-03-03"), days: 20, rules: se }).deadline.toString()).toBe("2025-03-24");
  });

  it("refuses fewer than 8 days, naming the field", () => {
    const e = catchError(() => collectionDemandDeadline({ sentOn: d("2025-03-03"), days: 7, rules: se }));
    expect([e.code, e.field]).toEqual(["deadline_too_short", "days"]);
  });

  it("property: for every sending day, channel and period, the deadline keeps both minimums and is a bank day", () => {
    const cal = calendarFor("SE");
    const bankDaysBetween = (from: LocalDate, to: LocalDate) => {
      let n = 0;
      for (let x = from.plusDays(1); !x.isAfter(to); x = x.plusDays(1)) if (cal.isBusinessDay(x)) n++;
      return n;
    };
    const day = fc.integer({ min: d("2015-01-01").epochDay, max: d("2027-12-31").epochDay }).map(LocalDate.ofEpochDay);
    fc.assert(
      fc.property(day, fc.constantFrom("post" as const, "digital" as const), fc.integer({ min: 8, max: 60 }), (sentOn, channel, days) => {
        const r = collectionDemandDeadline({ sentOn, channel, days, rules: se });
        const transit = channel === "post" ? 2 : 1;
        expect(bankDaysBetween(sentOn, r.presumedReceipt)).toBe(transit);
        expect(cal.isBusinessDay(r.presumedReceipt)).toBe(true);
        expect(sentOn.daysUntil(r.deadline)).toBeGreaterThanOrEqual(Math.max(8, days));
        expect(bankDaysBetween(r.presumedReceipt, r.deadline)).toBeGreaterThanOrEqual(4);
        expect(cal.isBusinessDay(r.deadline)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** A complete inkassokrav (inkassolagen 5 §). */
const letter = (over: Partial<CollectionDemandLetter> = {}): CollectionDemandLetter => ({
  sentOn: d("2025-03-03"),
  creditorName: "Exempelbolaget AB",
  agency: { name: "Fordring Inkasso AB", contact: "08-123 45 67" },
  claimBasis: "Faktura 10023 av 2025-01-15 för konsulttjänster i januari 2025",
  principal: sek(10_000_00),
  interest: sek(90_41),
  interestBasis: { ratePercent: "11.00", from: d("2025-01-31"), to: d("2025-03-02"), principal: sek(10_000_00) },
  costs: [{ label: "Inkassoersättning", amount: sek(180_00) }],
  total: sek(10_270_41),
  deadline: d("2025-03-11"),
  objectionInstruction: "Har du invändningar mot kravet, kontakta oss skriftligen före förfallodagen.",
  consequences: "Betalar du inte och bestrider inte kravet kan vi ansöka om betalningsföreläggande hos Kronofogden.",
  ...over,
});

describe("inkassolagen (1974:182) 5 §: what an inkassokrav must say", () => {
  it("accepts a complete demand", () => {
    const v = validateCollectionDemand(letter(), se);
    expect(v).toMatchObject({ valid: true, defects: [] });
  });

  const required: [string, Partial<CollectionDemandLetter>, string, string][] = [
    ["the creditor's name", { creditorName: " " }, "creditor_missing", "creditorName"],
    ["what the claim rests on", { claimBasis: "" }, "claim_basis_missing", "claimBasis"],
    ["interest without its rate, period and principal", { interestBasis: null }, "interest_basis_missing", "interestBasis"],
    ["an interest period that ends before it starts", { interestBasis: { ratePercent: "11.00", from: d("2025-03-02"), to: d("2025-01-31"), principal: sek(10_000_00) } }, "interest_basis_invalid", "interestBasis"],
    ["a cost without a label (costs each for itself)", { costs: [{ label: "", amount: sek(180_00) }] }, "cost_label_missing", "costs[0].label"],
    ["a total that is not the sum of its parts", { total: sek(10_270_00) }, "total_wrong", "total"],
    ["an amount in another currency", { interest: { amount: 90_41, currency: "NOK" } }, "currency_mismatch", "interest"],
    ["a deadline shorter than god inkassosed allows", { deadline: d("2025-03-10") }, "deadline_too_short", "deadline"],
    ["the debtor's right to object", { objectionInstruction: "" }, "objection_instruction_missing", "objectionInstruction"],
  ];
  it.each(required)("refuses a demand without %s", (_, over, code, field) => {
    const v = validateCollectionDemand(letter(over), se);
    expect(v.valid).toBe(false);
    expect(v.defects.map((x) => [x.code, x.field, x.severity])).toEqual([[code, field, "required"]]);
    expect(v.defects[0]!.reason.text.sv).not.toBe("");
    expect(v.defects[0]!.source).toContain("inkassolagen (1974:182) 5 §");
  });

  it("does not need an interest basis when no interest is claimed", () => {
    expect(validateCollectionDemand(letter({ interest: sek(0), interestBasis: null, total: sek(10_180_00) }), se).valid).toBe(true);
  });

  it("god inkassosed: says what happens if the debtor neither pays nor objects — recommended, not required", () => {
    const v = validateCollectionDemand(letter({ consequences: null }), se);
    expect(v.valid).toBe(true);
    expect(v.defects.map((x) => [x.code, x.severity])).toEqual([["consequences_missing", "recommended"]]);
  });
});
