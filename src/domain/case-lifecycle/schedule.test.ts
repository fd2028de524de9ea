import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import type { CaseState, Stage } from "./case-state.js";
import type { CaseEvent, EventType } from "./events.js";
import { scheduledEvents } from "./schedule.js";
import { AMILI_STOP_WINDOW, stopWindow, stopWindowDaysAfterDeadline } from "./stop-window.js";
import { aCase, caseAt, day } from "./test-fixtures.js";
import { transition } from "./transition.js";

const plain = (s: CaseState, options = {}) => scheduledEvents(s, options).map((e) => `${e.event} ${e.on}`);

describe("stopWindow", () => {
  it("sends the list the first Tuesday strictly after the notice's deadline (Amili)", () => {
    expect(stopWindow(day("2025-02-28"), AMILI_STOP_WINDOW).listOn.toString()).toBe("2025-03-04"); // Friday → Tuesday
    expect(stopWindow(day("2025-03-03"), AMILI_STOP_WINDOW).listOn.toString()).toBe("2025-03-04"); // Monday → next day
    expect(stopWindow(day("2025-03-04"), AMILI_STOP_WINDOW).listOn.toString()).toBe("2025-03-11"); // Tuesday → a week later
    expect(stopWindow(day("2025-02-28"), AMILI_STOP_WINDOW).endsOn.toString()).toBe("2025-03-11");
  });

  it("or runs a number of days after the deadline (creditor setting stopWindowDays)", () => {
    expect(stopWindow(day("2025-02-28"), stopWindowDaysAfterDeadline(7))).toEqual({ listOn: day("2025-03-01"), endsOn: day("2025-03-07") });
  });

  it("rejects a weekday outside 1..7", () => {
    expect(() => stopWindow(day("2025-02-28"), { ...AMILI_STOP_WINDOW, listWeekday: 8 })).toThrow(DomainError);
  });
});

describe("scheduledEvents", () => {
  it("opened: the collection notice on day 14, or a reminder first when chosen", () => {
    expect(plain(caseAt("opened"))).toEqual(["send-collection-notice 2025-02-14"]);
    expect(plain(caseAt("opened"), { firstLetter: "reminder" })).toEqual(["send-reminder 2025-02-14"]);
    expect(plain(aCase().withLedgerNotice("2025-02-14", "2025-02-28").openedOn("2025-03-01").build())).toEqual(["send-payment-demand 2025-03-01"]);
  });

  it("follows each deadline to the day after it", () => {
    expect(plain(caseAt("reminder"))).toEqual(["send-collection-notice 2025-03-01"]);
    expect(plain(caseAt("collection-notice"))).toEqual(["notice-deadline-passed 2025-03-01"]);
    expect(plain(caseAt("stop-window"))).toEqual(["send-payment-demand 2025-03-12"]);
    expect(plain(caseAt("awaiting-payment-demand-approval"))).toEqual([]);
    expect(plain(caseAt("payment-demand"))).toEqual(["payment-demand-deadline-passed 2025-03-27", "heavy-salary-due 2025-04-24"]);
  });

  it("after the payment demand: heavy salary, remark and surveillance, earliest first", () => {
    expect(plain(caseAt("ordinary-collection"))).toEqual(["heavy-salary-due 2025-04-24", "move-to-surveillance 2026-03-12"]);
    expect(plain(caseAt("legal"))).toEqual(["heavy-salary-due 2025-04-24", "register-payment-remark 2025-05-10", "move-to-surveillance 2026-03-12"]);
    expect(plain(caseAt("legal"), { paymentRemarks: false, surveillanceAfterMonths: 6 })).toEqual(["heavy-salary-due 2025-04-24", "move-to-surveillance 2025-09-12"]);
    expect(plain(caseAt("surveillance"))).toEqual(["heavy-salary-due 2025-04-24", "register-payment-remark 2025-05-10"]);
    expect(plain(caseAt("closed"))).toEqual([]);
  });

  it("drives a case day by day from opening to surveillance, stopping only for the creditor's approval", () => {
    let state = aCase().business().build();
    const visited: Stage[] = [state.stage];
    const done: string[] = [];
    for (let today = day("2025-02-14"); today.isBefore(day("2026-06-01")); today = today.plusDays(1)) {
      if (state.stage === "awaiting-legal-approval" && today.equals(day("2025-04-15"))) {
        state = apply(state, { type: "approve-legal" }, today);
        done.push(`approve-legal ${today}`);
      }
      for (let due = dueEvent(state, today); due; due = dueEvent(state, today)) {
        state = apply(state, eventFor(due), today);
        done.push(`${due} ${today}`);
        if (visited.at(-1) !== state.stage) visited.push(state.stage);
      }
    }
    expect(visited).toEqual(["opened", "collection-notice", "stop-window", "payment-demand", "awaiting-legal-approval", "ordinary-collection", "surveillance"]);
    expect(done).toEqual([
      "send-collection-notice 2025-02-14",
      "notice-deadline-passed 2025-03-01",
      "send-payment-demand 2025-03-12",
      "payment-demand-deadline-passed 2025-03-27",
      "register-payment-remark 2025-04-12",
      "approve-legal 2025-04-15",
      "heavy-salary-due 2025-04-24",
      "move-to-surveillance 2026-03-12",
    ]);
  });
});

function dueEvent(state: CaseState, today: LocalDate): EventType | undefined {
  const next = scheduledEvents(state)[0];
  return next && !next.on.isAfter(today) ? next.event : undefined;
}

function eventFor(type: EventType): CaseEvent {
  return { type } as CaseEvent;
}

function apply(state: CaseState, event: CaseEvent, today: LocalDate): CaseState {
  const r = transition(state, event, { today, balanceMinor: 1_000_00 });
  if (!r.ok) throw new Error(`${event.type} on ${today}: ${r.reason.code}`);
  return r.state;
}
