/**
 * Every reason an eligibility decision can give, in the order reasons are listed. The index is
 * the bit the evaluator sets, so the hot path carries an integer and the texts are built only
 * when a full decision is asked for.
 */
export const REASON_CODES = [
  // Blocking: a person or the data must change.
  "no_due_date",
  "status_not_sent",
  "nothing_open",
  "customer_do_not_transfer",
  "excluded_from_dunning",
  "customer_in_excluded_group",
  "factored_or_financed",
  "at_other_agency",
  "missing_debtor_address",
  "time_barred",
  "below_minimum_amount",
  "duplicate_invoice_number",
  // Timing: exactly one per dated decision, the rule that sets `eligibleOn`.
  "draft_nothing_ticked",
  "draft_soft_reminder",
  "draft_after_ledger_letter",
  "awaiting_ledger_letter",
  "manual_move",
  "se_manual_minimum",
  "automatic_transfer",
  // Information: reported, never blocking.
  "auto_delay_raised_to_legal_minimum",
  "auto_below_minimum",
  "auto_excluded_group",
  "auto_overdue_at_activation",
  "auto_ledger_reminder_sent",
  "auto_other_currency",
  "financed_manual_only",
  "currency_differs",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const index = (code: ReasonCode): number => REASON_CODES.indexOf(code);

/** Codes below this index block the transfer. */
export const FIRST_TIMING = index("draft_nothing_ticked");
export const FIRST_INFO = index("auto_delay_raised_to_legal_minimum");

export const BIT = Object.fromEntries(REASON_CODES.map((c, i) => [c, 1 << i])) as Readonly<Record<ReasonCode, number>>;
export const CODE_INDEX = Object.fromEntries(REASON_CODES.map((c, i) => [c, i])) as Readonly<Record<ReasonCode, number>>;
