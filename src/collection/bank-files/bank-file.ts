import type { Money } from "../../domain/money.js";
import { BankFileError } from "./bank-file-error.js";
import type { IncomingPayment } from "./incoming-payment.js";

/**
 * The streaming contract shared by every bank-file parser.
 *
 * A parser is an async generator over the file's bytes. It yields `payment`, `error` and `notice`
 * events as it reads, so a file of a million transactions never has to fit in memory, and ends
 * with exactly one `end` event carrying the summary — or throws a `BankFileError`.
 *
 * Control totals (trailer counts and sums) are only known at the end. Until `end` has been seen,
 * every payment is PROVISIONAL: a caller applies nothing before it. Two ways to honour that:
 *  1. Stage and commit: write payments to a staging area as they come (e.g. inside one database
 *     transaction), commit on `end`, roll back if the generator throws. `collectBankFile` is the
 *     in-memory form of this for small files and tests.
 *  2. Verify first: `parseVerified` reads the file twice — the first pass checks every control
 *     total and keeps nothing, the second yields payments that are already known to reconcile.
 *
 * Rules for bad input, the same in every format:
 *  - control totals that do not match, or a structure the specification forbids → the whole file
 *    is rejected (`BankFileError` with `code` and `where`); nothing may be applied;
 *  - one broken transaction inside a file whose totals still reconcile → an `error` event with its
 *    line and reason; the other transactions are still payments. A transaction is never dropped
 *    silently: every one is a `payment`, an `error`, or (when deliberately not a payment, such as
 *    a debit entry in camt.054) a `notice`;
 *  - when the damage also breaks the totals (an unreadable amount, a lost record), the file fails
 *    the trailer check and is rejected whole; the rejection message names the broken lines.
 */
export type BankFileFormat = "nets-ocr-giro" | "camt.054" | "camt.053" | "bgmax";

/** Anything that yields the file's bytes or text in order: a Node Readable, a web stream, an array. */
export type ByteSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** A transaction that could not be read (`error`) or that is deliberately not a payment (`notice`). */
export interface LineIssue {
  readonly lineRef: string;
  readonly message: string;
  /** The amount involved, when it could be read: money may have arrived. */
  readonly amount?: Money;
  readonly raw?: string;
}

export interface CurrencyTotal {
  /** Number of transactions, as the file's control records define it (see each parser). */
  readonly count: number;
  readonly amount: Money;
}

export interface BankFileSummary {
  readonly format: BankFileFormat;
  /** The file's own id from its header, for duplicate-file detection (hashing is the caller's). */
  readonly fileId: string;
  /** The account credited, when the whole file is for one account. */
  readonly creditorAccount?: string;
  /** Verified control totals, one per currency in order of appearance. */
  readonly totals: readonly CurrencyTotal[];
  readonly paymentCount: number;
  readonly errorCount: number;
  readonly noticeCount: number;
}

export type BankFileEvent<P extends IncomingPayment = IncomingPayment, S extends BankFileSummary = BankFileSummary> =
  | { readonly type: "payment"; readonly payment: P }
  | { readonly type: "error"; readonly error: LineIssue }
  | { readonly type: "notice"; readonly notice: LineIssue }
  | { readonly type: "end"; readonly summary: S };

/**
 * A parser: bytes in, events out. `firstPass` is the summary of an earlier complete pass over the
 * same file (see `parseVerified`); a parser may use it to avoid buffering (BgMax deposit dates).
 */
export type BankFileParser<P extends IncomingPayment, S extends BankFileSummary> = (
  source: ByteSource,
  firstPass?: S,
) => AsyncGenerator<BankFileEvent<P, S>, void, undefined>;

export type ParsedBankFile<P extends IncomingPayment = IncomingPayment, S extends BankFileSummary = BankFileSummary> = S & {
  readonly payments: readonly P[];
  readonly errors: readonly LineIssue[];
  readonly notices: readonly LineIssue[];
};

/** Runs a parser to the end and keeps everything in memory. Throws `BankFileError` when the file is rejected. */
export async function collectBankFile<P extends IncomingPayment, S extends BankFileSummary>(
  events: AsyncIterable<BankFileEvent<P, S>>,
): Promise<ParsedBankFile<P, S>> {
  const payments: P[] = [];
  const errors: LineIssue[] = [];
  const notices: LineIssue[] = [];
  let summary: S | undefined;
  for await (const event of events) {
    if (event.type === "payment") payments.push(event.payment);
    else if (event.type === "error") errors.push(event.error);
    else if (event.type === "notice") notices.push(event.notice);
    else summary = event.summary;
  }
  if (summary === undefined) throw new BankFileError("missing_trailer", "the parser ended without a summary", "end of file");
  return { ...summary, payments, errors, notices };
}

/**
 * Two-pass reading: the first pass checks every control total and keeps nothing; only then does
 * the second pass yield events, so each payment may be applied as it arrives. `open` must return
 * the same bytes each time; if the second pass disagrees with the first, it throws `file_changed`.
 */
export async function* parseVerified<P extends IncomingPayment, S extends BankFileSummary>(
  open: () => ByteSource,
  parse: BankFileParser<P, S>,
): AsyncGenerator<BankFileEvent<P, S>, void, undefined> {
  let first: S | undefined;
  for await (const event of parse(open())) if (event.type === "end") first = event.summary;
  if (first === undefined) throw new BankFileError("missing_trailer", "the first pass ended without a summary", "end of file");
  for await (const event of parse(open(), first)) {
    if (event.type === "end" && !sameCounts(first, event.summary)) {
      throw new BankFileError("file_changed", "the file changed between the verifying pass and the reading pass", "end of file");
    }
    yield event;
  }
}

function sameCounts(a: BankFileSummary, b: BankFileSummary): boolean {
  return (
    a.fileId === b.fileId &&
    a.paymentCount === b.paymentCount &&
    a.errorCount === b.errorCount &&
    a.totals.length === b.totals.length &&
    a.totals.every((t, i) => t.count === b.totals[i]?.count && t.amount.amount === b.totals[i]?.amount.amount)
  );
}

/** Tallies events as a parser yields them, to fill in the summary counts. */
export class EventTally {
  paymentCount = 0;
  errorCount = 0;
  noticeCount = 0;

  payment<P extends IncomingPayment>(payment: P): { type: "payment"; payment: P } {
    this.paymentCount++;
    return { type: "payment", payment };
  }
  error(error: LineIssue): { type: "error"; error: LineIssue } {
    this.errorCount++;
    return { type: "error", error };
  }
  notice(notice: LineIssue): { type: "notice"; notice: LineIssue } {
    this.noticeCount++;
    return { type: "notice", notice };
  }
}
