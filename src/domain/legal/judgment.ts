import type { LocalDate } from "../calendar/local-date.js";
import type { LegalStep } from "../case-lifecycle/case-state.js";

/**
 * The legal phase's law, pure. A judgment (dom, or the forliksråd's dom) gives the claim a new
 * limitation period of ten years (foreldelsesloven § 21 første ledd: "Krav som er fastslått ved
 * dom … foreldes ikke før 10 år"), counted from the day the judgment is given; it replaces the
 * limitation date only when later. A begjæring om utlegg needs a tvangsgrunnlag
 * (tvangsfullbyrdelsesloven § 7-2: a judgment or forliksrådsdom, or a gjeldsbrev / other
 * særlig tvangsgrunnlag); a forliksklage goes to the debtor's forliksråd (tvisteloven § 6-2).
 */
export const JUDGMENT_LIMITATION_YEARS = 10;

export function limitationAfterJudgment(judgmentOn: LocalDate, current: LocalDate | null): { date: LocalDate; changed: boolean; source: string } {
  const date = judgmentOn.plusYears(JUDGMENT_LIMITATION_YEARS);
  const changed = current === null || date.isAfter(current);
  return { date: changed ? date : current!, changed, source: "foreldelsesloven § 21 første ledd: ten years from a judgment" };
}

export const TVANGSGRUNNLAG_KINDS = ["dom", "forliksradsdom", "gjeldsbrev", "annet-saerlig"] as const;
export type TvangsgrunnlagKind = (typeof TVANGSGRUNNLAG_KINDS)[number];

export interface Tvangsgrunnlag {
  readonly kind: TvangsgrunnlagKind;
  /** The judgment's case number, or the document's reference. */
  readonly reference: string;
  readonly date: LocalDate;
}

/** The events of a legal step after filing, in the order they can happen. */
export const LEGAL_EVENT_KINDS = ["hearing", "judgment", "utleggsforretning", "result"] as const;
export type LegalEventKind = (typeof LEGAL_EVENT_KINDS)[number];

/** Which body a step is filed with. */
export function filingBody(step: LegalStep): { nb: string; en: string } {
  return step === "forliksklage" ? { nb: "Forliksrådet", en: "the conciliation board (forliksråd)" } : { nb: "Namsmannen", en: "the enforcement officer (namsmann)" };
}

export type LegalRefusal = { code: string; field: string; text: { nb: string; en: string } };

/** What a step needs before it is asked for: utlegg a tvangsgrunnlag not in the future. */
export function checkLegalStepInput(input: { step: LegalStep; tvangsgrunnlag: Tvangsgrunnlag | null; today: LocalDate }): LegalRefusal | null {
  if (input.step !== "utlegg") return null;
  if (!input.tvangsgrunnlag) {
    return { code: "tvangsgrunnlag_required", field: "tvangsgrunnlag", text: { nb: "Begjæring om utlegg krever et tvangsgrunnlag (tvangsfullbyrdelsesloven § 7-2)", en: "A petition for execution (utlegg) needs an enforcement basis, tvangsgrunnlag (tvangsfullbyrdelsesloven § 7-2)" } };
  }
  if (input.tvangsgrunnlag.date.isAfter(input.today)) {
    return { code: "date_in_future", field: "tvangsgrunnlag.date", text: { nb: "Tvangsgrunnlagets dato er etter i dag", en: "The enforcement basis is dated after today" } };
  }
  return null;
}

/** A legal event's date: not before the filing, not after today. */
export function checkLegalEventDate(on: LocalDate, filedOn: LocalDate, today: LocalDate): LegalRefusal | null {
  if (on.isBefore(filedOn)) return { code: "before_filing", field: "on", text: { nb: `Datoen er før innleveringen ${filedOn}`, en: `The date is before the filing on ${filedOn}` } };
  if (on.isAfter(today)) return { code: "date_in_future", field: "on", text: { nb: "Datoen er etter i dag", en: "The date is after today" } };
  return null;
}
