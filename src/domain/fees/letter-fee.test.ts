import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import type { FeeLetter } from "../jurisdictions/no/no-rule-set.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { formatDecimal } from "../money.js";
import { chargeableLetterFee, type PreviousLetter } from "./letter-fee.js";
import { catchError } from "../domain-error.fixture.js";

const rules = rulesFor("NO");
const d = (text: string) => LocalDate.parse(text);

function fee(letter: FeeLetter, due: string, sent: string, previousLetters: PreviousLetter[] = []) {
  return chargeableLetterFee({ letter, sentOn: d(sent), claimDueDate: d(due), previousLetters, rules });
}

/** A letter sent `sent` with a deadline `days` later. */
function sentWith(letter: FeeLetter, sent: string, days: number, feeCharged = true): PreviousLetter {
  return { letter, sentOn: d(sent), deadline: d(sent).plusDays(days), feeCharged };
}


describe("chargeableLetterFee: the amounts of inkassoforskriften §§ 1-1–1-3 (docs/RULES.md § 5)", () => {
  // [claim due, reminder sent, purring/inkassovarsel fee, creditor's betalingsoppfordring fee, confidence]
  const table: [string, string, string, string, string][] = [
    ["2015-03-01", "2015-04-01", "65.00", "195.00", "secondary"],
    ["2016-03-01", "2016-04-01", "67.00", "201.00", "secondary"],
    ["2017-03-01", "2017-04-01", "70.00", "210.00", "primary"],
    ["2020-09-30", "2020-11-02", "70.00", "210.00", "primary"], // old regime: due on or before 30.09.2020
    ["2020-10-01", "2020-11-02", "35.00", "105.00", "primary"], // new regime: due on or after 01.10.2020
    ["2025-05-01", "2025-06-01", "35.00", "105.00", "primary"],
    ["2025-12-01", "2026-01-15", "37.50", "112.50", "uncertain"], // inkassosats 750 (2026) UNCERTAIN
  ];
  it.each(table)("claim due %s, reminder sent %s: %s and %s", (due, sent, reminderFee, demandFee, confidence) => {
    const reminder = fee("reminder", due, sent);
    expect(reminder.allowed).toBe(true);
    expect(formatDecimal(reminder.amount)).toBe(reminderFee);
    expect(reminder.confidence).toBe(confidence);
    expect(formatDecimal(fee("collection-notice", due, sent).amount)).toBe(reminderFee);

    // The creditor's own betalingsoppfordring, after the debtor missed the reminder's 14-day deadline.
    const demandSent = d(sent).plusDays(15).toString();
    const demand = fee("payment-demand-by-creditor", due, demandSent, [sentWith("reminder", sent, 14)]);
    expect(demand.allowed).toBe(true);
    expect(formatDecimal(demand.amount)).toBe(demandFee);
  });

  it("charges a collection notice sent 2025-06-01 for a claim due 2025-05-01 35.00 NOK, with its source", () => {
    const result = fee("collection-notice", "2025-05-01", "2025-06-01");
    expect(result).toMatchObject({ allowed: true, amount: { amount: 35_00, currency: "NOK" }, reason: { code: "fee_allowed" } });
    expect(result.source).toContain("inkassoforskriften");
    expect(result.rule).toContain("1/20");
  });

  it("takes the fraction by the due date and the inkassosats by the sending date: due 2020-09-01, sent 2021-01-10 → 70.00", () => {
    const result = fee("collection-notice", "2020-09-01", "2021-01-10");
    expect(result.amount.amount).toBe(70_00);
    expect(result.rule).toContain("1/10");
  });

  it("marks a 2026 fee uncertain and says why", () => {
    expect(fee("reminder", "2025-12-01", "2026-01-15").note).toMatch(/one secondary source/i);
  });
});

describe("chargeableLetterFee: the 14-day rule", () => {
  it("refuses a letter sent 10 days after due, with a reason in Norwegian and English", () => {
    const result = fee("reminder", "2025-05-01", "2025-05-11");
    expect(result.allowed).toBe(false);
    expect(result.amount).toEqual({ amount: 0, currency: "NOK" });
    expect(result.reason.code).toBe("sent_too_soon_after_due");
    expect(result.reason.text.nb).toContain("10 dager etter forfall");
    expect(result.reason.text.en).toContain("10 days after the due date");
  });

  it("refuses it on day 13 after due and allows it on day 14", () => {
    expect(fee("reminder", "2025-05-01", "2025-05-14").allowed).toBe(false);
    expect(fee("reminder", "2025-05-01", "2025-05-15").allowed).toBe(true);
  });
});

