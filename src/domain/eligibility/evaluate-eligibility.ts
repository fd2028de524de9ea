import { LocalDate } from "../calendar/local-date.js";
import { type Assessment, type EligibilityContext, type EligibilityStatus, UNKNOWN_DAY, assess, statusOf } from "./assess.js";
import type { EligibilityCustomer, EligibilityInvoice } from "./invoice.js";
import { FIRST_TIMING, REASON_CODES, type ReasonCode } from "./reason-codes.js";
import { REASON_SPECS, type Text, type TextInput } from "./reason-texts.js";
import type { EligibilitySettings } from "./settings.js";

/**
 * Transfer eligibility (docs/RULES.md § 8): invoice + customer + settings + today → a decision
 * with every reason that applies, not only the first.
 *
 * - `eligible`: it may go now (to the draft list; automatically when `autoTransfer`).
 * - `waiting`: it will be eligible on `eligibleOn` without anyone doing anything. `eligibleOn` is
 *   null only while the ledger's own reminder or notice, whose due date sets the day, is not sent yet.
 * - `blocked`: a person or the data must change; `eligibleOn` is null. Blocked wins over waiting,
 *   and the timing reason is still listed.
 *
 * `eligibleOn` is the day of the route the invoice takes: the automatic-transfer day when
 * `autoTransfer`, otherwise the draft-list day (or, with `manual`, the day it may be moved by
 * hand). Only invalid input throws: a negative or non-integer open amount (`invoice.openAmount`)
 * or an unknown jurisdiction; a missing due date is a blocked decision, not an error.
 */
export interface Reason {
  readonly code: ReasonCode;
  readonly text: Text;
  readonly rule: string;
  readonly source: string;
  readonly blocking: boolean;
  /** The day the reason stops holding back the invoice (waiting decisions only). */
  readonly changesOn?: LocalDate;
}

export interface Decision {
  readonly status: EligibilityStatus;
  readonly eligibleOn: LocalDate | null;
  /** Would go without approval under the automatic-transfer settings; never true when blocked. */
  readonly autoTransfer: boolean;
  readonly target: "draft-list" | "none";
  readonly reasons: readonly Reason[];
}

export type { EligibilityContext, EligibilityStatus } from "./assess.js";

export function evaluateEligibility(
  invoice: EligibilityInvoice,
  customer: EligibilityCustomer,
  settings: EligibilitySettings,
  context: EligibilityContext,
): Decision {
  const a = assess(invoice, customer, settings, context);
  const status = statusOf(a, context.today.epochDay);
  const blocked = status === "blocked";
  return {
    status,
    eligibleOn: blocked || a.eligibleOn === UNKNOWN_DAY ? null : LocalDate.ofEpochDay(a.eligibleOn),
    autoTransfer: !blocked && a.autoTransfer,
    target: blocked ? "none" : "draft-list",
    reasons: reasonsOf(a, { a, status, invoice, customer, settings, context }),
  };
}

/** The fast variant for bulk runs: the same status and day as `evaluateEligibility`, without reasons. */
export interface StatusOnly {
  readonly status: EligibilityStatus;
  /** `eligibleOn` as an epoch day, or null. */
  readonly eligibleOnEpochDay: number | null;
  readonly autoTransfer: boolean;
}

export function evaluateEligibilityStatus(
  invoice: EligibilityInvoice,
  customer: EligibilityCustomer,
  settings: EligibilitySettings,
  context: EligibilityContext,
): StatusOnly {
  const a = assess(invoice, customer, settings, context);
  const status = statusOf(a, context.today.epochDay);
  const blocked = status === "blocked";
  return {
    status,
    eligibleOnEpochDay: blocked || a.eligibleOn === UNKNOWN_DAY ? null : a.eligibleOn,
    autoTransfer: !blocked && a.autoTransfer,
  };
}

function reasonsOf(a: Assessment, input: TextInput): Reason[] {
  const reasons: Reason[] = [];
  for (let i = 0; i < FIRST_TIMING; i++) if ((a.block & (1 << i)) !== 0) reasons.push(reason(i, input, true));
  if (a.timing >= 0) {
    const r = reason(a.timing, input, false);
    reasons.push(input.status === "waiting" && a.eligibleOn !== UNKNOWN_DAY ? { ...r, changesOn: LocalDate.ofEpochDay(a.eligibleOn) } : r);
  }
  for (let i = FIRST_TIMING; i < REASON_CODES.length; i++) if ((a.info & (1 << i)) !== 0) reasons.push(reason(i, input, false));
  return reasons;
}

function reason(index: number, input: TextInput, blocking: boolean): Reason {
  const code = REASON_CODES[index]!;
  const spec = REASON_SPECS[code];
  return {
    code,
    text: spec.text(input),
    rule: spec.rule,
    source: typeof spec.source === "string" ? spec.source : spec.source(input),
    blocking,
  };
}
