/**
 * How far a rule value can be trusted, from the markers of the research behind the rule tables (docs/RULES.md):
 * [P] primary text, [S] secondary source, [C] computed from a stated rule, [K] background
 * knowledge, UNCERTAIN. The value is shown wherever a rule is used (habit 4), so an operator can
 * see what to verify.
 */
export type Confidence = "primary" | "secondary" | "computed" | "background" | "uncertain";

/** Strongest first; a result built from several rows is as weak as its weakest row. */
export const CONFIDENCES: readonly Confidence[] = ["primary", "secondary", "computed", "background", "uncertain"];

export function isConfidence(value: string): value is Confidence {
  return (CONFIDENCES as readonly string[]).includes(value);
}

export function weakestConfidence(first: Confidence, ...rest: readonly Confidence[]): Confidence {
  let worst = first;
  for (const c of rest) {
    if (CONFIDENCES.indexOf(c) > CONFIDENCES.indexOf(worst)) worst = c;
  }
  return worst;
}
