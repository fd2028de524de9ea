import { describe, expect, it } from "vitest";
import { scheduledEvents } from "./schedule.js";
import { caseAt, day, walk } from "./test-fixtures.js";
import { transition, type TransitionResult } from "./transition.js";
import type { CaseState } from "./case-state.js";

/**
 * inkassoloven § 11: legal collection must be started within six months after the payment demand
 * (betalingsoppfordring) was sent; otherwise a new payment demand must be sent first, and its
 * deadline must have run out before the legal step. The normal path's demand is sent 2025-03-12
 * (test-fixtures.ts), so the last day a legal step goes straight on is 2025-09-12.
 */
const ok = (r: TransitionResult): { state: CaseState; effects: string[] } => {
  if (!r.ok) throw new Error(`refused: ${r.reason.code}`);
  return { state: r.state, effects: r.effects.map((e) => e.kind + ("letter" in e ? `:${e.letter}` : "what" in e ? `:${e.what}` : "interruption" in e ? `:${e.interruption}` : "")) };
};
const at = (on: string, balanceMinor = 1_000_00) => ({ today: day(on), balanceMinor });

describe("inkassoloven § 11: six months since the payment demand", () => {
  it("takes the legal step at once within six months of the payment demand (2025-09-12 is the last such day)", () => {
    const r = ok(transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg" }, at("2025-09-12")));
    expect(r.state.stage).toBe("legal");
    expect(r.state.lastLegalStep).toBe("utlegg");
    expect(r.effects).toEqual(["charge:legal-costs", "record-limitation-interruption:utlegg"]);
  });

  it("sends a new payment demand instead when more than six months have passed, and charges nothing yet", () => {
    const r = ok(transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg", deadline: day("2025-09-29") }, at("2025-09-13")));
    expect(r.state.stage).toBe("ordinary-collection");
    expect(r.effects).toEqual(["send-letter:payment-demand"]);
    expect(r.state).toMatchObject({ renewedDemandSentOn: day("2025-09-13"), renewedDemandDeadline: day("2025-09-29"), pendingLegalStep: "utlegg", legalOn: null });
    // The first demand's dates stay: heavy salær and surveillance still count from them.
    expect(r.state.demandSentOn).toEqual(day("2025-03-12"));
    const raw = transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg", deadline: day("2025-09-29") }, at("2025-09-13"));
    expect(raw.ok && raw.effects[0]).toEqual({ kind: "send-letter", letter: "payment-demand", deadline: day("2025-09-29") });
  });

  it("refuses a renewed demand whose deadline is shorter than 14 days (inkassoloven § 10)", () => {
    const r = transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg", deadline: day("2025-09-20") }, at("2025-09-13"));
    expect(r.ok ? "taken" : r.reason.code).toBe("deadline_too_short");
  });

  it("schedules the waiting step for the day after the renewed deadline and takes it then, not before", () => {
    const renewed = ok(transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg" }, at("2025-10-01"))).state;
    expect(renewed.renewedDemandDeadline).toEqual(day("2025-10-15"));
    expect(scheduledEvents(renewed).map((e) => `${e.event} ${e.on}`)).toContain("take-pending-legal-step 2025-10-16");

    const early = transition(renewed, { type: "take-pending-legal-step" }, at("2025-10-15"));
    expect(early.ok ? "taken" : early.reason.code).toBe("renewed_demand_deadline_running");
    const again = transition(renewed, { type: "legal-step-recorded", step: "forliksklage" }, at("2025-10-10"));
    expect(again.ok ? "taken" : again.reason.code).toBe("renewed_demand_deadline_running");

    const taken = ok(transition(renewed, { type: "take-pending-legal-step" }, at("2025-10-16")));
    expect(taken.state).toMatchObject({ stage: "legal", lastLegalStep: "utlegg", legalOn: day("2025-10-16"), pendingLegalStep: null });
    expect(taken.effects).toEqual(["charge:legal-costs", "record-limitation-interruption:utlegg"]);
    expect(scheduledEvents(taken.state).map((e) => e.event)).not.toContain("take-pending-legal-step");
  });

  it("counts the next six months from the renewed demand: a later step within them goes straight on", () => {
    const renewed = ok(transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "forliksklage" }, at("2025-10-01"))).state;
    const taken = ok(transition(renewed, { type: "take-pending-legal-step" }, at("2025-10-16"))).state;
    const next = ok(transition(taken, { type: "legal-step-recorded", step: "utlegg" }, at("2026-03-31")));
    expect(next.effects).toEqual(["charge:legal-costs", "record-limitation-interruption:utlegg"]);
    const late = ok(transition(taken, { type: "legal-step-recorded", step: "utlegg" }, at("2026-04-02")));
    expect(late.effects).toEqual(["send-letter:payment-demand"]);
  });

  it("surveillance followed by legal steps (the common path) renews the demand first", () => {
    const watched = caseAt("surveillance");
    expect(watched.surveillanceOn).toEqual(day("2026-03-12"));
    const renewed = ok(transition(watched, { type: "legal-step-recorded", step: "utlegg" }, at("2026-05-04")));
    expect(renewed.state.stage).toBe("surveillance");
    expect(renewed.effects).toEqual(["send-letter:payment-demand"]);
    const taken = walk(renewed.state, [["2026-05-19", { type: "take-pending-legal-step" }]]);
    expect(taken).toMatchObject({ stage: "legal", lastLegalStep: "utlegg" });
  });

  it("a paused case does not take the waiting step (nothing moves on hold)", () => {
    const renewed = ok(transition(caseAt("ordinary-collection"), { type: "legal-step-recorded", step: "utlegg" }, at("2025-10-01"))).state;
    const paused = walk(renewed, [["2025-10-02", { type: "pause", reason: "the debtor asked for time" }]]);
    expect(scheduledEvents(paused).map((e) => e.event)).not.toContain("take-pending-legal-step");
    const r = transition(paused, { type: "take-pending-legal-step" }, at("2025-10-20"));
    expect(r.ok ? "taken" : r.reason.code).toBe("case_paused");
  });
});
