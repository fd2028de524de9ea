import fs from "node:fs";
import type { Command } from "commander";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { clockFromConfig } from "../../platform/app.js";
import { loadConfig } from "../../platform/config.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

/** `fordring settle`: the settlement run for a creditor and period. */
export function registerSettle(program: Command, io: Io): void {
  program
    .command("settle")
    .description("settle a creditor's collected money for a period: shares, commission, VAT, netting, and the posting proposal for its ledger (a period is settled once)")
    .requiredOption("--creditor <code>", "the creditor's code")
    .requiredOption("--from <date>", "first day of the period")
    .requiredOption("--to <date>", "last day of the period")
    .option("--on <date>", "the settlement date (default: today)")
    .option("--pdf <file>", "also write the remittance report (PDF)")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor: string; from: string; to: string; on?: string; pdf?: string; json?: boolean }) => {
      const from = LocalDate.parse(opts.from, "--from");
      const to = LocalDate.parse(opts.to, "--to");
      const settledOn = opts.on ? LocalDate.parse(opts.on, "--on") : clockFromConfig(loadConfig()).today();
      const { runSettlement } = await import("../../settlement/run-settlement.js");
      let creditorName = opts.creditor;
      let creditorOrg: string | null = null;
      const run = await withDatabase(async (db) => {
        const [c] = await db.query<{ id: string; name: string; org_number: string | null }>("select id, name, org_number from creditors where code = $1", [opts.creditor]);
        if (!c) throw new BadInput("--creditor", `no creditor with code "${opts.creditor}"`);
        creditorName = c.name;
        creditorOrg = c.org_number;
        return runSettlement(db, { creditorId: c.id, from, to, settledOn });
      });
      if (opts.pdf) {
        const { renderRemittancePdf } = await import("../../settlement/remittance-pdf.js");
        const { agencyFromEnv } = await import("../../collection/agency.js");
        const pdf = await renderRemittancePdf({ agency: agencyFromEnv(), creditor: { name: creditorName, orgNumber: creditorOrg }, settlement: run.settlement, voucher: run.voucher });
        fs.writeFileSync(opts.pdf, pdf);
      }
      emit(io, !!opts.json, run, () =>
        [
          `settlement ${run.settlementId}${run.duplicate ? " (settled before; shown again)" : ""}: ${run.cases} cases`,
          `  received by the agency ${run.settlement.totals.receivedByAgency}, creditor's share ${run.settlement.totals.creditorShare}, agency's ${run.settlement.totals.agencyTotal}`,
          run.outcome === "invoice" ? `  the creditor owes ${run.invoiceToCreditor} (invoice)` : `  payout ${run.payout} NOK`,
          ...run.voucher.lines.map((l) => `  ${l.accountCode.padEnd(8)} ${l.amount.padStart(12)}  ${l.description}`),
        ].join("\n"),
      );
    });
}
