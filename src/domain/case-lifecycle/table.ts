import type { LocalDate } from "../calendar/local-date.js";

/**
 * The shape every jurisdiction's case lifecycle shares (STYLE habit 5): a table of
 * stage × event → guards, then the first outcome whose condition holds → next stage + effect specs.
 * Norway's table (`transition-table.ts`) and Sweden's (`../se/lifecycle/`) are both of this shape
 * and both run through `planTransition` and `moveTo`, so the case engine can drive either with the
 * same planner. What differs per jurisdiction — stages, events, guards with their rules and
 * refusal texts, what an event records — stays with the jurisdiction.
 */
export interface TableOutcome<S extends string, C extends string, X extends { readonly when?: C }, R extends string = string> {
  readonly when?: C;
  /** `same`: the stage does not change; `stage-before-close`: back where the case was closed from. */
  readonly to: S | "same" | "stage-before-close";
  readonly closeReason?: R;
  readonly effects: readonly X[];
}

export interface TableRule<S extends string, E extends string, G extends string, C extends string, X extends { readonly when?: C }, R extends string = string> {
  readonly from: S;
  readonly event: E;
  /** Checked in order; the first refusal is the answer. */
  readonly guards: readonly G[];
  readonly outcomes: readonly TableOutcome<S, C, X, R>[];
  readonly source: string;
}

/** Looks a (stage, event) row up in a table; the index is built once per table. */
export function tableIndex<S extends string, E extends string, Rule extends { readonly from: S; readonly event: E }>(rules: readonly Rule[]): (stage: S, event: E) => Rule | undefined {
  const index = new Map<string, Rule>(rules.map((r) => [`${r.from} ${r.event}`, r]));
  return (stage, event) => index.get(`${stage} ${event}`);
}

/**
 * The table part of a transition: the row's guards in order (the first refusal wins), then the
 * first outcome whose condition holds and the effect specs whose condition holds. `undefined` rule
 * → `no-row`. Pure; recording dates and materialising effects are the jurisdiction's.
 */
export function planTransition<S extends string, E extends string, G extends string, C extends string, X extends { readonly when?: C }, R extends string, Refusal>(
  rule: TableRule<S, E, G, C, X, R> | undefined,
  check: (guard: G) => Refusal | null,
  holds: (condition: C) => boolean,
): { readonly ok: false; readonly reason: Refusal | "no-row" } | { readonly ok: true; readonly outcome: TableOutcome<S, C, X, R>; readonly effects: readonly X[] } {
  if (!rule) return { ok: false, reason: "no-row" };
  for (const guard of rule.guards) {
    const refused = check(guard);
    if (refused) return { ok: false, reason: refused };
  }
  const outcome = rule.outcomes.find((o) => o.when === undefined || holds(o.when));
  if (!outcome) throw new Error(`the row ${rule.from} × ${rule.event} has no outcome for this case (its last outcome must be unconditional)`);
  return { ok: true, outcome, effects: outcome.effects.filter((spec) => spec.when === undefined || holds(spec.when)) };
}

/** The stage fields every case state has. */
export interface StagedCase<S extends string, R extends string> {
  readonly stage: S;
  readonly hold: unknown;
  readonly closedOn: LocalDate | null;
  readonly closeReason: R | null;
  readonly closedFromStage: S | null;
}

/** Moves `next` (the state with the event's dates recorded) to the outcome's stage. */
export function moveTo<S extends string, R extends string, T extends StagedCase<S, R>>(next: T, before: T, outcome: TableOutcome<S, string, { readonly when?: string }, R>, today: LocalDate): T {
  switch (outcome.to) {
    case "same":
      return next;
    case "stage-before-close":
      return { ...next, stage: before.closedFromStage as S, closedOn: null, closeReason: null, closedFromStage: null };
    default:
      if (outcome.to === ("closed" as S)) {
        return { ...next, stage: outcome.to, hold: null, closedOn: today, closeReason: outcome.closeReason ?? null, closedFromStage: before.stage };
      }
      return { ...next, stage: outcome.to };
  }
}
