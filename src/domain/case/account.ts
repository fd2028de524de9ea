import type { VatAddOnBasis } from "../fees/vat-add-on.js";
import type { Bucket } from "../allocation.js";
import type { LocalDate } from "../calendar/local-date.js";
import type { CaseState } from "../case-lifecycle/case-state.js";
import { DomainError } from "../errors.js";
import type { Currency, Money } from "../money.js";

/**
 * A collection case as the planners see it: the lifecycle state, and the money per allocation
 * bucket — what was charged and what was paid, each in the case's currency — with the facts the
 * late interest runs on (a frozen base at the last principal change, accrued to a date), the
 * debtor's credit balance, the claim the salær band is chosen by, the limitation date and the
 * version the account was read at. No database row shape: the case store converts.
 */
export type Buckets<T> = Record<Bucket, T>;

export interface InterestFacts {
  /** The interest frozen at `baseOn` (the last principal change); interest is never charged on interest. */
  readonly base: Money;
  readonly baseOn: LocalDate;
  /** `charged.interest` is the interest accrued up to this day. */
  readonly accruedOn: LocalDate;
  /**
   * räntelagen (1975:635) 4 § (a Swedish claim whose due date was not fixed in advance): no
   * interest before this day; "awaiting-demand": none at all until a demand saying interest will
   * be charged is sent (the inkassokrav). Absent: interest from `baseOn` (the due date; Norway).
   */
  readonly startsOn?: LocalDate | "awaiting-demand";
}

export interface CaseAccount {
  readonly id: string;
  readonly creditorId: string;
  readonly currency: Currency;
  readonly version: number;
  readonly state: CaseState;
  /** Charged per bucket: costs as charged, interest as accrued, principal the claim. */
  readonly charged: Buckets<Money>;
  readonly paid: Buckets<Money>;
  readonly interest: InterestFacts;
  /** The claim the salær band is chosen by (inkassoforskriften § 2-2): the principal, less credit notes. */
  readonly claimForSalary: Money;
  /** An over-payment kept to refund to the debtor. */
  readonly credit: Money;
  readonly limitationOn: LocalDate | null;
  readonly nextActionOn: LocalDate | null;
  /** The ledger's own letters before transfer (absent: none known). */
  readonly ledgerLetters?: readonly LedgerLetterFact[];
  /** A Swedish claim's own påminnelseavgift agreement (lag (1981:739) 2 §); null or absent: the creditor's setting. */
  readonly reminderFeeAgreed?: boolean | null;
  /** Where the claim stems from, for the salær's VAT add-on (inkassoforskriften § 2-2 second paragraph); null or absent: from the creditor's VAT registration. */
  readonly vatAddOnBasis?: VatAddOnBasis | null;
}

/**
 * A letter the creditor's own ledger sent before the claim was transferred (a purring, or an
 * inkassovarsel). The fee limits of inkassoforskriften §§ 1-2, 1-3 are per claim, whoever charged
 * the fee: the agency's fee decisions count these. `fee` null: the ledger does not say
 * (PowerOffice's DebtCollectionInvoice has no fee field) — then the fee is assumed charged, so the
 * limits are never exceeded.
 */
export interface LedgerLetterFact {
  readonly letter: "reminder" | "collection-notice";
  readonly sentOn: LocalDate;
  readonly deadline: LocalDate | null;
  readonly fee: Money | null;
}

export const BUCKET_ORDER: readonly Bucket[] = ["fees", "salary", "legal-costs", "interest", "principal"];

/** What is still owed per bucket. */
export function openBalances(a: CaseAccount): Buckets<Money> {
  const out = {} as Record<Bucket, Money>;
  for (const b of BUCKET_ORDER) out[b] = { amount: a.charged[b].amount - a.paid[b].amount, currency: a.currency };
  return out;
}

/** The whole open balance (the five buckets together). */
export function openBalance(a: CaseAccount): Money {
  const b = openBalances(a);
  return { amount: BUCKET_ORDER.reduce((s, k) => s + b[k].amount, 0), currency: a.currency };
}

/** `amount` in the account's currency; money in another currency is refused, never converted. */
export function inCurrency(a: Pick<CaseAccount, "id" | "currency">, m: Money, field: string): Money {
  if (m.currency !== a.currency) {
    throw new DomainError("currency_mismatch", `${m.currency} money cannot be booked on case ${a.id}, which runs in ${a.currency}`, field);
  }
  return m;
}

/** Buckets of money in one currency, every one zero. */
export function zeroBuckets(currency: Currency): Buckets<Money> {
  const z = { amount: 0, currency };
  return { fees: z, salary: z, "legal-costs": z, interest: z, principal: z };
}
