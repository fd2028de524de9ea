import { type Money, money } from "../money.js";
import { type CreditorAccounts, NS4102_DEFAULT_ACCOUNTS } from "./accounts.js";
import { customerItemId } from "./payment-journal.js";
import { type Settlement, type SettlementLine } from "./settle.js";
import { type Voucher, type VoucherLine, assertBalanced } from "./voucher.js";

/**
 * The posting proposal (konteringsforslag) for the CREDITOR's ledger: one balanced voucher that,
 * after the same-day payment journals (paymentJournal), clears the customer items and the clearing
 * account and posts interest income, collection cost and commission expense and input VAT
 * (docs/SETTLEMENT.md). Per case, with D = debit (+), C = credit (−):
 *
 *   D customer (cID = KID)   non-principal part of agency + direct payments (costs + interest),
 *                            which the journal / the creditor's own booking credited to the invoice
 *   C interest income 8050   interest, when it is the creditor's
 *   C clearing 1510          costs (and interest when it is the agency's): the agency keeps them
 * Per settlement:
 *   D collection costs 7770 / C clearing     withdrawal costs billed to the creditor
 *   D commission 7770, D input VAT 2710 / C clearing   commission and VAT (VAT into the expense
 *                                             when the creditor cannot deduct it)
 *   D bank 1920 / C clearing                 the payout
 *   D clearing / C supplier 2400             the agency's invoice when set-off exceeds the share
 *
 * Afterwards the clearing account's movement is zero (journals + this voucher) and each customer
 * item is reduced by exactly the principal collected. Account numbers: NS 4102 conventions, see
 * accounts.ts. Lines other than the customer items are summed per account and purpose.
 */
export function postingProposal(settlement: Settlement, accounts: CreditorAccounts = NS4102_DEFAULT_ACCOUNTS): Voucher {
  const { currency } = settlement;
  const creditorInterest = settlement.interestTo === "creditor";
  const lines: VoucherLine[] = [];
  const pooled = new Map<string, VoucherLine>();
  const pool = (accountCode: string, amount: number, description: string, vatCode?: string) => {
    const key = `${accountCode}\u0000${description}\u0000${vatCode ?? ""}`;
    const prev = pooled.get(key);
    const total = (prev?.amount.amount ?? 0) + amount;
    pooled.set(key, { accountCode, amount: money(total, currency), description, ...(vatCode === undefined ? {} : { vatCode }) });
  };

  for (const l of settlement.lines) {
    const interest = l.received.interest.amount + l.direct.interest.amount;
    const nonPrincipal = nonPrincipalOf(l);
    if (nonPrincipal !== 0) {
      lines.push({
        accountCode: l.customerCode,
        amount: money(nonPrincipal, currency),
        description: `Inkassosak ${l.caseNumber}, faktura ${l.invoiceNumber}: kostnader og renter ført mot fakturaen`,
        cid: customerItemId(l.invoiceKid, l.invoiceNumber),
      });
    }
    if (creditorInterest) pool(accounts.interestIncome, -interest, "Forsinkelsesrente innkrevd");
    pool(accounts.clearing, -(nonPrincipal - (creditorInterest ? interest : 0)), "Inkassokostnader som tilfaller byrået");
  }

  const t = settlement.totals;
  pool(accounts.collectionCostExpense, t.withdrawalCosts.amount, "Inkassokostnader fakturert kreditor (tilbaketrekking)");
  pool(accounts.clearing, -t.withdrawalCosts.amount, "Inkassokostnader fakturert kreditor (tilbaketrekking)");

  const vat = t.commissionVat.amount;
  if (accounts.inputVatDeductible) {
    pool(accounts.commissionExpense, t.commission.amount, "Provisjon inkassobyrå", vat > 0 ? accounts.commissionVatCode : undefined);
    pool(accounts.inputVat, vat, "Inngående mva på provisjon");
  } else {
    pool(accounts.commissionExpense, t.commission.amount + vat, "Provisjon inkassobyrå inkl. mva");
  }
  pool(accounts.clearing, -(t.commission.amount + vat), "Provisjon inkassobyrå");

  pool(accounts.bank, settlement.payout.amount, "Utbetaling fra inkassobyrå");
  pool(accounts.clearing, -settlement.payout.amount, "Utbetaling fra inkassobyrå");
  pool(accounts.clearing, settlement.invoiceToCreditor.amount, "Faktura fra inkassobyrå (motregning overstiger oppgjør)");
  pool(accounts.agencyPayable, -settlement.invoiceToCreditor.amount, "Faktura fra inkassobyrå (motregning overstiger oppgjør)");

  for (const line of pooled.values()) if (line.amount.amount !== 0) lines.push(line);
  assertBalanced(lines);
  return {
    date: settlement.settledOn,
    currency,
    externalReference: `fordring-settlement-${settlement.settlementId}`,
    description: `Inkassooppgjør ${settlement.settlementId} for ${settlement.period.from}–${settlement.period.to}`,
    lines,
  };
}

/** Costs and interest of the agency's and the direct payments: what was credited to the invoice beyond principal. */
function nonPrincipalOf(l: SettlementLine): number {
  const sum = (m: Readonly<Record<string, Money>>) => Object.values(m).reduce((s, x) => s + x.amount, 0);
  return sum(l.received) - l.received.principal.amount + sum(l.direct) - l.direct.principal.amount;
}
