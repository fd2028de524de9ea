import { createHash } from "node:crypto";
import fs from "node:fs";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { formatDecimal, type Currency } from "../../domain/money.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { LetterAgency } from "../letters/letter-model.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { BankFileError, detectFileFormat, parseBgMax, parseCamt054, parseOcrGiro, type BankFileEvent, type IncomingPayment, type LineIssue } from "../bank-files/index.js";
import { applyChunk } from "./apply-chunk.js";
import { applyLine } from "./apply-line.js";
import { keepBrokenLines, type ImportEnv, type LineOutcome } from "./bank-lines.js";
import { suggestMatchesFor, suggestionRequest, type SuggestionRequest } from "./suggest-matches.js";

/**
 * Importing a bank file of payments to the agency's account (Nets OCR giro, camt.054, BgMax).
 *
 * A file imported before (same bytes, by sha256) is applied once. Otherwise, in one transaction,
 * the file is streamed through its parser and applied in chunks as it is read: every payment is
 * kept as a `bank_payments` row; one whose KID (check digit verified) names a case is recorded on
 * it (allocated by the rule core, interest frozen, closed at zero, credit kept, limitation
 * interrupted, journaled to the creditor's ledger through the outbox); any other goes to the
 * manual-match queue with its reason and suggestions; a line that could not be read is kept with
 * its error and raw text. The control totals are only known at the end of the file: a file whose
 * totals do not match throws from the parser, and the transaction — everything applied from it —
 * is rolled back. Nothing that arrived disappears from view.
 *
 * A chunk is applied set-based (`apply-chunk.ts`); if that fails it is rolled back to its
 * savepoint and applied line by line (`apply-line.ts`), so one bad line never takes the chunk
 * down. `lineByLine` applies every line that way (the reference behaviour, for tests).
 */
export interface ImportResult {
  fileId: string;
  sha256: string;
  format: string;
  duplicate: boolean;
  payments: number;
  matched: number;
  unmatched: number;
  errors: number;
  /** What the file's payments add up to, per currency (a file may mix NOK, SEK and EUR lines), in currency order. */
  totals: CurrencyTotal[];
  /** The sum of all payments, and of those matched to cases — only when every payment is in one currency (or there are none). */
  total?: string;
  matchedAmount?: string;
  /** Records the parser read and deliberately did not take as payments (another service's assignment, a debit entry, a blank line), each with its line and reason. */
  skipped: number;
  skippedLines: { lineRef: string; message: string }[];
}

/** The payments of one currency in a file: their sum, and the sum of those recorded on cases. */
export interface CurrencyTotal {
  currency: Currency;
  amount: string;
  matchedAmount: string;
}

/** At most this many skipped records are listed in the result (all are counted). */
const SKIPPED_LISTED = 1_000;

export interface ImportOptions {
  /** Lines per chunk (default 2,000). */
  chunkSize?: number;
  /** Apply every line on its own through `recordPayment` instead of set-based chunks. */
  lineByLine?: boolean;
  /** Called when a chunk could not be applied set-based and was applied line by line instead. */
  onFallback?: (error: unknown, lines: number) => void;
}

const DEFAULT_CHUNK = 2_000;
/** Queued lines whose suggestions are computed together (one pass over the open cases per batch). */
const SUGGESTION_BATCH = 20_000;

