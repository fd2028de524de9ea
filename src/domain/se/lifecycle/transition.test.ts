import { describe, expect, it } from "vitest";
import { LocalDate } from "../../calendar/local-date.js";
import { catchError } from "../../domain-error.fixture.js";
import { rulesFor } from "../../jurisdictions/rule-set.js";
import { collectionDemandDeadline, presumedReceipt } from "../collection-demand.js";
import { chargeableSwedishFee, type PreviousSwedishFee } from "../fees.js";
import { swedishInterestStart, swedishLateInterest } from "../late-interest.js";
import { paymentOrderCosts } from "../legal-costs.js";
import { swedishLimitation } from "../limitation.js";
import { SWEDISH_CHARGE_RULES, SWEDISH_FIRST_STEPS, SWEDISH_SCENARIO_EVENTS } from "../scenario-vocabulary.js";
import { openSwedishCase, SWEDISH_OPEN_STAGES, SWEDISH_STAGES, type SwedishCaseState } from "./case-state.js";
import type { SwedishEffect } from "./effects.js";
import { type SwedishCaseEvent, SWEDISH_EVENT_TYPES } from "./events.js";
import { SWEDISH_CONDITIONS, SWEDISH_GUARDS, type SwedishTransitionContext } from "./guards.js";
import { scheduledSwedishEvents } from "./schedule.js";
import { SWEDISH_TRANSITIONS } from "./transition-table.js";
import { allowedSwedishEvents, transitionSE } from "./transition.js";

const se = rulesFor("SE");
const d = (s: string) => LocalDate.parse(s);
const ctx = (today: string, over: Partial<SwedishTransitionContext> = {}): SwedishTransitionContext => ({ today: d(today), balanceMinor: 10_000_00, rules: se, ...over });

function step(s: SwedishCaseState, e: SwedishCaseEvent, c: SwedishTransitionContext): { state: SwedishCaseState; effects: readonly SwedishEffect[] } {
  const r = transitionSE(s, e, c);
  if (!r.ok) throw new Error(`refused: ${r.reason.code} — ${r.reason.text.en}`);
  return r;
}
const refusal = (s: SwedishCaseState, e: SwedishCaseEvent, c: SwedishTransitionContext) => {
  const r = transitionSE(s, e, c);
  return r.ok ? null : r.reason;
};
const kinds = (effects: readonly SwedishEffect[]) => effects.map((e) => (e.kind === "charge" ? `charge:${e.what}` : e.kind === "send-letter" ? `send-letter:${e.letter}` : e.kind));

const opened = openSwedishCase({ openedOn: d("2025-02-01"), dueDate: d("2025-01-31"), debtorType: "consumer" });
const reminderEvent = (sent: string, deadline: string): SwedishCaseEvent => ({ type: "send-reminder", deadline: d(deadline), presumedReceipt: presumedReceipt({ sentOn: d(sent), rules: se }) });
const inkassokrav = (sent: string): SwedishCaseEvent => {
  const dl = collectionDemandDeadline({ sentOn: d(sent), rules: se });
  return { type: "send-collection-notice", deadline: dl.deadline, presumedReceipt: dl.presumedReceipt };
};

