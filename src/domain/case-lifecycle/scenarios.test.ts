import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import type { CaseState } from "./case-state.js";
import type { CaseEvent } from "./events.js";
import type { TransitionContext } from "./guards.js";
import { scheduledEvents } from "./schedule.js";
import { aCase, caseAt, day, walk } from "./test-fixtures.js";
import { type TransitionResult, transition } from "./transition.js";

function at(state: CaseState, on: string, event: CaseEvent, ctx: Partial<TransitionContext> = {}): TransitionResult {
  return transition(state, event, { today: day(on), balanceMinor: 1_000_00, ...ctx });
}

function ok(r: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${r.reason.code} (${r.reason.text.en})`);
  return r;
}

function refusedWith(r: TransitionResult): string {
  if (r.ok) throw new Error(`expected a refusal, got stage ${r.state.stage}`);
  return r.reason.code;
}

const kinds = (r: TransitionResult) => (r.ok ? r.effects.map((e) => e.kind) : []);

describe("the normal Norwegian path (DOMAIN.md § 6)", () => {
  it("notice → stop window → payment demand → legal approval → legal → surveillance", () => {
    const opened = aCase().dueOn("2025-01-31").openedOn("2025-02-03").build();

    // Collection notice no earlier than 14 days after due, with at least 14 days.
    const early = at(opened, "2025-02-13", { type: "send-collection-notice" });
    expect(refusedWith(early)).toBe("too_early_for_notice");
    expect(early.ok ? "" : early.reason.text.en).toBe("The collection notice may be sent from 2025-02-14, 14 days after due");
    expect(refusedWith(at(opened, "2025-02-14", { type: "send-collection-notice", deadline: day("2025-02-27") }))).toBe("deadline_too_short");
    const notice = ok(at(opened, "2025-02-14", { type: "send-collection-notice" }));
    expect(notice.state.stage).toBe("collection-notice");
    expect(notice.effects).toEqual([
      { kind: "send-letter", letter: "collection-notice", deadline: day("2025-02-28") },
      { kind: "charge", what: "notice-fee" },
    ]);

    // The deadline is not extended; the stop list goes out the first Tuesday after it.
    expect(refusedWith(at(notice.state, "2025-02-28", { type: "notice-deadline-passed" }))).toBe("notice_deadline_running");
    const stop = ok(at(notice.state, "2025-03-01", { type: "notice-deadline-passed" }));
    expect(stop.state.stage).toBe("stop-window");
    expect(stop.effects).toEqual([{ kind: "notify-creditor", topic: "stop-list", on: day("2025-03-04") }]);
    expect(stop.state.stopWindowEndsOn?.toString()).toBe("2025-03-11");

    // The payment demand after the stop window, with light salary.
    expect(refusedWith(at(stop.state, "2025-03-11", { type: "send-payment-demand" }))).toBe("stop_window_open");
    const demand = ok(at(stop.state, "2025-03-12", { type: "send-payment-demand" }));
    expect(demand.state.stage).toBe("payment-demand");
    expect(demand.effects).toEqual([
      { kind: "send-letter", letter: "payment-demand", deadline: day("2025-03-26") },
      { kind: "charge", what: "light-salary" },
    ]);

    // Deadline passed → the creditor is asked to approve legal steps (gate on by default).
    expect(refusedWith(at(demand.state, "2025-03-26", { type: "payment-demand-deadline-passed" }))).toBe("payment_demand_deadline_running");
    const approval = ok(at(demand.state, "2025-03-27", { type: "payment-demand-deadline-passed" }));
    expect(approval.state.stage).toBe("awaiting-legal-approval");
    expect(approval.effects).toEqual([{ kind: "request-approval", gate: "legal" }]);
    expect(refusedWith(at(approval.state, "2025-03-28", { type: "legal-step-recorded", step: "forliksklage" }))).toBe("legal_approval_required");

    // Heavy salary when the deadline is overrun by more than 28 days: from 2025-04-24.
    expect(refusedWith(at(approval.state, "2025-04-23", { type: "heavy-salary-due" }))).toBe("heavy_salary_not_yet");
    const heavy = ok(at(approval.state, "2025-04-24", { type: "heavy-salary-due" }));
    expect(heavy.effects).toEqual([{ kind: "charge", what: "heavy-salary" }]);
    expect(heavy.state.heavySalaryOn?.toString()).toBe("2025-04-24");
    expect(refusedWith(at(heavy.state, "2025-05-01", { type: "heavy-salary-due" }))).toBe("heavy_salary_already_charged");

    const approved = ok(at(heavy.state, "2025-04-25", { type: "approve-legal" }));
    expect(approved.state.stage).toBe("ordinary-collection");
    const legal = ok(at(approved.state, "2025-05-02", { type: "legal-step-recorded", step: "utlegg" }));
    expect(legal.state.stage).toBe("legal");
    expect(legal.effects).toEqual([
      { kind: "charge", what: "legal-costs" },
      { kind: "record-limitation-interruption", interruption: "utlegg" },
    ]);

    // A consumer's payment remark one month after the legal step (2 May → 2 June), which is later than 30 days (1 June).
    expect(refusedWith(at(legal.state, "2025-06-01", { type: "register-payment-remark" }))).toBe("remark_too_early");
    const remark = ok(at(legal.state, "2025-06-02", { type: "register-payment-remark" }));
    expect(remark.effects).toEqual([{ kind: "register-payment-remark" }]);

    // Surveillance after 12 months counted from the payment demand.
    expect(refusedWith(at(remark.state, "2026-03-11", { type: "move-to-surveillance" }))).toBe("surveillance_too_early");
    const surveillance = ok(at(remark.state, "2026-03-12", { type: "move-to-surveillance" }));
    expect(surveillance.state.stage).toBe("surveillance");
    expect(surveillance.effects).toEqual([{ kind: "start-surveillance" }]);
  });

  it("asks for approval before the payment demand when that gate is on", () => {
    const gates = { approveBeforePaymentDemand: true, approveBeforeLegal: true };
    const waiting = ok(at(caseAt("stop-window"), "2025-03-12", { type: "send-payment-demand" }, { gates }));
    expect(waiting.state.stage).toBe("awaiting-payment-demand-approval");
    expect(waiting.effects).toEqual([{ kind: "request-approval", gate: "payment-demand" }]);
    expect(refusedWith(at(waiting.state, "2025-03-13", { type: "approve-payment-demand", deadline: day("2025-03-20") }, { gates }))).toBe("deadline_too_short");
    const sent = ok(at(waiting.state, "2025-03-13", { type: "approve-payment-demand" }, { gates }));
    expect(sent.state.stage).toBe("payment-demand");
    expect(sent.state.paymentDemandApprovedOn?.toString()).toBe("2025-03-13");
    expect(kinds(sent)).toEqual(["send-letter", "charge"]);
  });

  it("goes straight to ordinary collection and legal steps when the legal gate is off", () => {
    const gates = { approveBeforePaymentDemand: false, approveBeforeLegal: false };
    const passed = ok(at(caseAt("payment-demand"), "2025-03-27", { type: "payment-demand-deadline-passed" }, { gates }));
    expect(passed.state.stage).toBe("ordinary-collection");
    expect(passed.effects).toEqual([]);
    expect(ok(at(passed.state, "2025-04-01", { type: "legal-step-recorded", step: "forliksklage" }, { gates })).state.stage).toBe("legal");
  });

  it("starts with a reminder when the creditor wants one, then the notice after its deadline", () => {
    const opened = aCase().build();
    expect(refusedWith(at(aCase().openedOn("2025-02-03").build(), "2025-01-31", { type: "send-reminder" }))).toBe("not_overdue");
    const reminder = ok(at(opened, "2025-02-14", { type: "send-reminder" }));
    expect(reminder.effects[0]).toEqual({ kind: "send-letter", letter: "reminder", deadline: day("2025-02-28") });
    expect(refusedWith(at(reminder.state, "2025-02-28", { type: "send-collection-notice" }))).toBe("reminder_deadline_running");
    expect(ok(at(reminder.state, "2025-03-01", { type: "send-collection-notice" })).state.stage).toBe("collection-notice");
  });

  it("takes a notice the ledger already sent: payment demand after its deadline, no stop window", () => {
    const opened = aCase().withLedgerNotice("2025-02-14", "2025-02-28").openedOn("2025-03-01").build();
    expect(refusedWith(at(opened, "2025-02-28", { type: "send-payment-demand" }))).toBe("notice_deadline_running");
    const demand = ok(at(opened, "2025-03-01", { type: "send-payment-demand" }));
    expect(demand.state.stage).toBe("payment-demand");
    expect(kinds(demand)).toEqual(["send-letter", "charge"]);
  });
});

describe("holds", () => {
  it("a pause with an end date stops progression and resumes on that date", () => {
    const demand = caseAt("payment-demand");
    expect(refusedWith(at(demand, "2025-03-13", { type: "pause", reason: " " }))).toBe("reason_required");
    expect(refusedWith(at(demand, "2025-03-13", { type: "pause", reason: "instalment talks", until: day("2025-03-13") }))).toBe("pause_end_not_after_today");
    const paused = ok(at(demand, "2025-03-13", { type: "pause", reason: "instalment talks", until: day("2025-04-10") }));
    expect(paused.state.stage).toBe("payment-demand");
    expect(paused.state.hold).toEqual({ kind: "paused", reason: "instalment talks", since: day("2025-03-13"), until: day("2025-04-10") });
    expect(scheduledEvents(paused.state)).toEqual([{ event: "resume", on: day("2025-04-10") }]);
    expect(refusedWith(at(paused.state, "2025-03-27", { type: "payment-demand-deadline-passed" }))).toBe("case_paused");

    const resumed = ok(at(paused.state, "2025-04-10", { type: "resume" }));
    expect(resumed.state.hold).toBeNull();
    expect(scheduledEvents(resumed.state)[0]).toEqual({ event: "payment-demand-deadline-passed", on: day("2025-03-27") });
    expect(ok(at(resumed.state, "2025-04-10", { type: "payment-demand-deadline-passed" })).state.stage).toBe("awaiting-legal-approval");
  });

  it("a dispute stops costs and progression until it is resolved, and replaces a pause", () => {
    const paused = ok(at(caseAt("payment-demand"), "2025-03-13", { type: "pause", reason: "holiday" })).state;
    const disputed = ok(at(paused, "2025-03-14", { type: "dispute", reason: "never delivered" }));
    expect(disputed.effects).toEqual([{ kind: "stop-costs" }, { kind: "notify-creditor", topic: "dispute", on: day("2025-03-14") }]);
    expect(disputed.state.hold?.kind).toBe("disputed");
    expect(scheduledEvents(disputed.state)).toEqual([]);

    const s = disputed.state;
    expect(refusedWith(at(s, "2025-05-01", { type: "heavy-salary-due" }))).toBe("case_disputed");
    expect(refusedWith(at(s, "2025-05-01", { type: "payment-demand-deadline-passed" }))).toBe("case_disputed");
    expect(refusedWith(at(s, "2025-05-01", { type: "pause", reason: "x" }))).toBe("case_disputed");
    expect(refusedWith(at(s, "2025-05-01", { type: "dispute", reason: "again" }))).toBe("already_disputed");
    expect(refusedWith(at(s, "2025-05-01", { type: "resume" }))).toBe("not_paused");
    expect(ok(at(s, "2025-05-01", { type: "payment-received" }, { balanceMinor: 400_00 })).state.hold?.kind).toBe("disputed");

    const resolved = ok(at(s, "2025-05-02", { type: "dispute-resolved" }));
    expect(resolved.effects).toEqual([{ kind: "resume-costs" }]);
    expect(resolved.state.hold).toBeNull();
    // Changed (issue 12, item 3): inkassoforskriften § 2-3 with inkassoloven § 17 — the 36 days the
    // claim stood disputed after the demand's deadline (2025-03-27 … 2025-05-01) do not count toward
    // the 28 days, so heavy salær is not due on resolution but from 2025-04-24 + 36 = 2025-05-30.
    expect(refusedWith(at(resolved.state, "2025-05-02", { type: "heavy-salary-due" }))).toBe("heavy_salary_not_yet");
    expect(ok(at(resolved.state, "2025-05-30", { type: "heavy-salary-due" })).effects).toEqual([{ kind: "charge", what: "heavy-salary" }]);
  });
});

describe("withdrawal (Amili: free within 10 days of the collection notice)", () => {
  const notice = () => caseAt("collection-notice"); // notice sent 2025-02-14

  it("is free up to and including day 10", () => {
    const r = ok(at(notice(), "2025-02-24", { type: "withdraw" }));
    expect(r.state.stage).toBe("closed");
    expect(r.state.closeReason).toBe("withdrawn");
    expect(r.effects).toEqual([{ kind: "stop-costs" }]);
  });

  it("invoices the incurred fees and interest to the creditor after that", () => {
    const r = ok(at(notice(), "2025-02-25", { type: "withdraw" }));
    expect(r.effects).toEqual([{ kind: "stop-costs" }, { kind: "invoice-creditor", what: "incurred-fees-and-interest" }]);
  });

  it("follows the creditor's setting for the free period, and is free before any letter", () => {
    expect(kinds(at(notice(), "2025-02-20", { type: "withdraw" }, { freeWithdrawalDays: 5 }))).toContain("invoice-creditor");
    expect(ok(at(caseAt("opened"), "2025-06-01", { type: "withdraw" })).effects).toEqual([{ kind: "stop-costs" }]);
  });
});

describe("payments and closing", () => {
  it("a part payment keeps the case; one that leaves nothing closes it as paid", () => {
    const demand = caseAt("payment-demand");
    const part = ok(at(demand, "2025-03-15", { type: "payment-received" }, { balanceMinor: 250_00 }));
    expect(part.state.stage).toBe("payment-demand");
    expect(part.effects).toEqual([]);
    const rest = ok(at(part.state, "2025-03-20", { type: "payment-received" }, { balanceMinor: 0 }));
    expect(rest.state).toMatchObject({ stage: "closed", closeReason: "paid", closedFromStage: "payment-demand" });
    expect(rest.state.closedOn?.toString()).toBe("2025-03-20");
  });

  it("paid in full needs a zero balance", () => {
    expect(refusedWith(at(caseAt("payment-demand"), "2025-03-20", { type: "paid-in-full" }, { balanceMinor: 1 }))).toBe("balance_not_zero");
  });

  it("deletes a business debtor's payment remark when paid", () => {
    const demand = walk(aCase().business().build(), [
      ["2025-02-14", { type: "send-collection-notice" }],
      ["2025-03-01", { type: "notice-deadline-passed" }],
      ["2025-03-12", { type: "send-payment-demand" }],
    ]);
    // One month after the payment demand (12 March → 12 April), later than its 30 days (11 April).
    expect(refusedWith(at(demand, "2025-04-11", { type: "register-payment-remark" }))).toBe("remark_too_early");
    const remark = ok(at(demand, "2025-04-12", { type: "register-payment-remark" }));
    const paid = ok(at(remark.state, "2025-04-20", { type: "paid-in-full" }, { balanceMinor: 0 }));
    expect(paid.effects).toEqual([{ kind: "stop-costs" }, { kind: "delete-payment-remark" }]);
  });

  it("closed is terminal except for reopening a paid or credited case after a reversal", () => {
    const closed = caseAt("closed");
    expect(refusedWith(at(closed, "2025-04-01", { type: "send-payment-demand" }))).toBe("case_closed");
    expect(refusedWith(at(closed, "2025-04-01", { type: "reopen" }, { balanceMinor: 0 }))).toBe("balance_zero");
    const reopened = ok(at(closed, "2025-04-01", { type: "reopen" }));
    expect(reopened.state).toMatchObject({ stage: "payment-demand", closedOn: null, closeReason: null, closedFromStage: null });
    expect(reopened.effects).toEqual([{ kind: "resume-costs" }]);

    const withdrawn = ok(at(caseAt("payment-demand"), "2025-03-20", { type: "withdraw" })).state;
    expect(refusedWith(at(withdrawn, "2025-04-01", { type: "reopen" }))).toBe("not_reopenable");
    const writtenOff = ok(at(caseAt("legal"), "2025-06-01", { type: "write-off" })).state;
    expect(writtenOff.closeReason).toBe("written-off");
    expect(refusedWith(at(writtenOff, "2025-07-01", { type: "reopen" }))).toBe("not_reopenable");
  });

  it("closing clears a hold", () => {
    const paused = ok(at(caseAt("payment-demand"), "2025-03-13", { type: "pause", reason: "talks" })).state;
    expect(ok(at(paused, "2025-03-14", { type: "credited-in-full" })).state.hold).toBeNull();
  });
});

describe("postponing the due date", () => {
  it("moves the running letter's deadline, later only", () => {
    const notice = caseAt("collection-notice"); // deadline 2025-02-28
    expect(refusedWith(at(notice, "2025-02-20", { type: "postpone-due-date", to: day("2025-02-27") }))).toBe("postpone_not_later");
    const later = ok(at(notice, "2025-02-20", { type: "postpone-due-date", to: day("2025-03-14") }));
    expect(later.state.noticeDeadline?.toString()).toBe("2025-03-14");
    expect(refusedWith(at(later.state, "2025-03-14", { type: "notice-deadline-passed" }))).toBe("notice_deadline_running");
  });

  it("before any letter, gives the debtor a respite", () => {
    const respite = ok(at(caseAt("opened"), "2025-02-14", { type: "postpone-due-date", to: day("2025-03-01") })).state;
    expect(refusedWith(at(respite, "2025-03-01", { type: "send-collection-notice" }))).toBe("respite_running");
    expect(ok(at(respite, "2025-03-02", { type: "send-collection-notice" })).state.stage).toBe("collection-notice");
  });
});

describe("purity and invalid input", () => {
  it("does not change the state it is given", () => {
    const state = Object.freeze(caseAt("payment-demand"));
    const before = JSON.stringify(state);
    const r = at(state, "2025-03-27", { type: "payment-demand-deadline-passed" });
    expect(JSON.stringify(state)).toBe(before);
    expect(at(state, "2025-03-27", { type: "payment-demand-deadline-passed" })).toEqual(r);
  });

  it("an unknown event, stage or a fractional balance is a DomainError naming the field", () => {
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof DomainError) return e.field;
      }
      return "no error";
    };
    expect(fieldOf(() => at(caseAt("opened"), "2025-02-14", { type: "escalate" } as never))).toBe("event.type");
    expect(fieldOf(() => at({ ...caseAt("opened"), stage: "lost" as never }, "2025-02-14", { type: "withdraw" }))).toBe("state.stage");
    expect(fieldOf(() => at(caseAt("opened"), "2025-02-14", { type: "payment-received" }, { balanceMinor: 10.5 }))).toBe("balanceMinor");
    expect(fieldOf(() => aCase().dueOn("2025-02-14").openedOn("2025-02-14").build())).toBe("openedOn");
  });
});
