import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calendarFor } from "./calendar/business-calendar.js";
import { LocalDate } from "./calendar/local-date.js";
import { INTERRUPTION_KINDS, type Interruption, type InterruptionKind, limitationDate, limitationWarning } from "./limitation.js";
import { catchError } from "./domain-error.fixture.js";

const d = (text: string) => LocalDate.parse(text);
const act = (on: string, kind: InterruptionKind): Interruption => ({ on: d(on), kind });


describe("limitationDate without interruptions (foreldelsesloven §§ 2–3, § 29)", () => {
  it("is three years after the due date, same day-number", () => {
    const result = limitationDate({ dueDate: d("2025-01-31"), interruptions: [] });
    expect(result.date.toString()).toBe("2028-01-31"); // a Monday
    expect(result.years).toBe(3);
    expect(result.startedOn.toString()).toBe("2025-01-31");
    expect(result.interruptedBy).toBeNull();
    expect(result.ignored).toEqual([]);
    expect(result.source).toContain("foreldelsesloven");
  });

  it("runs from the moved due date and moves a last day on a Saturday", () => {
    // Due on Langfredag 2025 → 22 April (gjeldsbrevloven § 5); 22 April 2028 is a Saturday → Monday 24th.
    const result = limitationDate({ dueDate: d("2025-04-18"), interruptions: [] });
    expect(result.startedOn.toString()).toBe("2025-04-22");
    expect(result.date.toString()).toBe("2028-04-24");
  });

  it("takes the last day of February for a 29 February due date, then moves it off the Sunday", () => {
    // 2027 has no 29 February → 28 February 2027, a Sunday → Monday 1 March.
    expect(limitationDate({ dueDate: d("2024-02-29"), interruptions: [] }).date.toString()).toBe("2027-03-01");
  });

  it("moves a last day on 2. påskedag to the Tuesday", () => {
    // Thursday 21 April 2022 + 3 years = Monday 21 April 2025, 2. påskedag.
    expect(limitationDate({ dueDate: d("2022-04-21"), interruptions: [] }).date.toString()).toBe("2025-04-22");
  });
});

describe("limitationDate with interruptions", () => {
  it("starts a new three-year period from a part payment (§ 14)", () => {
    const payment = act("2024-06-10", "part-payment");
    const result = limitationDate({ dueDate: d("2022-03-15"), interruptions: [payment] });
    expect(result.date.toString()).toBe("2027-06-10");
    expect(result.startedOn.toString()).toBe("2024-06-10");
    expect(result.interruptedBy).toEqual(payment);
    expect(result.source).toContain("§ 14");
  });

  it("is not interrupted by a reminder, collection notice or payment demand", () => {
    const result = limitationDate({
      dueDate: d("2022-03-15"),
      interruptions: [act("2022-04-01", "reminder"), act("2022-05-01", "collection-notice"), act("2022-06-01", "payment-demand")],
    });
    // 15 March 2025 is a Saturday → Monday 17 March.
    expect(result.date.toString()).toBe("2025-03-17");
    expect(result.interruptedBy).toBeNull();
    expect(result.ignored.map((i) => i.kind)).toEqual(["reminder", "collection-notice", "payment-demand"]);
    expect(result.ignored[0]!.reason).toContain("does not interrupt");
    expect(result.ignored[0]!.reason).toContain("exhaustive");
  });

  it("does not revive a time-barred claim, but an act on the last day is in time", () => {
    const late = limitationDate({ dueDate: d("2020-01-10"), interruptions: [act("2023-01-11", "acknowledgement")] });
    expect(late.date.toString()).toBe("2023-01-10");
    expect(late.interruptedBy).toBeNull();
    expect(late.ignored).toEqual([{ ...act("2023-01-11", "acknowledgement"), reason: "already time-barred: the period ended 2023-01-10" }]);

    const onTheDay = limitationDate({ dueDate: d("2020-01-10"), interruptions: [act("2023-01-10", "acknowledgement")] });
    expect(onTheDay.date.toString()).toBe("2026-01-12"); // 10 January 2026 is a Saturday
  });

  it("gives ten years after a judgment (§ 21) and again after a later utlegg, moved off a Sunday", () => {
    const result = limitationDate({
      dueDate: d("2021-06-01"),
      interruptions: [act("2030-01-15", "utlegg"), act("2023-05-02", "forliksklage"), act("2023-09-15", "judgment")],
    });
    // Input order does not matter. 15 January 2040 is a Sunday → Monday 16th.
    expect(result.years).toBe(10);
    expect(result.startedOn.toString()).toBe("2030-01-15");
    expect(result.date.toString()).toBe("2040-01-16");
    expect(result.interruptedBy?.kind).toBe("utlegg");
  });

  it("stops at the judgment's ten years when nothing follows", () => {
    const result = limitationDate({ dueDate: d("2021-06-01"), interruptions: [act("2023-09-15", "judgment")] });
    expect(result.date.toString()).toBe("2033-09-15");
    expect(result.source).toContain("§ 21");
  });

  it("ignores an acknowledgement before the due date, which would only shorten the period", () => {
    const result = limitationDate({ dueDate: d("2025-01-31"), interruptions: [act("2025-01-10", "acknowledgement")] });
    expect(result.date.toString()).toBe("2028-01-31");
    expect(result.ignored[0]!.reason).toContain("does not extend");
  });

  it("never ends earlier when an interrupting act is added, and ignores non-interrupting ones", () => {
    const kinds = fc.constantFrom(...INTERRUPTION_KINDS);
    const day = fc.integer({ min: LocalDate.of(2000, 1, 1).epochDay, max: LocalDate.of(2040, 12, 31).epochDay }).map((n) => LocalDate.ofEpochDay(n));
    const acts = fc.array(fc.record({ on: day, kind: kinds }), { maxLength: 6 });
    fc.assert(
      fc.property(day, acts, fc.record({ on: day, kind: kinds }), (dueDate, interruptions, extra) => {
        const before = limitationDate({ dueDate, interruptions });
        const after = limitationDate({ dueDate, interruptions: [...interruptions, extra] });
        expect(after.date.isBefore(before.date)).toBe(false);
        expect(calendarFor("NO").isBusinessDay(after.date)).toBe(true);
        expect(after.ignored.length + (after.interruptedBy ? 1 : 0)).toBeLessThanOrEqual(interruptions.length + 1);
        if (["reminder", "collection-notice", "payment-demand"].includes(extra.kind)) {
          expect(after.date.equals(before.date)).toBe(true);
        }
      }),
    );
  });
});