describe("the Swedish lifecycle: påminnelse → inkassokrav → deadline → approval → betalningsföreläggande", () => {
  it("walks a consumer claim through every step, with the effects the engine must carry out", () => {
    // Påminnelse, Friday 14 February 2025; presumed received Tuesday 18 February.
    const a = step(opened, reminderEvent("2025-02-14", "2025-02-28"), ctx("2025-02-14"));
    expect(a.state.stage).toBe("reminder");
    expect(kinds(a.effects)).toEqual(["send-letter:reminder", "charge:reminder-fee", "record-limitation-interruption"]);
    expect(a.effects[2]).toEqual({ kind: "record-limitation-interruption", interruption: "reminder-received", on: d("2025-02-18") });

    // The inkassokrav only after the påminnelse's deadline.
    expect(refusal(a.state, inkassokrav("2025-02-28"), ctx("2025-02-28"))?.code).toBe("reminder_deadline_running");
    // … and with at least 8 days and 4 bank days after presumed receipt.
    const tooShort = refusal(a.state, { type: "send-collection-notice", deadline: d("2025-03-10"), presumedReceipt: d("2025-03-05") }, ctx("2025-03-03"));
    expect(tooShort).toEqual({ code: "deadline_too_short", text: expect.objectContaining({ sv: expect.stringContaining("2025-03-11") }) });

    const b = step(a.state, inkassokrav("2025-03-03"), ctx("2025-03-03"));
    expect([b.state.stage, b.state.noticeDeadline?.toString(), b.state.noticeReceivedOn?.toString()]).toEqual(["collection-notice", "2025-03-11", "2025-03-05"]);
    expect(kinds(b.effects)).toEqual(["send-letter:collection-notice", "charge:collection-fee", "record-limitation-interruption"]);
    expect(b.effects[0]).toEqual({ kind: "send-letter", letter: "collection-notice", deadline: d("2025-03-11") });

    expect(refusal(b.state, { type: "notice-deadline-passed" }, ctx("2025-03-11"))?.code).toBe("notice_deadline_running");
    const c = step(b.state, { type: "notice-deadline-passed" }, ctx("2025-03-12"));
    expect([c.state.stage, kinds(c.effects)]).toEqual(["awaiting-legal-approval", ["request-approval"]]);

    expect(refusal(c.state, { type: "legal-step-recorded" }, ctx("2025-03-13"))?.code).toBe("legal_approval_required");
    const e = step(c.state, { type: "approve-legal" }, ctx("2025-03-14"));
    expect(e.state.stage).toBe("ordinary-collection");

    const f = step(e.state, { type: "legal-step-recorded", step: "betalningsforelaggande" }, ctx("2025-03-17"));
    expect([f.state.stage, f.state.legalOn?.toString()]).toEqual(["legal", "2025-03-17"]);
    expect(kinds(f.effects)).toEqual(["send-letter:payment-order-application", "charge:legal-costs", "record-limitation-interruption"]);
    expect(f.effects[2]).toEqual({ kind: "record-limitation-interruption", interruption: "payment-order-application", on: d("2025-03-17") });

    const g = step(f.state, { type: "payment-received" }, ctx("2025-04-01", { balanceMinor: 0 }));
    expect([g.state.stage, g.state.closeReason, kinds(g.effects)]).toEqual(["closed", "paid", ["stop-costs"]]);
    const h = step(g.state, { type: "reopen" }, ctx("2025-04-03", { balanceMinor: 500_00 }));
    expect(h.state.stage).toBe("legal");
  });

  it("goes straight to the inkassokrav (no duty to send a påminnelse) and, without the gate, to ordinary collection", () => {
    const b = step(opened, inkassokrav("2025-02-14"), ctx("2025-02-14"));
    const c = step(b.state, { type: "notice-deadline-passed" }, ctx("2025-02-27", { gates: { approveBeforeLegal: false } }));
    expect(c.state.stage).toBe("ordinary-collection");
    expect(step(c.state, { type: "legal-step-recorded" }, ctx("2025-02-28", { gates: { approveBeforeLegal: false } })).state.stage).toBe("legal");
  });

  it("lag (1981:739) 3 § 2: an amorteringsplan keeps the stage, charges its fee and acknowledges the claim (preskriptionslagen 5 § 1)", () => {
    const b = step(opened, inkassokrav("2025-02-14"), ctx("2025-02-14"));
    const p = step(b.state, { type: "agree-payment-plan" }, ctx("2025-02-20"));
    expect([p.state.stage, p.state.paymentPlanOn?.toString()]).toEqual(["collection-notice", "2025-02-20"]);
    expect(p.effects).toEqual([
      { kind: "send-letter", letter: "payment-plan", deadline: null },
      { kind: "charge", what: "payment-plan-fee" },
      { kind: "record-limitation-interruption", interruption: "acknowledgement", on: d("2025-02-20") },
    ]);
    expect(refusal(opened, { type: "agree-payment-plan" }, ctx("2025-02-20"))?.code).toBe("event_not_allowed");
  });

  it("refuses letters before the due date and while disputed, with Swedish and English reasons", () => {
    expect(refusal(opened, inkassokrav("2025-01-31"), ctx("2025-01-31"))?.code).toBe("not_overdue");
    const disputed = step(opened, { type: "dispute", reason: "varan levererades aldrig" }, ctx("2025-02-10"));
    expect(kinds(disputed.effects)).toEqual(["stop-costs", "notify-creditor"]);
    expect(refusal(disputed.state, inkassokrav("2025-02-14"), ctx("2025-02-14"))?.text).toEqual({
      sv: "Kravet är bestritt; inget händer förrän invändningen är utredd",
      en: "The claim is disputed; nothing happens until the dispute is resolved",
    });
  });

  it("has no Norwegian-only steps: no payment demand, no heavy salary, no payment remark", () => {
    expect(catchError(() => transitionSE(opened, { type: "send-payment-demand" } as unknown as SwedishCaseEvent, ctx("2025-03-01"))).field).toBe("event.type");
    expect(SWEDISH_EVENT_TYPES).not.toContain("heavy-salary-due");
    expect(SWEDISH_EVENT_TYPES).not.toContain("register-payment-remark");
    expect(allowedSwedishEvents(opened)).toEqual(["send-reminder", "send-collection-notice", "pause", "dispute", "postpone-due-date", "payment-received", "paid-in-full", "credited-in-full", "withdraw", "write-off"]);
  });

  it("withdrawal is free within 10 days of the first letter, then the incurred costs are invoiced to the creditor", () => {
    const b = step(opened, inkassokrav("2025-02-14"), ctx("2025-02-14"));
    expect(kinds(step(b.state, { type: "withdraw" }, ctx("2025-02-24")).effects)).toEqual(["stop-costs"]);
    expect(kinds(step(b.state, { type: "withdraw" }, ctx("2025-02-25")).effects)).toEqual(["stop-costs", "invoice-creditor"]);
  });
});

