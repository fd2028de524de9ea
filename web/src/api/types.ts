/**
 * The shapes of the API as the portal reads them: aliases of the types generated from the
 * server's OpenAPI document (`schema.d.ts`, `npm run gen:api`; docs/API.md), so a server change
 * that breaks the portal fails `tsc -p web`. Money is a decimal string in the currency next to it,
 * dates are "YYYY-MM-DD", instants ISO 8601.
 *
 * Declared here by hand are only what the server leaves open (`unknown` or a free object in its
 * schema): the stored creditor settings and a settlement's result and voucher. The portal reads
 * those defensively.
 */
import type { paths } from "./schema";

export type { paths } from "./schema";

type Method = "get" | "post" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : never;
type Refusal<R> = R extends { 422: infer A } ? A : never;
/** An error answer's body: the server sends problems as application/problem+json. */
type ProblemOf<R> = R extends { content: { "application/problem+json": infer B } } ? B : JsonOf<R>;

/** The JSON a route answers with when it succeeds (200, or 201 for a create). */
export type Answer<P extends keyof paths, M extends Method> = JsonOf<Success<Operation<P, M>["responses"]>>;
/** The JSON a route answers with when it refuses (422), where its schema declares that answer. */
export type Refused<P extends keyof paths, M extends Method> = ProblemOf<Refusal<Operation<P, M>["responses"]>>;
/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends Method> = JsonOf<NonNullable<Operation<P, M>["requestBody"]>>;

export type Me = Answer<"/v1/me", "get">;
export type Membership = Me["memberships"][number];
export type Role = Membership["role"];

/** A cursor-paged list; `nextCursor` is absent on lists that always come whole. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type Dashboard = Answer<"/v1/firms/{firmId}/dashboard", "get">;
/** `GET /v1/dashboard`: every client the caller may see, with the manual-match queue's count. */
export type AgencyDashboard = Answer<"/v1/dashboard", "get">;
export type DashboardClient = Dashboard["clients"][number];
export type SyncInfo = DashboardClient["sync"];

/**
 * A creditor. The server sends `settings` as the stored object (its schema leaves it open); the
 * portal reads it as `CreditorSettings`.
 */
export type Creditor = Omit<Answer<"/v1/creditors/{creditorId}", "get">, "settings"> & { settings: CreditorSettings };

/** What `PATCH /v1/creditors/:id/settings` takes. */
export type SettingsPatch = Body<"/v1/creditors/{creditorId}/settings", "patch">;

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

type InvoiceRow = Answer<"/v1/creditors/{creditorId}/invoices", "get">["items"][number];
/**
 * A reason's text: the server sends one string today; the portal also reads one text per language
 * (server texts as codes or localized is issue 20's plan), so a server that starts doing so breaks nothing.
 */
export type ReasonText = InvoiceRow["reasons"][number]["text"] | { nb?: string; sv?: string; en?: string };
export type Reason = Omit<InvoiceRow["reasons"][number], "text"> & { text: ReasonText };
export type Invoice = Omit<InvoiceRow, "reasons"> & { reasons: Reason[] };
export type InvoiceState = Invoice["state"];

export type ApproveResult = Answer<"/v1/creditors/{creditorId}/drafts/approve", "post">;

type QueryOf<P extends keyof paths> = NonNullable<Operation<P, "get">["parameters"]["query"]>;
/** The case list's `state` filter. */
export type CaseListState = NonNullable<QueryOf<"/v1/creditors/{creditorId}/cases">["state"]>;
/** The invoice list's `state` filter. */
export type InvoiceListState = NonNullable<QueryOf<"/v1/creditors/{creditorId}/invoices">["state"]>;

export type CaseSummary = Answer<"/v1/creditors/{creditorId}/cases", "get">["items"][number];
export type Hold = NonNullable<CaseSummary["hold"]>;

export type CaseDetail = Answer<"/v1/cases/{caseId}", "get">;
export type TimelineEntry = CaseDetail["timeline"][number];
export type Letter = CaseDetail["letters"][number];
export type Charge = CaseDetail["charges"][number];
export type Payment = CaseDetail["payments"][number];

/** `POST /v1/cases/:id/actions/:action?preview=true`: the action done and rolled back. */
export type ActionPreview = Answer<"/v1/cases/{caseId}/actions/{action}", "post">;
export type CaseAction = Operation<"/v1/cases/{caseId}/actions/{action}", "post">["parameters"]["path"]["action"];
export type ActionBody = Body<"/v1/cases/{caseId}/actions/{action}", "post">;

export type WithdrawPreview = Answer<"/v1/cases/{caseId}/withdraw-preview", "get">;

export type Charts = Answer<"/v1/creditors/{creditorId}/charts", "get">;

export type WhatIfResult = Answer<"/v1/creditors/{creditorId}/what-if", "post">;
export type WhatIfSummary = WhatIfResult["current"];
/** A what-if running off the server's request thread: its progress, then its answer. */
export type WhatIfJob = Answer<"/v1/creditors/{creditorId}/what-if/jobs/{jobId}", "get">;

/** A settlement (oppgjør) in the list. */
export type SettlementSummary = Answer<"/v1/creditors/{creditorId}/settlements", "get">["items"][number];

export interface VoucherLine {
  accountCode: string;
  /** Positive: debit; negative: credit. */
  amount: string;
  description: string;
  cid?: string;
  vatCode?: string;
}

/** The settlement's sums (src/domain/settlement/settle.ts): each a decimal string in the settlement's currency. */
export interface SettlementTotals {
  receivedByAgency: string;
  agencyShareOfReceived: string;
  creditorShare: string;
  commission: string;
  commissionVat: string;
  withdrawalCosts: string;
  owedFromDirect: string;
  setOff: string;
  agencyTotal: string;
  net: string;
}

/** A settlement with its split and voucher; the server leaves `result` and `voucher` open. */
export type SettlementDetail = Omit<Answer<"/v1/settlements/{settlementId}", "get">, "result" | "voucher"> & {
  result?: { currency?: string; outcome?: string; notes?: string[]; interestTo?: string; totals?: SettlementTotals } | null;
  voucher?: { lines?: VoucherLine[] } | null;
};

/** `GET /v1/payments/unmatched`: a bank payment no KID matched, waiting for a person. */
export type UnmatchedPayment = Answer<"/v1/payments/unmatched", "get">["items"][number];
/** Why a case is suggested for a queued payment (`basis` null when the server's text is not one of its codes). */
export type MatchSuggestion = UnmatchedPayment["suggestions"][number];

/** `POST /v1/payments/:bankPaymentId/match { caseNumber }`: recorded false when it was recorded before. */
export type MatchResult = Answer<"/v1/payments/{bankPaymentId}/match", "post">;