describe("chargeableLetterFee: how many fees (inkassoforskriften § 1-2)", () => {
  const due = "2025-01-10";

  it("allows 2 purringer + 1 betalingsoppfordring, then no more", () => {
    const first = sentWith("reminder", "2025-01-24", 14);
    const second = sentWith("reminder", "2025-02-10", 14);
    expect(fee("reminder", due, "2025-02-10", [first]).allowed).toBe(true);
    expect(fee("payment-demand-by-creditor", due, "2025-03-01", [first, second]).allowed).toBe(true);
    const third = fee("reminder", due, "2025-03-01", [first, second]);
    expect(third.reason.code).toBe("fee_limit_reached");
    expect(third.amount.amount).toBe(0);
  });

  it("allows 1 purring + 1 inkassovarsel, but then no 2nd purring", () => {
    const purring = sentWith("reminder", "2025-01-24", 14);
    const varsel = sentWith("collection-notice", "2025-02-10", 14);
    expect(fee("collection-notice", due, "2025-02-10", [purring]).allowed).toBe(true);
    expect(fee("reminder", due, "2025-03-01", [purring, varsel]).reason.code).toBe("fee_limit_reached");
    expect(fee("payment-demand-by-creditor", due, "2025-03-01", [purring, varsel]).allowed).toBe(true);
  });

  it("never allows two inkassovarsel fees", () => {
    expect(fee("collection-notice", due, "2025-03-01", [sentWith("collection-notice", "2025-01-24", 14)]).reason.code).toBe("fee_limit_reached");
  });

  it("does not count letters sent without a fee", () => {
    const early = sentWith("reminder", "2025-01-15", 14, false);
    const first = sentWith("reminder", "2025-01-30", 14);
    expect(fee("reminder", due, "2025-02-14", [early, first]).allowed).toBe(true);
  });

  it("allows the 2nd fee only after a missed deadline of at least 14 days in the first fee letter", () => {
    const shortDeadline = sentWith("reminder", "2025-01-24", 10);
    expect(fee("collection-notice", due, "2025-02-20", [shortDeadline]).reason.code).toBe("no_missed_deadline");
    const noDeadline: PreviousLetter = { letter: "reminder", sentOn: d("2025-01-24"), feeCharged: true };
    expect(fee("collection-notice", due, "2025-02-20", [noDeadline]).reason.code).toBe("no_missed_deadline");

    const first = sentWith("reminder", "2025-01-24", 14); // deadline 2025-02-07
    const onDeadline = fee("collection-notice", due, "2025-02-07", [first]);
    expect(onDeadline.reason.code).toBe("no_missed_deadline");
    expect(onDeadline.reason.text.nb).toContain("2025-01-24");
    expect(fee("collection-notice", due, "2025-02-08", [first]).allowed).toBe(true);
  });

  it("allows the creditor's betalingsoppfordring fee only after a missed 14-day deadline in a purring or inkassovarsel", () => {
    expect(fee("payment-demand-by-creditor", due, "2025-03-01").reason.code).toBe("no_missed_deadline");
    expect(fee("payment-demand-by-creditor", due, "2025-03-01", [sentWith("reminder", "2025-01-24", 7)]).reason.code).toBe("no_missed_deadline");
    // The notice need not have carried a fee itself.
    expect(fee("payment-demand-by-creditor", due, "2025-03-01", [sentWith("collection-notice", "2025-01-20", 14, false)]).allowed).toBe(true);
  });
});

describe("chargeableLetterFee: bad input", () => {
  it("refuses a letter sent before the due date, naming sentOn", () => {
    const e = catchError(() => fee("reminder", "2025-05-01", "2025-04-30"));
    expect([e.code, e.field]).toEqual(["invalid_input", "sentOn"]);
  });

  it("refuses a previous letter sent after this one, naming it", () => {
    const e = catchError(() => fee("reminder", "2025-05-01", "2025-06-01", [sentWith("reminder", "2025-05-20", 14), sentWith("reminder", "2025-06-02", 14)]));
    expect(e.field).toBe("previousLetters[1].sentOn");
  });

  it("refuses a deadline before its letter", () => {
    const e = catchError(() => fee("reminder", "2025-05-01", "2025-06-01", [sentWith("reminder", "2025-05-20", -1)]));
    expect(e.field).toBe("previousLetters[0].deadline");
  });

  it("refuses a claim due before the rule tables start", () => {
    // The 1/10 regime now reaches back to claims due from 2010-01-01 (issue 12 item 6: claims due
    // 2010-01-01 – 2020-09-30 must be covered), so the refused claim is one due in 2009.
    const e = catchError(() => fee("reminder", "2009-12-01", "2015-01-15"));
    expect([e.code, e.field]).toEqual(["date_outside_rule_table", "claimDueDate"]);
  });
});

describe("chargeableLetterFee: sources people can read", () => {
  it("returns a citation in nb and en beside the source (inkassoforskriften §§ 1-2, 1-3)", () => {
    const decision = fee("collection-notice", "2025-05-01", "2025-06-01");
    expect(decision.citation?.nb).toContain("inkassoforskriften §§ 1-2, 1-3");
    expect(decision.citation?.en).toContain("Debt Collection Regulations §§ 1-2, 1-3");
    expect(decision.source).toContain("juridika.no");
  });

  it("inkassoforskriften § 1-2 (before 2020-10-01): a claim due 2012 gets 1/10 of the sats of the sending day", () => {
    expect(formatDecimal(fee("reminder", "2012-06-01", "2016-02-01").amount)).toBe("67.00");
  });
});
