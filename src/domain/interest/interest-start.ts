import type { LocalDate } from "../calendar/local-date.js";
import { invalidInput } from "../errors.js";

/**
 * The date late interest runs from. It is the `from` of `computeInterest`: that day itself
 * accrues nothing, the next day is the first interest day (N6 practice: days = paid − due).
 *
 * - NO forsinkelsesrenteloven § 2: from the forfallsdag when it was fixed in advance; otherwise
 *   from 30 days after the creditor sent a written påkrav (electronic only if the debtor accepted
 *   that expressly). No interest while the delay is the creditor's fault (not modelled here).
 * - SE räntelagen §§ 3–4: from förfallodagen; otherwise 30 days after an invoice or demand
 *   stating that dröjsmålsränta will otherwise be charged. The Swedish process uses
 *   `se/late-interest.ts` instead, which also asks whether the due date was fixed in advance,
 *   takes one month when that is longer than 30 days (the wording of 4 § is uncertain) and stops
 *   at service of a betalningsföreläggande (4 § third paragraph).
 * - FI korkolaki § 4: from the due date; otherwise 30 days after the invoice or demand was sent.
 */
export interface InterestStart {
  readonly date: LocalDate;
  readonly rule: string;
  readonly source: string;
}

const DEMAND_DAYS = 30;

const SOURCES = {
  NO: { due: "forsinkelsesrenteloven § 2 første ledd", demand: "forsinkelsesrenteloven § 2 første ledd (30 dager etter skriftlig påkrav)" },
  SE: { due: "räntelagen (1975:635) § 3", demand: "räntelagen (1975:635) § 4" },
  FI: { due: "korkolaki (633/1982) § 4", demand: "korkolaki (633/1982) § 4 (30 days after the invoice or demand)" },
} as const;

export function interestStartDate(input: { dueDate?: LocalDate | null; demandSentOn?: LocalDate | null; jurisdiction?: "NO" | "SE" | "FI" }): InterestStart {
  const sources = SOURCES[input.jurisdiction ?? "NO"];
  if (input.dueDate) {
    return { date: input.dueDate, rule: "A due date fixed in advance: interest runs from the due date.", source: sources.due };
  }
  if (input.demandSentOn) {
    return {
      date: input.demandSentOn.plusDays(DEMAND_DAYS),
      rule: `No due date fixed in advance: interest runs from ${DEMAND_DAYS} days after the written demand was sent.`,
      source: sources.demand,
    };
  }
  throw invalidInput("dueDate", "give the due date, or the date a written demand was sent when no due date was fixed");
}