describe("limitationDate input checks", () => {
  it("rejects an unknown interruption kind, naming its index", () => {
    const error = catchError(() =>
      limitationDate({ dueDate: d("2025-01-31"), interruptions: [{ on: d("2025-03-01"), kind: "letter" as InterruptionKind }] }),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.field).toBe("interruptions[0].kind");
  });

  it("rejects a jurisdiction other than Norway", () => {
    const error = catchError(() => limitationDate({ dueDate: d("2025-01-31"), interruptions: [], jurisdiction: "SE" as "NO" }));
    expect(error.code).toBe("unsupported_jurisdiction");
    expect(error.field).toBe("jurisdiction");
  });
});

describe("limitationWarning", () => {
  const expiry = d("2028-01-31");

  it("says nothing more than 90 days before", () => {
    expect(limitationWarning(expiry, d("2027-11-01"))).toBeNull();
  });

  it("gives the 90-day warning from 90 days before, then the 30-day warning", () => {
    expect(limitationWarning(expiry, d("2027-11-02"))).toEqual({ level: "warning", withinDays: 90, daysLeft: 90 });
    expect(limitationWarning(expiry, d("2027-12-31"))).toEqual({ level: "warning", withinDays: 90, daysLeft: 31 });
    expect(limitationWarning(expiry, d("2028-01-01"))).toEqual({ level: "warning", withinDays: 30, daysLeft: 30 });
    expect(limitationWarning(expiry, expiry)).toEqual({ level: "warning", withinDays: 30, daysLeft: 0 });
  });

  it("says time-barred from the day after the limitation date", () => {
    expect(limitationWarning(expiry, d("2028-02-01"))).toEqual({ level: "time-barred", daysLeft: -1 });
  });

  it("takes configured thresholds in any order and rejects negative ones", () => {
    expect(limitationWarning(expiry, d("2028-01-20"), [14, 60])).toEqual({ level: "warning", withinDays: 14, daysLeft: 11 });
    expect(limitationWarning(expiry, d("2028-01-20"), [])).toBeNull();
    expect(catchError(() => limitationWarning(expiry, d("2028-01-20"), [30, -1])).field).toBe("warnDays[1]");
  });
});
