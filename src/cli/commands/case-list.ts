import type { Command } from "commander";
import { BadInput, emit, type Io } from "../output.js";
import { caseTimeline, casesForTerminal } from "../../read-models/cases.js";
import { withDatabase } from "../with-database.js";

/** `fordring cases list|show`: the cases and one case's timeline, for case handlers at a terminal. */
export function registerCaseList(program: Command, io: Io): void {
  const cases = program.command("cases").description("collection cases");
  cases
    .command("list")
    .description("list cases (newest first)")
    .option("--creditor <code>", "one creditor")
    .option("--stage <stage>", "one stage, e.g. collection-notice")
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor?: string; stage?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new BadInput("--limit", `"${opts.limit}" is not a number from 1 to 10000`);
      const rows = await withDatabase((db) => casesForTerminal(db, { creditorCode: opts.creditor, stage: opts.stage, limit }));
      const wire = rows.map((r) => ({ ...r, balance: (Number(r.balance) / 100).toFixed(2) }));
      emit(io, !!opts.json, wire, () => wire.map((r) => `${r.caseNumber.padEnd(14)} ${r.stage.padEnd(32)} ${r.balance.padStart(12)} ${r.currency}  ${r.invoice}  ${r.debtor}`).join("\n") || "no cases");
    });
  cases
    .command("show <caseNumber>")
    .description("a case's timeline")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const rows = await withDatabase((db) => caseTimeline(db, caseNumber));
      if (rows.length === 0) throw new BadInput("caseNumber", `no case ${caseNumber}`);
      emit(io, !!opts.json, rows, () => rows.map((r) => `${r.on}  ${r.type.padEnd(32)} ${r.stage ?? ""}  ${r.actor}${r.reason ? `  — ${r.reason}` : ""}`).join("\n"));
    });
}
