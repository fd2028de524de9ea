import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import type { LetterAgency } from "../../collection/letters/letter-model.js";
import type { LedgerConnector } from "../ledger-connector.js";
import type { LedgerIntegration } from "./integrations.js";
import type { RunReport } from "./sync-run.js";

/** What every step of one integration's sync works with. */
export interface SyncContext {
  readonly database: Database;
  readonly integration: LedgerIntegration;
  readonly connector: LedgerConnector;
  readonly report: RunReport;
  /** The business date (cases opened, timeline rows, payments recorded on it). */
  readonly today: LocalDate;
  readonly now: () => Date;
  readonly actor: string;
  readonly rules: RuleBook;
  /** The letter sender, should a payment recorded on a case make a step fall due. */
  readonly agency: LetterAgency;
  /** `FORDRING_PUBLIC_URL`: the ledger links each case to `${publicUrl}/cases/<caseId>`. */
  readonly publicUrl: string;
  readonly runState: RunState;
}

/** What one run's steps tell each other. */
export interface RunState {
  /** Cases this run's import step opened (their invoices' matched items were read just before). */
  readonly openedInImport: Set<string>;
  /** Set when this run's payments step starts reading the ledger. */
  paymentsRead: boolean;
}

/** `source` of the claims, debtors and payments a ledger integration writes. */
export function sourceOf(ctx: SyncContext): string {
  return ctx.integration.kind;
}

/**
 * A ledger id that is unique only within one ledger client (a customer code, a match id) made
 * unique per creditor: two integrations of one creditor may both have customer 10001.
 */
export function scopedRef(ctx: SyncContext, ref: string): string {
  return `${ctx.integration.id}:${ref}`;
}
