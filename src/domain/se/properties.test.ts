import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarFor } from "../calendar/business-calendar.js";
import { LocalDate } from "../calendar/local-date.js";
import { swedishInterestStart } from "./late-interest.js";
import { SWEDISH_INTERRUPTION_KINDS, swedishLimitation } from "./limitation.js";

/** Laws that hold for every input, checked over random dates 2000–2030. */
const day = fc.integer({ min: LocalDate.parse("2000-01-01").epochDay, max: LocalDate.parse("2030-12-31").epochDay }).map(LocalDate.ofEpochDay);

describe("preskriptionslagen (1981:130) for all inputs", () => {
  it("2 §, 5–6 §§: never before N years from tillkomst or from the last effective interruption, never shortened by an interruption, always a vardag", () => {
    fc.assert(
      fc.property(day, fc.boolean(), fc.array(fc.record({ offset: fc.integer({ min: 0, max: 5000 }), kind: fc.constantFrom(...SWEDISH_INTERRUPTION_KINDS) }), { maxLength: 5 }), (aroseOn, consumerClaim, xs) => {
        const interruptions = xs.map((x) => ({ on: aroseOn.plusDays(x.offset), kind: x.kind }));
        const years = consumerClaim ? 3 : 10;
        const r = swedishLimitation({ aroseOn, consumerClaim, interruptions });
        const without = swedishLimitation({ aroseOn, consumerClaim, interruptions: [] });
        expect(r.years).toBe(years);
        expect(r.date.isBefore(without.date)).toBe(false);
        expect(r.date.isBefore(r.startedOn.plusYears(years))).toBe(false);
        expect(calendarFor("SE").isBusinessDay(r.date)).toBe(true);
        // Every interruption either started the running period or is listed as ignored with a reason.
        expect(r.ignored.length + (r.interruptedBy ? 1 : 0)).toBeLessThanOrEqual(interruptions.length);
        for (const x of r.ignored) expect(x.reason).not.toBe("");
      }),
      { numRuns: 500 },
    );
  });
});

describe("räntelagen (1975:635) 3–4 §§ for all inputs", () => {
  it("4 §: without an agreed due date, interest starts no earlier than 30 days and one month after the demand — or, if sooner, on service of the betalningsföreläggande", () => {
    fc.assert(
      fc.property(day, fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }), (sent, servedAfter) => {
        const served = servedAfter === null ? null : sent.plusDays(servedAfter);
        const byDemand = swedishInterestStart({ dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: sent }).date;
        expect(byDemand.isBefore(sent.plusDays(30))).toBe(false);
        expect(byDemand.isBefore(sent.plusMonths(1))).toBe(false);
        const s = swedishInterestStart({ dueDateAgreedInAdvance: false, demandWithInterestNoticeSentOn: sent, paymentOrderServedOn: served });
        expect(s.date).toEqual(served && served.isBefore(byDemand) ? served : byDemand);
      }),
      { numRuns: 500 },
    );
  });

  it("3 §: an agreed due date starts interest on that date or the next bank day, never earlier", () => {
    fc.assert(
      fc.property(day, (due) => {
        const s = swedishInterestStart({ dueDate: due, dueDateAgreedInAdvance: true });
        expect(s.date.isBefore(due)).toBe(false);
        // The longest run of days that are not bank days in Sweden is five: julafton on a Wednesday
        // (24, 25, 26 December, then the weekend) moves a due date of the 24th to Monday the 29th.
        expect(due.daysUntil(s.date)).toBeLessThanOrEqual(5);
        expect(calendarFor("SE").isBusinessDay(s.date)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("3 §: an agreed due date on julafton, a Wednesday (2014-12-24), starts interest on Monday 2014-12-29", () => {
    const s = swedishInterestStart({ dueDate: LocalDate.parse("2014-12-24"), dueDateAgreedInAdvance: true });
    expect(s.date.toString()).toBe("2014-12-29");
  });
});
