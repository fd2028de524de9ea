/**
 * The shapes of docs/API.md, as the portal reads them. Money is a decimal string, dates are
 * "YYYY-MM-DD", instants ISO 8601.
 */

export type Role = "firm-admin" | "firm-accountant" | "creditor-user" | "case-handler" | "agency-finance" | "operator-admin";

export interface Membership {
  role: Role | string;
  firmId: string | null;
  firmName: string | null;
  creditorId: string | null;
  creditorName: string | null;
}

export interface Me {
  user: { id: string; email: string; name: string; locale: string | null };
  memberships: Membership[];
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  /** Absent on lists that always come whole. */
  nextCursor?: string | null;
}

/** A reason's text: one string, or one per language. */
export type ReasonText = string | { nb?: string; en?: string };

export interface Reason {
  code: string;
  text: ReasonText;
}

export interface SyncInfo {
  status: string | null;
  lastSyncAt: string | null;
  problems: number | string[] | null;
}

export interface DashboardClient {
  creditorId: string;
  code: string;
  name: string;
  status: string;
  overdueCount: number;
  overdueAmount: string;
  draftCount: number;
  draftAmount: string;
  actionNeeded: number;
  openCases: number;
  collectedThisMonth: string;
  sync: SyncInfo;
}

export interface Dashboard {
  firm: { id: string; name: string };
  currency: string;
  totals: {
    overdueCount: number;
    overdueAmount: string;
    draftCount: number;
    draftAmount: string;
    actionNeeded: number;
    openCases: number;
    syncProblems: number;
  };
  clients: DashboardClient[];
}

export interface Creditor {
  id: string;
  code: string;
  name: string;
  orgNumber: string;
  status: string;
  bankAccount?: string | null;
  currency?: string;
  settings: CreditorSettings;
}

export interface CollectionSettings {
  firstStep?: "reminder" | "collection-notice";
  reminderDeadlineDays?: number;
  noticeDeadlineDays?: number;
  paymentDemandDeadlineDays?: number;
  stopWindowDays?: number | null;
  letterLanguage?: "nb" | "en";
  approveBeforePaymentDemand?: boolean;
  approveBeforeLegal?: boolean;
  legalStep?: "forliksklage" | "utlegg";
  freeWithdrawalDays?: number;
  [key: string]: unknown;
}

export interface TransferSettings {
  mode?: string;
  /** Stored in øre (a number); sent as a decimal string. */
  minimumAmount?: string | number | null;
  delayDays?: number;
  excludedCustomerGroups?: string[];
  excludedGroups?: string[];
  [key: string]: unknown;
}

export interface CreditorSettings {
  collection?: CollectionSettings;
  transfer?: TransferSettings;
  accounts?: Record<string, string | boolean | null | undefined>;
  settlement?: { frequency?: string; interestTo?: string; [key: string]: unknown };
}

export type InvoiceState = "waiting" | "blocked" | "draft" | "transferred" | string;

export interface Invoice {
  claimId: string;
  invoiceNumber: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  open: string;
  currency: string;
  state: InvoiceState;
  reasons: Reason[];
  eligibleOn: string | null;
  caseId: string | null;
  caseNumber: string | null;
}

export interface ApproveResult {
  approved: number;
  cases: { claimId: string; caseId: string; caseNumber: string }[];
  /** Drafts the rules refused at approval, with the reason in words. */
  refused?: { claimId: string; reason: string }[];
}

export interface Hold {
  kind: string;
  reason: string | null;
  until: string | null;
}

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  invoiceNumber: string;
  debtorName: string;
  stage: string;
  statusText: string;
  hold: Hold | null;
  balance: string;
  currency: string;
  openedOn: string;
  nextActionOn: string | null;
  closedOn: string | null;
  actionNeeded: boolean;
}

export interface CaseDetail {
  case: {
    caseId: string;
    caseNumber: string;
    creditorId: string;
    invoiceNumber: string;
    debtorName: string;
    kid: string | null;
    stage: string;
    statusText: string;
    hold: Hold | null;
    openedOn: string;
    dueDate: string;
    closedOn: string | null;
    currency: string;
  };
  balances: { principal: string; interest: string; fees: string; salary: string; legal: string; paid: string; total: string };
  /** `on` is null while the case waits for an approval. */
  next: { event: string; on: string | null; text: string } | null;
  /** The actions the case allows now (servers from this version on). */
  allowedActions?: string[];
  timeline: TimelineEntry[];
  letters: Letter[];
  charges: Charge[];
  payments: Payment[];
}

