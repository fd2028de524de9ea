import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupBalances } from "./ledger-matching.js";
import type { LedgerEntry } from "./model.js";

function entry(id: number, amountMinor: number, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id,
    customerCode: 10001,
    voucherId: `v${id}`,
    voucherNo: id,
    voucherType: amountMinor > 0 ? 4 : 19,
    voucherDate: 0,
    postingDate: 0,
    amountMinor,
    balanceMinor: amountMinor,
    isWriteOff: false,
    isReversed: false,
    createdAt: 0,
    lastChanged: 0,
    ...extra,
  };
}

describe("groupBalances", () => {
  it("nets a partial payment against the invoice", () => {
    expect(groupBalances([entry(1, 1_000_00), entry(2, -400_00)])).toEqual(new Map([[1, 600_00], [2, 0]]));
  });

  it("leaves an overpayment open on the payment", () => {
    expect(groupBalances([entry(1, 1_000_00), entry(2, -1_500_00)])).toEqual(new Map([[1, 0], [2, -500_00]]));
  });

  it("settles invoices in posting order", () => {
    expect(groupBalances([entry(2, 300_00), entry(1, 500_00), entry(3, -600_00)])).toEqual(
      new Map([[1, 0], [2, 200_00], [3, 0]]),
    );
  });

  it("takes a reversal and the entry it reverses out of the netting", () => {
    const balances = groupBalances([entry(1, 1_000_00), entry(2, -400_00, { isReversed: true }), entry(3, 400_00, { reversesEntryId: 2 })]);
    expect(balances).toEqual(new Map([[1, 1_000_00], [2, 0], [3, 0]]));
  });

  it("keeps the group's total: the open balances sum to the amounts (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((n) => n !== 0), { minLength: 1, maxLength: 8 }), (amounts) => {
        const entries = amounts.map((a, i) => entry(i + 1, a));
        const balances = groupBalances(entries);
        const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(sum([...balances.values()])).toBe(sum(amounts));
        // Never both an open debit and an open credit in one group.
        const values = [...balances.values()];
        expect(values.some((b) => b > 0) && values.some((b) => b < 0)).toBe(false);
        // A balance never exceeds its amount nor flips its sign.
        for (const e of entries) {
          const b = balances.get(e.id)!;
          expect(Math.sign(b) === 0 || Math.sign(b) === Math.sign(e.amountMinor)).toBe(true);
          expect(Math.abs(b)).toBeLessThanOrEqual(Math.abs(e.amountMinor));
        }
      }),
    );
  });
});