export async function importBankFile(database: Database, path: string, ctx: { today: LocalDate; rules: RuleBook; actor: string; agency: LetterAgency }, options: ImportOptions = {}): Promise<ImportResult> {
  const sha256 = await fileHash(path);
  const [seen] = await database.query<{ counts: ImportResult }>("select counts from bank_files where sha256 = $1", [sha256]);
  if (seen) return { ...storedCounts(seen.counts, ctx.rules), duplicate: true };
  const detected = await detectFileFormat(path);
  return database.transaction(async (tx) => {
    // Two importers of the same file at once: the unique sha256 lets exactly one of them through.
    const [file] = await tx.query<{ id: string }>(
      `insert into bank_files (sha256, format, file_id, name, counts) values ($1, $2, '', $3, '{}') on conflict (sha256) do nothing returning id`,
      [sha256, detected.format, path.split("/").pop() ?? path],
    );
    if (!file) {
      const [other] = await tx.query<{ counts: ImportResult }>("select counts from bank_files where sha256 = $1", [sha256]);
      return { ...storedCounts(other!.counts, ctx.rules), duplicate: true };
    }
    const env: ImportEnv = { bankFileId: file.id, sha256, today: ctx.today, rules: ctx.rules, actor: ctx.actor, agency: ctx.agency, creditors: new Map() };
    const importer = new ChunkedImport(tx, env, options);
    const source = fs.createReadStream(path);
    const events: AsyncIterable<BankFileEvent> =
      detected.format === "nets-ocr-giro" ? parseOcrGiro(source) : detected.format === "bgmax" ? parseBgMax(source) : parseCamt054(source);
    let summary: { format: string; fileId: string } | undefined;
    try {
      for await (const event of events) {
        if (event.type === "payment") await importer.payment(event.payment);
        else if (event.type === "error") await importer.error(event.error);
        else if (event.type === "notice") importer.notice(event.notice);
        else if (event.type === "end") summary = event.summary;
      }
      if (!summary) throw new BankFileError("missing_trailer", "the parser ended without a summary", "end of file");
      await refuseSameFileAgain(tx, file.id, summary);
      await importer.finish();
    } catch (e) {
      // A rejected file (or any failure): the chunk being written finishes before the transaction
      // is rolled back, so none of its statements can run after the ROLLBACK.
      await importer.drain();
      throw e;
    }
    const counts: ImportResult = {
      fileId: summary.fileId,
      sha256,
      format: summary.format,
      duplicate: false,
      payments: importer.payments,
      matched: importer.matched,
      unmatched: importer.payments - importer.matched,
      errors: importer.errors,
      ...importer.totals(),
      skipped: importer.skipped.length,
      skippedLines: importer.skipped.slice(0, SKIPPED_LISTED),
    };
    await tx.query("update bank_files set file_id = $2, counts = $3 where id = $1", [file.id, summary.fileId, JSON.stringify(counts)]);
    return counts;
  });
}

/** The lines of one import, gathered into chunks and applied; counts what happened. */
class ChunkedImport {
  payments = 0;
  matched = 0;
  errors = 0;
  /** Per currency: the sum of the payments and of those matched, in minor units. */
  private readonly sums = new Map<Currency, { totalMinor: number; matchedMinor: number }>();
  private lines: IncomingPayment[] = [];
  private broken: LineIssue[] = [];
  private queued: { bankPaymentId: string; request: SuggestionRequest }[] = [];
  private readonly lockedCreditors = new Set<string>();
  private inFlight: Promise<{ error: unknown } | null> | null = null;
  private readonly chunkSize: number;

  constructor(
    private readonly tx: Queryable,
    private readonly env: ImportEnv,
    private readonly options: ImportOptions,
  ) {
    this.chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  }

  async payment(p: IncomingPayment): Promise<void> {
    this.lines.push(p);
    if (this.lines.length >= this.chunkSize) await this.flush();
  }

  readonly skipped: { lineRef: string; message: string }[] = [];

  notice(n: LineIssue): void {
    this.skipped.push({ lineRef: n.lineRef, message: n.message });
  }

  async error(e: LineIssue): Promise<void> {
    this.broken.push(e);
    if (this.broken.length >= this.chunkSize) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
    await this.suggest();
  }

  /**
   * Starts applying the lines gathered so far, once the chunk before has been applied. The file
   * is read on while a chunk is written, so parsing and the database work overlap.
   */
  private async flush(): Promise<void> {
    const lines = this.lines;
    const broken = this.broken;
    this.lines = [];
    this.broken = [];
    await this.settle();
    // Settled to the error it failed with (or null), so a failure waits for `settle` without being an unhandled rejection.
    this.inFlight = this.apply(lines, broken).then(
      () => null,
      (e: unknown) => ({ error: e }),
    );
  }

  /** Waits for the chunk being written, whatever its outcome. */
  async drain(): Promise<void> {
    await this.inFlight;
    this.inFlight = null;
  }

  private async settle(): Promise<void> {
    const done = await this.inFlight;
    this.inFlight = null;
    if (done) throw done.error;
  }

  private async apply(lines: IncomingPayment[], broken: LineIssue[]): Promise<void> {
    await keepBrokenLines(this.tx, this.env.bankFileId, broken);
    this.errors += broken.length;
    if (lines.length === 0) return;
    const outcomes = this.options.lineByLine ? await this.oneByOne(lines) : await this.chunk(lines);
    outcomes.forEach((o, i) => {
      const p = lines[i]!;
      this.payments++;
      const sum = this.sums.get(p.amount.currency) ?? { totalMinor: 0, matchedMinor: 0 };
      this.sums.set(p.amount.currency, sum);
      sum.totalMinor += p.amount.amount;
      if (o.status === "matched") {
        this.matched++;
        sum.matchedMinor += p.amount.amount;
      } else if (o.status === "unmatched") {
        this.queued.push({ bankPaymentId: o.bankPaymentId, request: suggestionRequest(p) });
      }
    });
    if (this.queued.length >= SUGGESTION_BATCH) await this.suggest();
  }

