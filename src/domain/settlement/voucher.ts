import { DomainError } from "../errors.js";
import { type Currency, type Money } from "../money.js";
import { type LocalDate } from "../calendar/local-date.js";

/** One line of a voucher (bilag). `amount`: + debit, − credit, in minor units. */
export interface VoucherLine {
  readonly accountCode: string;
  readonly amount: Money;
  readonly description: string;
  /** Customer-ledger item id: the invoice's KID, so the ledger can match and close the item. */
  readonly cid?: string;
  readonly vatCode?: string;
}

export interface Voucher {
  readonly date: LocalDate;
  readonly currency: Currency;
  /** Stable id for the ledger's idempotent import (PowerOffice's externalImportReference). */
  readonly externalReference: string;
  readonly description: string;
  readonly lines: readonly VoucherLine[];
}

/** Double entry: the lines of a voucher sum to exactly zero. */
export function assertBalanced(lines: readonly VoucherLine[], field = "lines"): void {
  const total = lines.reduce((s, l) => s + l.amount.amount, 0);
  if (total !== 0) throw new DomainError("unbalanced_voucher", `the lines sum to ${total}, not 0`, field);
}

/** Balance per account code (and per cID for customer-ledger lines) after applying vouchers: `code` or `code#cid`. */
export function balances(vouchers: readonly Voucher[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of vouchers) {
    for (const l of v.lines) {
      const key = l.cid === undefined ? l.accountCode : `${l.accountCode}#${l.cid}`;
      out.set(key, (out.get(key) ?? 0) + l.amount.amount);
    }
  }
  return out;
}