export interface TimelineEntry {
  id: number | string;
  on: string;
  at: string | null;
  actor: string | null;
  type: string;
  text: string;
  reason: string | null;
  letterId: string | null;
}

export interface Letter {
  letterId: string;
  kind: string;
  sentOn: string | null;
  deadline: string | null;
  language: string;
  status: string;
}

export interface Charge {
  kind: string;
  on: string;
  amount: string;
  rule: string;
  source: string;
  payer: string;
}

export interface Payment {
  paymentId: string;
  receivedOn: string;
  amount: string;
  channel: string;
  allocations: { bucket: string; amount: string }[];
}

/** `POST /v1/cases/:id/actions/:action?preview=true`: the action done and rolled back. */
export interface ActionPreview {
  ok: true;
  preview: boolean;
  stage: string;
  hold: string | null;
  nextActionOn: string | null;
  letters: number;
  charges: { kind: string; amount: string; payer: string; rule: string }[];
  balance: string;
}

export interface WithdrawPreview {
  free: boolean;
  cost: { fees: string; interest: string; total: string };
  text: string;
}

export interface Charts {
  currency: string;
  overdueByAge: { bucket: string; count: number; amount: string }[];
  collectedByMonth: { month: string; amount: string }[];
}

export interface WhatIfSummary {
  /** Cases that run in the period (open ones and new ones). */
  cases: number;
  /** Of those, opened in the period. */
  opened?: number;
  letters: { reminder: number; collectionNotice: number; paymentDemand: number };
  fees: string;
  salary: string;
  interest: string;
  byWeek: { weekStart: string; letters: number; fees: string }[];
}

export interface WhatIfResult {
  from: string;
  to: string;
  current: WhatIfSummary;
  proposed: WhatIfSummary;
}

/** A settlement (oppgjør) in the list. */
export interface SettlementSummary {
  settlementId: string;
  periodFrom: string;
  periodTo: string;
  settledOn: string;
  /** Paid to the creditor. */
  payout: string;
  /** Invoiced to the creditor when what it owes exceeded its share. */
  invoiceToCreditor: string;
  /** The voucher's delivery to the ledger (the outbox), null before it is queued. */
  voucherStatus: string | null;
  /** When the ledger confirmed the voucher booked. */
  bookedAt: string | null;
  currency?: string;
}

export interface VoucherLine {
  accountCode: string;
  /** Positive: debit; negative: credit. */
  amount: string;
  description: string;
  cid?: string;
  vatCode?: string;
}

export interface SettlementDetail extends SettlementSummary {
  result?: { currency?: string; outcome?: string; notes?: string[] } | null;
  voucher?: { lines?: VoucherLine[] } | null;
  bookedCheck?: unknown;
}

/**
 * Why a case is suggested for a queued payment: `why` is the server's English text, `basis` the
 * same as a code with its facts (`basisValues`), null when the server's text is not one of its codes.
 */
export interface MatchSuggestion {
  caseId: string | null;
  caseNumber: string;
  why: string;
  /** invoice_number, same_amount, same_amount_and_name, or a code this portal does not know yet. */
  basis: string | null;
  basisValues: { invoiceNumber?: string; amount?: string; debtorName?: string };
}

/** `GET /v1/payments/unmatched`: a bank payment no KID matched, waiting for a person. */
export interface UnmatchedPayment {
  bankPaymentId: string;
  bookedOn: string | null;
  amount: string | null;
  /** The currency of `amount` and of the suggestions' amounts (BgMax payments are SEK). */
  currency: string | null;
  /** The KID or other reference the payer gave. */
  reference: string | null;
  payerName: string | null;
  /** Why no case was found, in the server's words (English). */
  note: string | null;
  /**
   * The note as a code (no_kid, kid_check_digit, unknown_kid, foreign_currency, not_positive,
   * dated_after_today, dated_before_last_change, refused, duplicate, or one this portal does not
   * know yet), null when the note is not one of them.
   */
  reasonCode: string | null;
  reasonValues: { kid?: string; detail?: string; currency?: string; bookedOn?: string; today?: string; changedOn?: string; message?: string; bankReference?: string };
  suggestions: MatchSuggestion[];
}

/** `POST /v1/payments/:bankPaymentId/match { caseNumber }`: recorded false when it was recorded before. */
export interface MatchResult {
  recorded: boolean;
  stage: string | null;
  balance: string | null;
}
