import type { Command } from "commander";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { BadInput, emit, type Io } from "../output.js";
import { waitingBankPayments } from "../../read-models/bank-payments.js";
import { withDatabase } from "../with-database.js";
import { formatDecimal } from "../../domain/money.js";

const FORMATS = { ocr: "nets-ocr-giro", camt: "camt.054", bgmax: "bgmax" } as const;

/** `fordring import ocr|camt|bgmax FILE` and the manual-match queue (`fordring payments …`). */
export function registerPayments(program: Command, io: Io): void {
  program
    .command("import <format> <file>")
    .description("import a bank file of payments to the agency: ocr (Nets OCR giro), camt (camt.054 or camt.053) or bgmax (Bankgirot); a file already imported is applied once")
    .option("--json", "machine-readable output")
    .action(async (format: string, file: string, opts: { json?: boolean }) => {
      if (!(format in FORMATS)) throw new BadInput("format", `"${format}" is not one of ${Object.keys(FORMATS).join(", ")}`);
      const { detectFileFormat, BankFileError } = await import("../../collection/bank-files/index.js");
      const { importBankFile } = await import("../../collection/payments/import-bank-file.js");
      const config = loadConfig();
      try {
        const detected = await detectFileFormat(file);
        if (detected.format !== FORMATS[format as keyof typeof FORMATS] && !(format === "camt" && detected.format === "camt.053")) throw new BadInput("file", `${file} is a ${detected.format} file, not ${format}`);
        const result = await withDatabase((db) => importBankFile(db, file, { today: clockFromConfig(config).today(), rules: loadRuleBook(config.rulesDir), actor: "cli:import", agency: config.agency }));
        emit(io, !!opts.json, result, () =>
          result.duplicate
            ? `${file} was imported before (sha256 ${result.sha256.slice(0, 12)}…): nothing applied again`
            : `${file}: ${result.payments} payments (${amounts(result.totals, "amount")}): ${result.matched} matched to cases (${amounts(result.totals, "matchedAmount")}), ${result.unmatched} to the manual-match queue, ${result.errors} unreadable lines kept`,
        );
      } catch (e) {
        if (e instanceof BankFileError) throw new BadInput("file", `${file} rejected whole, nothing applied: ${e.message}`);
        if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new BadInput("file", `${file} does not exist`);
        throw e;
      }
    });

  const payments = program.command("payments").description("payments to the agency that no KID matched: the manual-match queue");
  payments
    .command("unmatched")
    .description("list bank payments waiting for a person, with suggestions")
    .option("--json", "machine-readable output")
    .action(async (opts: { json?: boolean }) => {
      const rows = await withDatabase((db) => waitingBankPayments(db));
      emit(io, !!opts.json, rows, () =>
        rows.length === 0
          ? "the manual-match queue is empty"
          : rows
              .map((r) => `${r.id}  ${r.booked_on}  ${(r.amount_minor / 100).toFixed(2)} ${r.currency ?? ""}  ref ${r.reference ?? "-"}  ${r.payer?.name ?? ""}\n    ${r.note ?? ""}${(r.suggestions ?? []).map((s) => `\n    suggestion: ${s.caseNumber} (${s.why})`).join("")}`)
              .join("\n"),
      );
    });
  payments
    .command("match <bankPaymentId>")
    .description("record a queued bank payment on a case")
    .requiredOption("--case <caseNumber>", "the case number, e.g. C001-100001")
    .option("--json", "machine-readable output")
    .action(async (bankPaymentId: string, opts: { case: string; json?: boolean }) => {
      const config = loadConfig();
      const { matchBankPayment } = await import("../../collection/payments/match-manually.js");
      const result = await withDatabase((db) =>
        db.transaction((tx) => matchBankPayment(tx, { bankPaymentId, caseNumber: opts.case, today: clockFromConfig(config).today(), actor: "cli:payments", rules: loadRuleBook(config.rulesDir), agency: config.agency })),
      );
      emit(io, !!opts.json, result, () => (result.recorded ? `recorded on ${opts.case}: case now ${result.stage}, balance ${formatDecimal({ amount: result.balanceMinor, currency: result.currency })} ${result.currency}` : "already recorded"));
    });
}

/** "1500.00 NOK + 200.00 SEK": an import's totals, each with its currency ("0.00" for a file without payments). */
function amounts(totals: readonly { currency: string; amount: string; matchedAmount: string }[], which: "amount" | "matchedAmount"): string {
  return totals.length === 0 ? "0.00" : totals.map((t) => `${t[which]} ${t.currency}`).join(" + ");
}
