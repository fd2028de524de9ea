import { LocalDate } from "../calendar/local-date.js";
import type { CaseState, DebtorType, Stage } from "./case-state.js";
import type { CaseEvent } from "./events.js";
import type { TransitionContext } from "./guards.js";
import { openCase } from "./open-case.js";
import { type TransitionResult, transition } from "./transition.js";

/**
 * Test support for the lifecycle: a case builder and a walk along the normal path, so each test
 * starts from a state reached by real transitions rather than a hand-written object.
 */
export const day = (text: string): LocalDate => LocalDate.parse(text);

export class CaseBuilder {
  constructor(
    private readonly due = "2025-01-31",
    private readonly opened = "2025-02-14",
    private readonly debtor: DebtorType = "consumer",
    private readonly ledgerNotice: { sentOn: string; deadline: string } | null = null,
  ) {}
  dueOn(date: string): CaseBuilder {
    return new CaseBuilder(date, this.opened, this.debtor, this.ledgerNotice);
  }
  openedOn(date: string): CaseBuilder {
    return new CaseBuilder(this.due, date, this.debtor, this.ledgerNotice);
  }
  business(): CaseBuilder {
    return new CaseBuilder(this.due, this.opened, "business", this.ledgerNotice);
  }
  withLedgerNotice(sentOn: string, deadline: string): CaseBuilder {
    return new CaseBuilder(this.due, this.opened, this.debtor, { sentOn, deadline });
  }
  build(): CaseState {
    const n = this.ledgerNotice;
    return openCase({
      openedOn: day(this.opened),
      dueDate: day(this.due),
      debtorType: this.debtor,
      ledgerNotice: n ? { sentOn: day(n.sentOn), deadline: day(n.deadline) } : null,
    });
  }
}

export const aCase = (): CaseBuilder => new CaseBuilder();

export type Step = readonly [on: string, event: CaseEvent, ctx?: Partial<TransitionContext>];

/** Applies each step and fails loudly on a refusal, so a broken walk points at its step. */
export function walk(state: CaseState, steps: readonly Step[]): CaseState {
  let s = state;
  for (const [on, event, ctx] of steps) {
    const r: TransitionResult = transition(s, event, { today: day(on), balanceMinor: 1_000_00, ...ctx });
    if (!r.ok) throw new Error(`step ${on} ${event.type} from ${s.stage} refused: ${r.reason.code}`);
    s = r.state;
  }
  return s;
}

/**
 * The normal Norwegian path for a consumer due 2025-01-31 (a Friday): notice on day 14, its
 * deadline 2025-02-28 (Friday), stop list Tuesday 2025-03-04, stop window to 2025-03-11, payment
 * demand 2025-03-12 with deadline 2025-03-26, legal approval, forliksklage, surveillance after 12 months.
 */
export const NORMAL_PATH: Readonly<Record<Exclude<Stage, "opened" | "reminder" | "awaiting-payment-demand-approval" | "closed">, readonly Step[]>> = {
  "collection-notice": [["2025-02-14", { type: "send-collection-notice" }]],
  "stop-window": [["2025-03-01", { type: "notice-deadline-passed" }]],
  "payment-demand": [["2025-03-12", { type: "send-payment-demand" }]],
  "awaiting-legal-approval": [["2025-03-27", { type: "payment-demand-deadline-passed" }]],
  "ordinary-collection": [["2025-03-28", { type: "approve-legal" }]],
  legal: [["2025-04-10", { type: "legal-step-recorded", step: "forliksklage" }]],
  surveillance: [["2026-03-12", { type: "move-to-surveillance" }]],
};

const ORDER = ["collection-notice", "stop-window", "payment-demand", "awaiting-legal-approval", "ordinary-collection", "legal", "surveillance"] as const;

/** A consumer case in `stage`, reached by transitions. */
export function caseAt(stage: Stage): CaseState {
  const opened = aCase().build();
  switch (stage) {
    case "opened":
      return opened;
    case "reminder":
      return walk(opened, [["2025-02-14", { type: "send-reminder" }]]);
    case "awaiting-payment-demand-approval":
      return walk(caseAt("stop-window"), [["2025-03-12", { type: "send-payment-demand" }, { gates: { approveBeforePaymentDemand: true, approveBeforeLegal: true } }]]);
    case "closed":
      return walk(caseAt("payment-demand"), [["2025-03-20", { type: "paid-in-full" }, { balanceMinor: 0 }]]);
    default: {
      const steps = ORDER.slice(0, ORDER.indexOf(stage) + 1).flatMap((s) => NORMAL_PATH[s]);
      return walk(opened, steps);
    }
  }
}
