import type { LocalDate } from "../../calendar/local-date.js";

/**
 * Why a Swedish transition was refused, as a code (shared with Norway where the reason is the
 * same) and words in Swedish and English.
 */
export interface SwedishRefusal {
  readonly code: SwedishRefusalCode;
  readonly text: { readonly sv: string; readonly en: string };
}

type Texts = (p: { date?: LocalDate; stage?: string; event?: string }) => { sv: string; en: string };

const TEXTS = {
  event_not_allowed: (p) => ({ sv: `"${p.event}" är inte möjligt i steget "${p.stage}"`, en: `"${p.event}" is not possible in the stage "${p.stage}"` }),
  case_closed: () => ({ sv: "Ärendet är avslutat; det kan bara återöppnas", en: "The case is closed; it can only be reopened" }),
  case_paused: () => ({ sv: "Ärendet är pausat", en: "The case is paused" }),
  on_payment_plan: () => ({ sv: "Ärendet följer en amorteringsplan; inget händer medan planen hålls", en: "The case is on a payment plan; nothing happens while the plan holds" }),
  not_on_payment_plan: () => ({ sv: "Ärendet har ingen amorteringsplan", en: "The case has no payment plan" }),
  case_disputed: () => ({ sv: "Kravet är bestritt; inget händer förrän invändningen är utredd", en: "The claim is disputed; nothing happens until the dispute is resolved" }),
  not_overdue: () => ({ sv: "Fordran har inte förfallit", en: "The claim is not overdue" }),
  respite_running: (p) => ({ sv: `Gäldenären har fått anstånd till ${p.date}`, en: `The debtor has been given until ${p.date}` }),
  reminder_deadline_running: (p) => ({ sv: `Påminnelsens betalningstid löper till ${p.date}`, en: `The reminder's deadline runs until ${p.date}` }),
  deadline_not_after_today: () => ({ sv: "Betalningstiden måste gå ut efter i dag", en: "The deadline must be after today" }),
  deadline_too_short: (p) => ({
    sv: `Betalningstiden i inkassokravet är för kort enligt god inkassosed: ${p.date} eller senare`,
    en: `The collection demand's deadline is too short under good debt-collection practice: ${p.date} or later`,
  }),
  receipt_before_sending: () => ({ sv: "Förmodat mottagande kan inte ligga före avsändandet", en: "The presumed receipt cannot be before the sending" }),
  notice_deadline_running: (p) => ({ sv: `Inkassokravets betalningstid löper till ${p.date}`, en: `The collection demand's deadline runs until ${p.date}` }),
  legal_approval_required: () => ({ sv: "Borgenären måste först godkänna ansökan om betalningsföreläggande", en: "The creditor must first approve the application for a payment order" }),
  surveillance_too_early: (p) => ({ sv: `Bevakning efter 12 månaders inkasso: från ${p.date}`, en: `Surveillance after 12 months of collection: from ${p.date}` }),
  reason_required: () => ({ sv: "Ange ett skäl", en: "A reason is required" }),
  pause_end_not_after_today: () => ({ sv: "Pausen måste sluta efter i dag", en: "The pause must end after today" }),
  not_paused: () => ({ sv: "Ärendet är inte pausat", en: "The case is not paused" }),
  already_disputed: () => ({ sv: "Kravet är redan bestritt", en: "The claim is already disputed" }),
  not_disputed: () => ({ sv: "Kravet är inte bestritt", en: "The claim is not disputed" }),
  postpone_not_later: (p) => ({ sv: `Ny betalningstid måste vara efter ${p.date}`, en: `The new deadline must be after ${p.date}` }),
  balance_not_zero: () => ({ sv: "Ärendet har fortfarande ett utestående saldo", en: "The case still has a balance" }),
  balance_zero: () => ({ sv: "Ärendet har inget utestående saldo", en: "The case has no balance" }),
  not_reopenable: () => ({ sv: "Bara ärenden avslutade som betalda eller krediterade kan återöppnas", en: "Only cases closed as paid or credited can be reopened" }),
} satisfies Record<string, Texts>;

export type SwedishRefusalCode = keyof typeof TEXTS;
export const SWEDISH_REFUSAL_CODES = Object.keys(TEXTS) as readonly SwedishRefusalCode[];

export function swedishRefusal(code: SwedishRefusalCode, params: { date?: LocalDate; stage?: string; event?: string } = {}): SwedishRefusal {
  return { code, text: TEXTS[code](params) };
}
