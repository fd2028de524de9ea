export { type Percent, type SettlementAgreement, parsePercent } from "./agreement.js";
export { type CreditorAccounts, NS4102_DEFAULT_ACCOUNTS, creditorAccounts } from "./accounts.js";
export {
  type BucketAmounts,
  type CreditorCharge,
  type Settlement,
  type SettlementAllocation,
  type SettlementCaseInput,
  type SettlementInput,
  type SettlementLine,
  type SettlementTotals,
  SETTLEMENT_SOURCE,
  settle,
} from "./settle.js";
export { type AgencyPayment, customerItemId, paymentJournal } from "./payment-journal.js";
export { postingProposal } from "./posting-proposal.js";
export { type Voucher, type VoucherLine, assertBalanced, balances } from "./voucher.js";
