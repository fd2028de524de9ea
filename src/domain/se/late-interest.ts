import { adjustDueDate, DUE_DATE_RULES } from "../calendar/due-date.js";
import { LocalDate } from "../calendar/local-date.js";
import { invalidInput } from "../errors.js";
import type { Citation } from "../jurisdictions/citation.js";
import type { Confidence } from "../jurisdictions/confidence.js";
import type { SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";
import { computeInterest, type InterestResult } from "../interest/compute-interest.js";
import type { Money } from "../money.js";

/**
 * Dröjsmålsränta under räntelagen (1975:635), computed with the exact interest engine
 * (`interest/compute-interest.ts`) over the `lateInterest` table of `se-rules.json`:
 *
 * - **rate** (6 §): the referensränta (9 §, fixed by Riksbanken for each half-year from 1 January
 *   and 1 July) + 8 percentage points, "vid varje tid gällande": a running debt follows each
 *   half-year's rate. The table stores both figures; a test checks rate = referensränta + 8 on
 *   every row.
 * - **start** (3–4 §§): from the förfallodag when it was fixed in advance ("bestämd i förväg":
 *   agreed, not just printed on an invoice afterwards) — moved off a day off as
 *   `DUE_DATE_RULES.SE` says; otherwise from 30 days after the creditor sent an invoice or
 *   demand of a stated amount saying that not paying makes interest payable (4 § first
 *   paragraph) — e.g. the inkassokrav, which says so (`collection-demand.ts`); in any case at the
 *   latest from the day an application for betalningsföreläggande or a stämning is served
 *   (4 § third paragraph). UNCERTAIN: the text of 4 § found (SFS 1991:858, lagboken.se) says
 *   "en månad", as konsumenternas.se still does; issue 16 and the research notes say 30 days
 *   (the wording after SFS 2013:55, not seen). Until verified the later of the two is used — 30
 *   days, or one month when that is longer — so the debtor is never charged a day too early.
 * - **days**: as for Norway, the start date itself accrues nothing and the day of payment does
 *   (the engine's convention); the year basis is rate/365 (`yearBasis`, uncertain: no statutory
 *   day count).
 *
 * Only the statutory rate is modelled; a higher agreed rate (6 § "om inte annat avtalats") is not.
 */
export type SwedishInterestStartBasis = "agreed-due-date" | "demand-plus-30-days" | "payment-order-served";

const laterOf = (a: LocalDate, b: LocalDate): LocalDate => (a.isAfter(b) ? a : b);

export interface SwedishInterestStart {
  /** The `from` of `computeInterest`: the first interest day is the day after. */
  readonly date: LocalDate;
  readonly basis: SwedishInterestStartBasis;
  readonly rule: string;
  readonly source: string;
  readonly citation: Citation;
  readonly confidence: Confidence;
}

export interface SwedishInterestStartInput {
  /** The claim's due date as the invoice states it (null if none). */
  readonly dueDate?: LocalDate | null;
  /** 3 §: the due date was fixed in advance (agreed before or when the debt arose). */
  readonly dueDateAgreedInAdvance: boolean;
  /** 4 §: the first invoice, reminder or inkassokrav that stated the amount and that dröjsmålsränta will be charged. */
  readonly demandWithInterestNoticeSentOn?: LocalDate | null;
  /** 4 § third paragraph: the day the betalningsföreläggande (or stämning) was served on the debtor. */
  readonly paymentOrderServedOn?: LocalDate | null;
}


export function swedishInterestStart(input: SwedishInterestStartInput): SwedishInterestStart {
  const due = input.dueDate ?? null;
  const demand = input.demandWithInterestNoticeSentOn ?? null;
  const served = input.paymentOrderServedOn ?? null;
  for (const [field, d] of [["dueDate", due], ["demandWithInterestNoticeSentOn", demand], ["paymentOrderServedOn", served]] as const) {
    if (d !== null && !(d instanceof LocalDate)) throw invalidInput(field, "is not a date");
  }
  if (typeof input.dueDateAgreedInAdvance !== "boolean") throw invalidInput("dueDateAgreedInAdvance", "must be true or false");

  if (input.dueDateAgreedInAdvance) {
    if (due === null) throw invalidInput("dueDate", "a due date agreed in advance needs the due date");
    const moved = adjustDueDate(due, "SE");
    return {
      date: moved,
      basis: "agreed-due-date",
      rule: `The due date was fixed in advance: dröjsmålsränta from the due date ${moved}${moved.equals(due) ? "" : ` (${due} moved off a day off)`}.`,
      source: `räntelagen (1975:635) 3 §; ${DUE_DATE_RULES.SE.source}`,
      citation: { nb: "räntelagen (1975:635) § 3", en: "Interest Act (1975:635) § 3", sv: "3 § räntelagen (1975:635)" },
      confidence: moved.equals(due) ? "primary" : "uncertain",
    };
  }
  const candidates: SwedishInterestStart[] = [];
  if (demand !== null) {
    candidates.push({
      date: laterOf(demand.plusDays(30), demand.plusMonths(1)),
      basis: "demand-plus-30-days",
      rule: `No due date fixed in advance: dröjsmålsränta from 30 days (or one month, if longer) after the invoice or demand stating the amount and that interest will be charged (sent ${demand}).`,
      source: "räntelagen (1975:635) 4 § första stycket: \"en månad\" in the wording of SFS 1991:858 (lagboken.se) [P] and konsumenternas.se [S]; 30 days per nordic-rules S3 (sergel.se) and issue 16",
      citation: { nb: "räntelagen (1975:635) § 4 første ledd", en: "Interest Act (1975:635) § 4 first paragraph", sv: "4 § första stycket räntelagen (1975:635)" },
      confidence: "uncertain",
    });
  }
  if (served !== null) {
    candidates.push({
      date: served,
      basis: "payment-order-served",
      rule: `Dröjsmålsränta at the latest from the day the application for betalningsföreläggande was served (${served}).`,
      source: "räntelagen (1975:635) 4 § tredje stycket, wording of SFS 1991:858 (lagboken.se) [P]",
      citation: { nb: "räntelagen (1975:635) § 4 tredje ledd", en: "Interest Act (1975:635) § 4 third paragraph", sv: "4 § tredje stycket räntelagen (1975:635)" },
      confidence: "secondary",
    });
  }
  const earliest = candidates.sort((a, b) => a.date.compare(b.date))[0];
  if (!earliest) {
    throw invalidInput("demandWithInterestNoticeSentOn", "without a due date fixed in advance, give the day an invoice or demand stating the interest was sent (räntelagen 4 §)");
  }
  return earliest;
}

export interface SwedishLateInterest extends InterestResult {
  readonly start: SwedishInterestStart;
}

/** Dröjsmålsränta on `principal` from the start `swedishInterestStart` gives, up to and including `until`. */
export function swedishLateInterest(input: { principal: Money; start: SwedishInterestStart; until: LocalDate; rules: SwedishRuleSet }): SwedishLateInterest {
  const { principal, start, until, rules } = input;
  if (principal.currency !== rules.currency) throw invalidInput("principal", `a Swedish claim is in ${rules.currency}, not ${principal.currency}`);
  const from = until.isBefore(start.date) ? until : start.date;
  const result = computeInterest({ principal, from, until, rates: rules.lateInterest });
  return { ...result, start, rule: `räntelagen (1975:635) 6 §: referensränta + 8 pp. ${start.rule} ${result.rule}` };
}