describe("the table itself", () => {
  it("only names Swedish stages, events, guards and conditions, and every row has a source", () => {
    for (const r of SWEDISH_TRANSITIONS) {
      expect(SWEDISH_STAGES).toContain(r.from);
      expect(SWEDISH_EVENT_TYPES).toContain(r.event);
      for (const g of r.guards) expect(Object.keys(SWEDISH_GUARDS)).toContain(g);
      for (const o of r.outcomes) if (o.when) expect(Object.keys(SWEDISH_CONDITIONS)).toContain(o.when);
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.outcomes[r.outcomes.length - 1]!.when).toBeUndefined();
    }
    const keys = SWEDISH_TRANSITIONS.map((r) => `${r.from} ${r.event}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("lets every open stage be paused, disputed, paid, credited, withdrawn and written off", () => {
    for (const stage of SWEDISH_OPEN_STAGES) {
      for (const event of ["pause", "dispute", "payment-received", "paid-in-full", "credited-in-full", "withdraw", "write-off"] as const) {
        expect(SWEDISH_TRANSITIONS.some((r) => r.from === stage && r.event === event)).toBe(true);
      }
    }
  });
});

describe("scenario vocabulary (issue 16 item 5) maps onto the Swedish events", () => {
  it("firstStep reminder = påminnelse, collection-notice = inkassokrav, legal-step = betalningsföreläggande", () => {
    expect(step(opened, reminderEvent("2025-02-14", "2025-02-28"), ctx("2025-02-14")).state.stage).toBe("reminder");
    expect(SWEDISH_FIRST_STEPS.reminder.event).toBe("send-reminder");
    expect(SWEDISH_FIRST_STEPS["collection-notice"]).toEqual({ event: "send-collection-notice", sv: "inkassokrav" });
    expect(SWEDISH_SCENARIO_EVENTS["legal-step"]).toEqual({ event: "legal-step-recorded", step: "betalningsforelaggande" });
    expect(SWEDISH_SCENARIO_EVENTS["approve-payment-demand"].event).toBeNull();
    for (const m of Object.values(SWEDISH_SCENARIO_EVENTS)) if (m.event) expect(SWEDISH_EVENT_TYPES).toContain(m.event);
  });

  it("schedules the first letter, the inkassokrav after the påminnelse and the day after the deadline", () => {
    expect(scheduledSwedishEvents(opened, { firstLetter: "reminder" })).toEqual([{ event: "send-reminder", on: d("2025-02-14") }]);
    const a = step(opened, reminderEvent("2025-02-14", "2025-02-28"), ctx("2025-02-14"));
    expect(scheduledSwedishEvents(a.state)).toEqual([{ event: "send-collection-notice", on: d("2025-03-01") }]);
    const b = step(a.state, inkassokrav("2025-03-03"), ctx("2025-03-03"));
    expect(scheduledSwedishEvents(b.state)).toEqual([{ event: "notice-deadline-passed", on: d("2025-03-12") }]);
  });
});

describe("a Swedish case in domain terms, from the effects to the money (worked example)", () => {
  it("10 000 kr consumer claim due 2025-01-31 (agreed), påminnelseavgift agreed: 60 + 180 + 300 kr, interest to 2025-04-01, preskription from the application", () => {
    const a = step(opened, reminderEvent("2025-02-14", "2025-02-28"), ctx("2025-02-14"));
    const b = step(a.state, inkassokrav("2025-03-03"), ctx("2025-03-03"));
    const c = step(step(b.state, { type: "notice-deadline-passed" }, ctx("2025-03-12")).state, { type: "approve-legal" }, ctx("2025-03-14"));
    const f = step(c.state, { type: "legal-step-recorded" }, ctx("2025-03-17"));

    const charges: [string, string][] = [
      ["2025-02-14", "reminder-fee"],
      ["2025-03-03", "collection-fee"],
    ];
    const previous: PreviousSwedishFee[] = [];
    const amounts: number[] = [];
    for (const [on, what] of charges) {
      const fee = SWEDISH_CHARGE_RULES[what as "reminder-fee" | "collection-fee"] as "reminder" | "collection-demand";
      const r = chargeableSwedishFee({
        fee,
        on: d(on),
        claimDueDate: opened.dueDate,
        debtorType: "consumer",
        reminderFeeAgreed: true,
        collectionDemand: {
          sentOn: d("2025-03-03"),
          creditorName: "Exempelbolaget AB",
          claimBasis: "Faktura 10023 av 2025-01-15 för konsulttjänster",
          principal: { amount: 10_000_00, currency: "SEK" },
          interest: { amount: 0, currency: "SEK" },
          costs: [{ label: "Påminnelseavgift", amount: { amount: 60_00, currency: "SEK" } }],
          deadline: b.state.noticeDeadline!,
          objectionInstruction: "Skriv till oss om du har invändningar.",
          consequences: "Annars ansöker vi om betalningsföreläggande hos Kronofogden.",
        },
        previousFees: previous,
        rules: se,
      });
      amounts.push(r.amount.amount);
      previous.push({ fee, on: d(on), amount: r.amount });
    }
    expect(SWEDISH_CHARGE_RULES["legal-costs"]).toBe("payment-order-application");
    amounts.push(paymentOrderCosts({ on: f.state.legalOn!, rules: se }).amount.amount);
    expect(amounts).toEqual([60_00, 180_00, 300_00]);

    // Interest from the agreed due date to 1 April 2025: 60 days at 11 % = 180.82 kr.
    const interest = swedishLateInterest({ principal: { amount: 10_000_00, currency: "SEK" }, start: swedishInterestStart({ dueDate: opened.dueDate, dueDateAgreedInAdvance: true }), until: d("2025-04-01"), rules: se });
    expect(interest.interest.amount).toBe(180_82);

    // Preskription: the interruptions the effects recorded; the latest (the application) starts a new 3-year period.
    const interruptions = [a, b, f].flatMap((x) => x.effects).flatMap((e) => (e.kind === "record-limitation-interruption" ? [{ on: e.on, kind: e.interruption }] : []));
    const limitation = swedishLimitation({ aroseOn: d("2025-01-15"), consumerClaim: true, interruptions });
    expect([limitation.date.toString(), limitation.interruptedBy?.kind]).toEqual(["2028-03-17", "payment-order-application"]);
  });
});
