import { createHash } from "node:crypto";
import fs from "node:fs";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { formatDecimal } from "../../domain/money.js";
import { DomainError } from "../../domain/errors.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { recordPayment } from "../actions/record-payment.js";
import { parseBankFile, type IncomingPayment, type LineIssue } from "../bank-files/index.js";
import { suggestMatches } from "./suggest-matches.js";

/**
 * Importing a bank file of payments to the agency's account (Nets OCR giro, camt.054, BgMax):
 * the file is parsed and its control totals checked first — a file whose totals do not match is
 * rejected whole and nothing of it is applied; a file imported before (same bytes) is applied
 * once. Then, in one transaction: every payment is kept as a `bank_payments` row; one whose KID
 * (check digit verified) names a case is recorded on it (allocated, interest frozen, case closed
 * at zero); any other goes to the manual-match queue with suggestions; a line that could not be
 * read is kept with its error and raw text. Nothing that arrived disappears from view.
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
  total: string;
  matchedAmount: string;
}

export async function importBankFile(database: Database, path: string, ctx: { today: LocalDate; rules: RuleBook; actor: string }): Promise<ImportResult> {
  const sha256 = await fileHash(path);
  const [seen] = await database.query<{ id: string; format: string; counts: ImportResult }>("select id, format, counts from bank_files where sha256 = $1", [sha256]);
  if (seen) return { ...seen.counts, duplicate: true };
  const parsed = await parseBankFile(path);
  return database.transaction(async (tx) => {
    // Two importers of the same file at once: the unique sha256 lets exactly one of them through.
    const [file] = await tx.query<{ id: string }>(
      `insert into bank_files (sha256, format, file_id, name, counts) values ($1, $2, $3, $4, '{}') on conflict (sha256) do nothing returning id`,
      [sha256, parsed.format, parsed.fileId, path.split("/").pop() ?? path],
    );
    if (!file) {
      const [other] = await tx.query<{ counts: ImportResult }>("select counts from bank_files where sha256 = $1", [sha256]);
      return { ...other!.counts, duplicate: true };
    }
    let matched = 0;
    let matchedMinor = 0;
    let totalMinor = 0;
    for (const p of parsed.payments) {
      totalMinor += p.amount.amount;
      const caseId = await caseForReference(tx, p);
      const [row] = await tx.query<{ id: string }>(
        `insert into bank_payments (bank_file_id, line_ref, reference, reference_valid, amount_minor, currency, booked_on, payer, bank_reference, raw, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'unmatched') returning id`,
        [file.id, p.lineRef, p.reference.value || null, p.reference.valid, p.amount.amount, p.amount.currency, p.bookedOn.toString(), p.payer ? JSON.stringify(p.payer) : null, p.bankReference ?? null, p.raw],
      );
      let refused: string | null = null;
      if (caseId && p.amount.currency === "NOK" && p.amount.amount > 0) {
        // One line that cannot be applied (dated after today, before the case's last principal
        // change, …) goes to the queue with its reason; it never takes the rest of the file down.
        await tx.query("savepoint bank_line");
        try {
          const result = await recordPayment(tx, {
            caseId,
            amountMinor: p.amount.amount,
            receivedOn: p.bookedOn,
            channel: "agency",
            source: "bank",
            externalRef: bankExternalRef(sha256, p),
            reference: p.reference.value,
            today: ctx.today,
            actor: ctx.actor,
            rules: ctx.rules,
          });
          await tx.query("release savepoint bank_line");
          if (result.recorded) {
            await tx.query("update bank_payments set status = 'matched', case_id = $2, payment_id = $3, creditor_id = (select creditor_id from cases where id = $2) where id = $1", [row!.id, caseId, result.paymentId]);
            matched++;
            matchedMinor += p.amount.amount;
            continue;
          }
          refused = `the same bank transaction (${p.bankReference ?? p.lineRef}) was recorded before`;
          await tx.query("update bank_payments set status = 'duplicate', case_id = $2, payment_id = $3, note = $4 where id = $1", [row!.id, caseId, result.paymentId, refused]);
          continue;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          await tx.query("rollback to savepoint bank_line");
          refused = `could not be recorded on the case: ${e.message}`;
        }
      }
      const suggestions = await suggestMatches(tx, p);
      await tx.query("update bank_payments set suggestions = $2, note = $3 where id = $1", [row!.id, JSON.stringify(suggestions), refused ?? whyUnmatched(p, caseId)]);
    }
    for (const e of parsed.errors) await keepBrokenLine(tx, file.id, e);
    const counts: ImportResult = {
      fileId: parsed.fileId,
      sha256,
      format: parsed.format,
      duplicate: false,
      payments: parsed.payments.length,
      matched,
      unmatched: parsed.payments.length - matched,
      errors: parsed.errors.length,
      total: formatDecimal({ amount: totalMinor, currency: "NOK" }),
      matchedAmount: formatDecimal({ amount: matchedMinor, currency: "NOK" }),
    };
    await tx.query("update bank_files set counts = $2 where id = $1", [file.id, JSON.stringify(counts)]);
    return counts;
  });
}

/**
 * The idempotency key of a bank payment: the bank's own archive reference when it gives one (the
 * same transaction re-sent in another file is then still applied once), else the file and line.
 */
function bankExternalRef(sha256: string, p: IncomingPayment): string {
  return p.bankReference ? `bank-ref:${p.bankReference}` : `${sha256.slice(0, 16)}:${p.lineRef}`;
}

async function caseForReference(tx: Queryable, p: IncomingPayment): Promise<string | null> {
  if (p.reference.kind !== "kid" && p.reference.kind !== "ocr") return null;
  if (p.reference.valid !== true) return null; // a KID that fails its check digit is never trusted to pick a case
  const [c] = await tx.query<{ id: string }>("select id from cases where kid = $1", [p.reference.value]);
  return c?.id ?? null;
}

function whyUnmatched(p: IncomingPayment, caseId: string | null): string {
  if (p.reference.kind === "none" || p.reference.kind === "free-text") return "no KID on the payment";
  if (p.reference.valid === false) return `the KID ${p.reference.value} fails its check digit${p.reference.reason ? ` (${p.reference.reason})` : ""}`;
  if (!caseId) return `no case has the KID ${p.reference.value}`;
  if (p.amount.currency !== "NOK") return `the payment is in ${p.amount.currency}`;
  return "not a positive amount";
}

async function keepBrokenLine(tx: Queryable, fileId: string, e: LineIssue): Promise<void> {
  await tx.query(
    `insert into bank_payments (bank_file_id, line_ref, amount_minor, currency, raw, status, note) values ($1, $2, $3, $4, $5, 'error', $6)`,
    [fileId, e.lineRef, e.amount?.amount ?? null, e.amount?.currency ?? null, e.raw ?? null, e.message],
  );
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
