import { describe, expect, it } from "vitest";
import { heavySalaryFrom } from "./case-state.js";
import { scheduledEvents } from "./schedule.js";
import { caseAt, day, walk } from "./test-fixtures.js";
import { transition } from "./transition.js";

/**
 * Heavy salær when the payment demand's deadline is overrun by more than 28 days
 * (inkassoforskriften § 2-3); the days the claim stood disputed after that deadline do not count
 * (inkassoloven § 17: no costs from a debtor whose objection reasonably needed assessment). The
 * normal path's demand deadline is 2025-03-26: heavy salær from 2025-04-24 without a dispute.
 */
const heavyOn = (s: Parameters<typeof scheduledEvents>[0]) => scheduledEvents(s).find((e) => e.event === "heavy-salary-due")?.on.toString();

describe("a dispute spanning the heavy-salær date moves it", () => {
  it("without a dispute: deadline + 29 (unchanged)", () => {
    expect(heavyOn(caseAt("ordinary-collection"))).toBe("2025-04-24");
  });

  it("ten days disputed after the deadline move the date ten days", () => {
    const s = walk(caseAt("ordinary-collection"), [
      ["2025-04-01", { type: "dispute", reason: "never delivered" }],
      ["2025-04-11", { type: "dispute-resolved" }],
    ]);
    expect(s.disputedDays).toBe(10);
    expect(heavyOn(s)).toBe("2025-05-04");
    const early = transition(s, { type: "heavy-salary-due" }, { today: day("2025-04-24"), balanceMinor: 1 });
    expect(early).toMatchObject({ ok: false, reason: { code: "heavy_salary_not_yet" } });
  });

  it("only the days after the deadline count: a dispute from before it counts from the day after", () => {
    const s = walk(caseAt("payment-demand"), [
      ["2025-03-20", { type: "dispute", reason: "wrong amount" }],
      ["2025-03-30", { type: "dispute-resolved" }],
    ]);
    expect(s.disputedDays).toBe(3);
    expect(heavySalaryFrom(s)?.toString()).toBe("2025-04-27");
  });

  it("a dispute before the payment demand moves nothing", () => {
    const s = walk(caseAt("collection-notice"), [
      ["2025-02-20", { type: "dispute", reason: "wrong amount" }],
      ["2025-02-25", { type: "dispute-resolved" }],
    ]);
    expect(s.disputedDays).toBeUndefined();
  });
});
