import type { Command } from "commander";
import { BadInput, emit, type Io } from "../output.js";
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
      const rows = await withDatabase((db) =>
        db.query<{ caseNumber: string; creditor: string; stage: string; hold: string | null; invoice: string; debtor: string; balance: number; nextActionOn: string | null; closedOn: string | null }>(
          `select c.case_number as "caseNumber", cr.code as creditor, c.stage, c.hold_kind as hold, cl.invoice_number as invoice, d.name as debtor,
                  (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor) + (c.fees_minor - c.fees_paid_minor)
                    + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) as balance,
                  c.next_action_on as "nextActionOn", c.closed_on as "closedOn"
             from cases c join creditors cr on cr.id = c.creditor_id join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id
            where ($1::text is null or cr.code = $1) and ($2::text is null or c.stage = $2)
            order by c.created_at desc, c.case_number desc limit $3`,
          [opts.creditor ?? null, opts.stage ?? null, limit],
        ),
      );
      const wire = rows.map((r) => ({ ...r, balance: (Number(r.balance) / 100).toFixed(2) }));
      emit(io, !!opts.json, wire, () => wire.map((r) => `${r.caseNumber.padEnd(14)} ${r.stage.padEnd(32)} ${r.balance.padStart(12)} NOK  ${r.invoice}  ${r.debtor}`).join("\n") || "no cases");
    });
  cases
    .command("show <caseNumber>")
    .description("a case's timeline")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const rows = await withDatabase((db) =>
        db.query<{ on: string; type: string; stage: string | null; actor: string; reason: string | null; data: unknown }>(
          `select e."on", e.type, e.stage, e.actor, e.reason, e.data from case_events e join cases c on c.id = e.case_id where c.case_number = $1 order by e.id`,
          [caseNumber],
        ),
      );
      if (rows.length === 0) throw new BadInput("caseNumber", `no case ${caseNumber}`);
      emit(io, !!opts.json, rows, () => rows.map((r) => `${r.on}  ${r.type.padEnd(32)} ${r.stage ?? ""}  ${r.actor}${r.reason ? `  — ${r.reason}` : ""}`).join("\n"));
    });
}
