import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKETS } from "../allocation.js";
import { type SettlementAgreement } from "./agreement.js";
import { type CreditorAccounts, creditorAccounts } from "./accounts.js";
import { type AgencyPayment, paymentJournal } from "./payment-journal.js";
import { postingProposal } from "./posting-proposal.js";
import { type SettlementInput, settle } from "./settle.js";
import { aCase, aSettlementInput, alloc, d, nok } from "./settlement-fixtures.js";
import { type Voucher, balances } from "./voucher.js";

const amount = fc.integer({ min: 0, max: 2_000_000_00 });
const allocation = (prefix: string) =>
  fc.record({ p: fc.integer({ min: 1, max: 3 }), bucket: fc.constantFrom(...BUCKETS), amount, day: fc.integer({ min: 1, max: 31 }) }).map((a) =>
    alloc(`${prefix}${a.p}`, a.bucket, a.amount, `2025-03-${String(a.day).padStart(2, "0")}`),
  );
const caseArb = fc.record({
  agency: fc.array(allocation("a"), { maxLength: 6 }),
  direct: fc.array(allocation("d"), { maxLength: 4 }),
  charges: fc.array(amount, { maxLength: 2 }),
});
const percent = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => (i === 100 ? "100.00" : `${i}.${String(f).padStart(2, "0")}`));
const agreementArb: fc.Arbitrary<SettlementAgreement> = fc.record({
  interestTo: fc.constantFrom("creditor" as const, "agency" as const),
  commission: fc.record({ percentOfPrincipal: fc.option(percent, { nil: undefined }), minimumPerCase: fc.option(amount.map(nok), { nil: undefined }) }),
  vatRatePercent: percent,
  commissionVatLiable: fc.boolean(),
});
const settlementInputArb = fc.tuple(fc.array(caseArb, { maxLength: 6 }), agreementArb).map(([cases, agreement]) =>
  aSettlementInput(
    cases.map((c, i) =>
      aCase(String(i + 1), {
        customerCode: `1000${i % 3}`,
        agencyAllocations: c.agency.map((a) => ({ ...a, paymentId: `c${i}-${a.paymentId}` })),
        directAllocations: c.direct.map((a) => ({ ...a, paymentId: `c${i}-${a.paymentId}` })),
        creditorCharges: c.charges.map((x) => ({ kind: "withdrawal-costs", on: d("2025-03-15"), amount: nok(x) })),
      }),
    ),
    agreement,
  ),
);

describe("settle: properties", () => {
  it("conserves money, keeps every share non-negative, and pays out or invoices exactly the net", () => {
    fc.assert(
      fc.property(settlementInputArb, (input) => {
        const s = settle(input);
        const t = s.totals;
        const receivedIn = input.cases.flatMap((c) => c.agencyAllocations).reduce((x, a) => x + a.amount.amount, 0);
        // Σ received by the agency = creditor's share + agency's share, exactly
        expect(t.receivedByAgency.amount).toBe(receivedIn);
        expect(t.creditorShare.amount + t.agencyShareOfReceived.amount).toBe(receivedIn);
        // after set-off: Σ received = the creditor's net + the agency's total (commission and VAT included)
        expect(t.net.amount + t.agencyTotal.amount).toBe(receivedIn);
        expect(t.agencyTotal.amount).toBe(t.agencyShareOfReceived.amount + t.owedFromDirect.amount + t.withdrawalCosts.amount + t.commission.amount + t.commissionVat.amount);
        for (const l of s.lines) {
          expect(l.creditorShare.amount + l.agencyShareOfReceived.amount).toBe(l.receivedTotal.amount);
          for (const m of [l.creditorShare, l.agencyShareOfReceived, l.owedFromDirect, l.withdrawalCosts, l.commission, l.commissionVat]) {
            expect(m.amount).toBeGreaterThanOrEqual(0);
          }
        }
        expect(s.payout.amount).toBeGreaterThanOrEqual(0);
        expect(s.invoiceToCreditor.amount).toBeGreaterThanOrEqual(0);
        expect(Math.min(s.payout.amount, s.invoiceToCreditor.amount)).toBe(0);
        expect(s.payout.amount - s.invoiceToCreditor.amount).toBe(t.net.amount);
        expect(t.net.amount).toBe(t.creditorShare.amount - t.setOff.amount);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The creditor's ledger as the settlement sees it: the agency's payments arrive through the
 * same-day journals; a payment the creditor received directly was booked by the creditor itself
 * (debit bank, credit the invoice with the whole payment).
 */
function ledgerBefore(input: SettlementInput, accounts: CreditorAccounts): Voucher[] {
  const vouchers: Voucher[] = [];
  // The agency's payments of the day, every case's, in one batch journal (as the sync posts them).
  const journaled: AgencyPayment[] = [];
  for (const c of input.cases) {
    const byPayment = new Map<string, number>();
    for (const a of c.agencyAllocations) byPayment.set(a.paymentId, (byPayment.get(a.paymentId) ?? 0) + a.amount.amount);
    for (const [paymentId, total] of byPayment) {
      if (total === 0) continue;
      journaled.push({ paymentId, receivedOn: d("2025-03-10"), amount: nok(total), caseNumber: c.caseNumber, customerCode: c.customerCode, invoiceNumber: c.invoiceNumber, invoiceKid: c.invoiceKid });
    }
    const direct = c.directAllocations.reduce((s, a) => s + a.amount.amount, 0);
    if (direct !== 0) {
      vouchers.push({
        date: d("2025-03-10"),
        currency: "NOK",
        externalReference: `own-${c.caseId}`,
        description: "direct payment",
        lines: [
          { accountCode: "1920", amount: nok(direct), description: "direct" },
          { accountCode: c.customerCode, amount: nok(-direct), description: "direct", cid: c.invoiceKid! },
        ],
      });
    }
  }
  if (journaled.length > 0) vouchers.push(paymentJournal("day", journaled, accounts));
  return vouchers;
}

describe("posting proposal: properties", () => {
  const accountsArb = fc.record({ inputVatDeductible: fc.boolean(), clearing: fc.constantFrom("1510", "1512") }).map((o) => creditorAccounts(o));

  it("is balanced, and with the payment journals clears the clearing account and moves each customer item by exactly its principal", () => {
    fc.assert(
      fc.property(settlementInputArb, accountsArb, (input, accounts) => {
        const s = settle(input);
        const voucher = postingProposal(s, accounts);
        expect(voucher.lines.reduce((x, l) => x + l.amount.amount, 0)).toBe(0);
        expect(voucher.lines.every((l) => l.amount.amount !== 0 && Number.isSafeInteger(l.amount.amount))).toBe(true);
        const before = ledgerBefore(input, accounts);
        for (const v of before) expect(v.lines.reduce((x, l) => x + l.amount.amount, 0)).toBe(0);
        const after = balances([...before, voucher]);
        expect(after.get(accounts.clearing) ?? 0).toBe(0);
        for (const l of s.lines) {
          const principal = l.received.principal.amount + l.direct.principal.amount;
          expect((after.get(`${l.customerCode}#${l.invoiceKid}`) ?? 0) + principal).toBe(0);
        }
        expect(after.get(accounts.bank) ?? 0).toBe(s.payout.amount + s.lines.reduce((x, l) => x + Object.values(l.direct).reduce((y, m) => y + m.amount, 0), 0));
        expect((after.get(accounts.agencyPayable) ?? 0) + s.invoiceToCreditor.amount).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
