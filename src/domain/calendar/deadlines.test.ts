import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calendarFor } from "./business-calendar.js";
import {
  type Period,
  collectionNoticeDeadline,
  paymentDemandDeadline,
  reminderDeadline,
  statutoryDeadline,
  swedishCollectionDemandDeadline,
} from "./deadlines.js";
import { LocalDate } from "./local-date.js";
import { catchError } from "../domain-error.fixture.js";

const d = (text: string) => LocalDate.parse(text);
const NO = calendarFor("NO");
const SE = calendarFor("SE");


describe("collectionNoticeDeadline (inkassoloven § 9)", () => {
  it("is 14 days after sending, on the same weekday, even on Langfredag", () => {
    const result = collectionNoticeDeadline(d("2025-04-04"));
    expect(result.deadline.toString()).toBe("2025-04-18");
    expect(result.source).toContain("inkassoloven § 9");
    expect(result.source).toContain("Ot.prp. nr. 2 (1997–98) s. 114");
  });

  it("is not moved off Boxing Day", () => {
    expect(collectionNoticeDeadline(d("2025-12-12")).deadline.toString()).toBe("2025-12-26");
  });

  it("allows a longer configured deadline", () => {
    expect(collectionNoticeDeadline(d("2025-04-04"), 21).deadline.toString()).toBe("2025-04-25");
  });

  it("always ends on the weekday it was sent with the default 14 days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 7000, max: 60000 }), (epochDay) => {
        const sent = LocalDate.ofEpochDay(epochDay);
        const deadline = collectionNoticeDeadline(sent).deadline;
        expect(deadline.dayOfWeek).toBe(sent.dayOfWeek);
        expect(sent.daysUntil(deadline)).toBe(14);
      }),
    );
  });

  it("rejects a deadline shorter than 14 days or a fraction", () => {
    const short = catchError(() => collectionNoticeDeadline(d("2025-04-04"), 13));
    expect(short.code).toBe("deadline_too_short");
    expect(short.field).toBe("days");
    expect(short.message).toContain("inkassoloven § 9");
    expect(catchError(() => collectionNoticeDeadline(d("2025-04-04"), 14.5)).code).toBe("invalid_input");
  });
});

describe("reminderDeadline (inkassoforskriften § 1-2)", () => {
  it("moves a deadline on Langfredag to the Tuesday after 2. påskedag", () => {
    const result = reminderDeadline(d("2025-04-04"));
    expect(result.deadline.toString()).toBe("2025-04-22");
    expect(result.source).toContain("inkassoforskriften § 1-2");
  });

  it("moves Saturday 17 May to Monday and keeps an ordinary Monday", () => {
    expect(reminderDeadline(d("2025-05-03")).deadline.toString()).toBe("2025-05-19");
    expect(reminderDeadline(d("2025-06-02")).deadline.toString()).toBe("2025-06-16");
  });

  it("rejects fewer than 14 days", () => {
    expect(catchError(() => reminderDeadline(d("2025-06-02"), 10)).code).toBe("deadline_too_short");
  });
});

describe("paymentDemandDeadline (inkassoloven § 10, domstolloven § 149)", () => {
  it("moves Saturday 17 May to Monday", () => {
    const result = paymentDemandDeadline(d("2025-05-03"));
    expect(result.deadline.toString()).toBe("2025-05-19");
    expect(result.source).toContain("inkassoloven § 10");
    expect(result.source).toContain("domstolloven §§ 148–149");
  });

  it("keeps 24 December and moves Christmas Day past Boxing Day and the weekend", () => {
    expect(paymentDemandDeadline(d("2025-12-10")).deadline.toString()).toBe("2025-12-24");
    expect(paymentDemandDeadline(d("2025-12-11")).deadline.toString()).toBe("2025-12-29");
  });

  it("allows a longer deadline and rejects a shorter one", () => {
    expect(paymentDemandDeadline(d("2025-03-03"), 20).deadline.toString()).toBe("2025-03-24"); // 23 March is a Sunday
    expect(catchError(() => paymentDemandDeadline(d("2025-03-03"), 13)).code).toBe("deadline_too_short");
  });
});

describe("swedishCollectionDemandDeadline (god inkassosed, lag 1930:173 § 2)", () => {
  it("is 8 days after sending on an ordinary day", () => {
    expect(swedishCollectionDemandDeadline(d("2025-03-03")).deadline.toString()).toBe("2025-03-11");
  });

  it("moves off julafton, Christmas and the weekend", () => {
    const result = swedishCollectionDemandDeadline(d("2025-12-16"));
    expect(result.deadline.toString()).toBe("2025-12-29");
    expect(result.source).toContain("1930:173");
  });

  it("moves off midsommarafton to Monday", () => {
    expect(swedishCollectionDemandDeadline(d("2025-06-12")).deadline.toString()).toBe("2025-06-23");
  });

  it("rejects fewer than 8 days", () => {
    const error = catchError(() => swedishCollectionDemandDeadline(d("2025-03-03"), 7));
    expect(error.code).toBe("deadline_too_short");
    expect(error.field).toBe("days");
  });
});

describe("statutoryDeadline (domstolloven §§ 148–149)", () => {
  it.each<[string, Period, string]>([
    ["2025-01-31", { months: 1 }, "2025-02-28"], // no 31 February: the month's last day
    ["2024-01-31", { months: 1 }, "2024-02-29"],
    ["2025-03-31", { months: 1 }, "2025-04-30"],
    ["2024-02-29", { years: 1 }, "2025-02-28"],
    ["2025-03-17", { months: 2 }, "2025-05-19"], // 17 May 2025 is a Saturday and a holiday
    ["2025-04-04", { days: 14 }, "2025-04-22"],
    ["2024-12-31", { years: 1 }, "2025-12-31"], // nyårsafton is a Norwegian virkedag
  ])("NO: %s + %o → %s", (start, period, expected) => {
    expect(statutoryDeadline(d(start), period, NO).deadline.toString()).toBe(expected);
  });

  it("SE: nyårsafton and nyårsdagen move a year's deadline to 2 January", () => {
    const result = statutoryDeadline(d("2024-12-31"), { years: 1 }, SE);
    expect(result.deadline.toString()).toBe("2026-01-02");
    expect(result.source).toContain("1930:173");
  });

  it("always ends on a business day of the calendar", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(NO, SE, calendarFor("FI")),
        fc.integer({ min: 7000, max: 60000 }),
        fc.oneof(
          fc.integer({ min: 0, max: 400 }).map((days): Period => ({ days })),
          fc.integer({ min: 0, max: 60 }).map((months): Period => ({ months })),
        ),
        (calendar, epochDay, period) => {
          const start = LocalDate.ofEpochDay(epochDay);
          const { deadline } = statutoryDeadline(start, period, calendar);
          expect(calendar.isBusinessDay(deadline)).toBe(true);
          expect(deadline.isBefore(start)).toBe(false);
        },
      ),
    );
  });

  it("rejects a period with no unit, two units or a negative length", () => {
    expect(catchError(() => statutoryDeadline(d("2025-01-01"), {} as Period, NO)).field).toBe("period");
    expect(catchError(() => statutoryDeadline(d("2025-01-01"), { days: 1, months: 1 } as Period, NO)).field).toBe("period");
    const negative = catchError(() => statutoryDeadline(d("2025-01-01"), { days: -1 }, NO));
    expect(negative.code).toBe("invalid_input");
    expect(negative.field).toBe("period.days");
  });
});