  /** The per-currency totals; `total` and `matchedAmount` too when there is at most one currency ("0.00" for a file without payments). */
  totals(): Pick<ImportResult, "totals" | "total" | "matchedAmount"> {
    const totals = [...this.sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, s]) => ({ currency, amount: formatDecimal({ amount: s.totalMinor, currency }), matchedAmount: formatDecimal({ amount: s.matchedMinor, currency }) }));
    if (totals.length > 1) return { totals };
    return { totals, total: totals[0]?.amount ?? "0.00", matchedAmount: totals[0]?.matchedAmount ?? "0.00" };
  }

  private async chunk(lines: IncomingPayment[]): Promise<LineOutcome[]> {
    await this.tx.query("savepoint bank_chunk");
    const locked = new Set(this.lockedCreditors);
    try {
      const outcomes = await applyChunk(this.tx, lines, this.env, locked);
      await this.tx.query("release savepoint bank_chunk");
      for (const id of locked) this.lockedCreditors.add(id);
      return outcomes;
    } catch (e) {
      await this.tx.query("rollback to savepoint bank_chunk");
      await this.tx.query("release savepoint bank_chunk");
      this.options.onFallback?.(e, lines.length);
      return this.oneByOne(lines);
    }
  }

  private async oneByOne(lines: IncomingPayment[]): Promise<LineOutcome[]> {
    const outcomes: LineOutcome[] = [];
    for (const p of lines) outcomes.push(await applyLine(this.tx, p, this.env));
    return outcomes;
  }

  /** Suggestions for the queued lines, computed together after the lines before them were applied. */
  private async suggest(): Promise<void> {
    const queued = this.queued;
    this.queued = [];
    if (queued.length === 0) return;
    const suggestions = await suggestMatchesFor(this.tx, queued.map((q) => q.request));
    await this.tx.query(
      `update bank_payments b set suggestions = x.suggestions from jsonb_to_recordset($1::jsonb) as x(id uuid, suggestions jsonb) where b.id = x.id`,
      [JSON.stringify(queued.map((q, i) => ({ id: q.bankPaymentId, suggestions: suggestions[i] })))],
    );
  }
}

/**
 * The same transmission sent again with other bytes (a final newline, another line ending, a
 * re-export) has another hash but the same identity in its header: Nets OCR giro by data sender,
 * transmission number and recipient; camt.054 by its message id; BgMax by its file timestamp.
 * Such a file is refused whole, naming when and as which file it was imported. Serialised per
 * identity, so two imports of it at once cannot both pass.
 */
async function refuseSameFileAgain(tx: Queryable, fileRowId: string, summary: { format: string; fileId: string }): Promise<void> {
  if (summary.fileId === "") return;
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fordring:bank-file:${summary.format}:${summary.fileId}`]);
  const [earlier] = await tx.query<{ name: string; imported_at: string }>(
    "select name, to_char(imported_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as imported_at from bank_files where format = $1 and file_id = $2 and id <> $3 order by imported_at limit 1",
    [summary.format, summary.fileId, fileRowId],
  );
  if (earlier) {
    throw new BankFileError(
      "already_imported",
      `this ${summary.format} file (${summary.fileId}) was already imported on ${earlier.imported_at} UTC as file ${earlier.name}; nothing of it was applied again`,
      "file header",
    );
  }
}

/**
 * The counts kept with a file imported before. Files imported before the totals were kept per
 * currency hold only `total` and `matchedAmount`, summed in the Norwegian currency (the only one
 * cases were recorded in then); they read as one total in that currency.
 */
function storedCounts(counts: ImportResult, rules: RuleBook): ImportResult {
  if (Array.isArray(counts.totals)) return counts;
  const { total, matchedAmount } = counts;
  const totals = total !== undefined && total !== "0.00" ? [{ currency: rules.NO.currency, amount: total, matchedAmount: matchedAmount ?? "0.00" }] : [];
  return { ...counts, totals };
}

function fileHash(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(path)
      .on("data", (d) => hash.update(d))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
