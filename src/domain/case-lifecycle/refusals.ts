import type { LocalDate } from "../calendar/local-date.js";

/**
 * Why a transition was refused, as a code and words for the portal. An expected "no" is a
 * result, not an exception (STYLE: service objects return a result for expected outcomes).
 */
export interface Refusal {
  readonly code: RefusalCode;
  readonly text: { readonly nb: string; readonly en: string };
}

type Texts = (p: { date?: LocalDate; stage?: string; event?: string }) => { nb: string; en: string };

/** A date in the Norwegian text as Norwegians write it (the English keeps ISO). */
const no = (d: LocalDate | undefined) => d?.toNorwegian() ?? "";

const REFUSAL_TEXTS = {
  event_not_allowed: (p) => ({ nb: `«${p.event}» er ikke mulig i steget «${p.stage}»`, en: `"${p.event}" is not possible in the stage "${p.stage}"` }),
  case_closed: () => ({ nb: "Saken er avsluttet; den kan bare gjenåpnes", en: "The case is closed; it can only be reopened" }),
  case_paused: () => ({ nb: "Saken er satt på pause", en: "The case is paused" }),
  case_disputed: () => ({
    nb: "Kravet er bestridt; ingenting skjer før innsigelsen er avklart",
    en: "The claim is disputed; nothing happens until the dispute is resolved",
  }),
  not_overdue: () => ({ nb: "Kravet er ikke forfalt", en: "The claim is not overdue" }),
  respite_running: (p) => ({ nb: `Skyldneren har utsatt frist til ${no(p.date)}`, en: `The debtor has been given until ${p.date}` }),
  too_early_for_notice: (p) => ({
    nb: `Inkassovarsel kan sendes fra ${no(p.date)}, 14 dager etter forfall`,
    en: `The collection notice may be sent from ${p.date}, 14 days after due`,
  }),
  reminder_deadline_running: (p) => ({ nb: `Purringens frist løper til ${no(p.date)}`, en: `The reminder's deadline runs until ${p.date}` }),
  deadline_too_short: (p) => ({ nb: `Fristen må være minst 14 dager: ${no(p.date)} eller senere`, en: `The deadline must be at least 14 days: ${p.date} or later` }),
  deadline_not_after_today: () => ({ nb: "Fristen må være etter i dag", en: "The deadline must be after today" }),
  notice_deadline_running: (p) => ({ nb: `Inkassovarselets frist løper til ${no(p.date)}`, en: `The collection notice's deadline runs until ${p.date}` }),
  no_collection_notice: () => ({
    nb: "Betalingsoppfordring krever et inkassovarsel med utløpt frist (inkassoloven § 10)",
    en: "A payment demand needs a collection notice whose deadline has passed (inkassoloven § 10)",
  }),
  stop_window_open: (p) => ({ nb: `Kreditor kan stoppe saken til og med ${no(p.date)}`, en: `The creditor can stop the case until ${p.date} inclusive` }),
  payment_demand_deadline_running: (p) => ({
    nb: `Betalingsoppfordringens frist løper til ${no(p.date)}`,
    en: `The payment demand's deadline runs until ${p.date}`,
  }),
  heavy_salary_not_yet: (p) => ({
    nb: `Tungt salær fra ${no(p.date)}, når fristen er oversittet med mer enn 28 dager`,
    en: `Heavy salary from ${p.date}, when the deadline is overrun by more than 28 days`,
  }),
  heavy_salary_already_charged: () => ({ nb: "Tungt salær er allerede beregnet", en: "Heavy salary has already been charged" }),
  renewed_demand_deadline_running: (p) => ({
    nb: `Ny betalingsoppfordring er sendt; rettslig skritt tidligst etter fristen ${no(p.date)} (inkassoloven § 11)`,
    en: `A new payment demand was sent; legal steps only after its deadline ${p.date} (inkassoloven § 11)`,
  }),
  no_pending_legal_step: () => ({ nb: "Ingen rettslig skritt venter", en: "No legal step is waiting" }),
  legal_approval_required: () => ({
    nb: "Kreditor må godkjenne rettslig inndriving først",
    en: "The creditor must approve legal collection first",
  }),
  surveillance_too_early: (p) => ({
    nb: `Overvåking etter 12 måneders inkasso: fra ${no(p.date)}`,
    en: `Surveillance after 12 months of collection: from ${p.date}`,
  }),
  remark_already_registered: () => ({ nb: "Betalingsanmerkning er allerede registrert", en: "A payment remark is already registered" }),
  remark_too_early: (p) => ({ nb: `Betalingsanmerkning tidligst ${no(p.date)}`, en: `A payment remark at the earliest on ${p.date}` }),
  remark_needs_legal_step: () => ({
    nb: "Forbrukere får betalingsanmerkning først etter et rettslig skritt",
    en: "Consumers get a payment remark only after a legal step",
  }),
  reason_required: () => ({ nb: "Oppgi en begrunnelse", en: "A reason is required" }),
  pause_end_not_after_today: () => ({ nb: "Pausen må slutte etter i dag", en: "The pause must end after today" }),
  on_payment_plan: () => ({
    nb: "Saken har en betalingsavtale; ingen brev eller rettslige skritt mens den holdes",
    en: "The case is on a payment plan; no letters or legal steps while it holds",
  }),
  debtor_insolvent: () => ({
    nb: "Skyldneren er konkurs, død eller under gjeldsordning; ordinær inndriving er stanset",
    en: "The debtor is bankrupt, deceased or in debt settlement; ordinary collection has stopped",
  }),
  not_insolvent: () => ({ nb: "Skyldneren er ikke registrert som insolvent", en: "The debtor is not recorded as insolvent" }),
  not_on_payment_plan: () => ({ nb: "Saken har ingen betalingsavtale", en: "The case has no payment plan" }),
  not_paused: () => ({ nb: "Saken er ikke satt på pause", en: "The case is not paused" }),
  already_disputed: () => ({ nb: "Kravet er allerede bestridt", en: "The claim is already disputed" }),
  not_disputed: () => ({ nb: "Kravet er ikke bestridt", en: "The claim is not disputed" }),
  postpone_not_later: (p) => ({ nb: `Ny frist må være etter ${no(p.date)}`, en: `The new deadline must be after ${p.date}` }),
  balance_not_zero: () => ({ nb: "Saken har fortsatt utestående saldo", en: "The case still has a balance" }),
  balance_zero: () => ({ nb: "Saken har ingen utestående saldo", en: "The case has no balance" }),
  not_reopenable: () => ({
    nb: "Bare saker avsluttet som betalt eller kreditert kan gjenåpnes",
    en: "Only cases closed as paid or credited can be reopened",
  }),
} satisfies Record<string, Texts>;

export type RefusalCode = keyof typeof REFUSAL_TEXTS;
export const REFUSAL_CODES = Object.keys(REFUSAL_TEXTS) as readonly RefusalCode[];

export function refusal(code: RefusalCode, params: { date?: LocalDate; stage?: string; event?: string } = {}): Refusal {
  return { code, text: REFUSAL_TEXTS[code](params) };
}
