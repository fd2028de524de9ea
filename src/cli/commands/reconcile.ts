import type { Command } from "commander";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { BadInput, EXIT_FAILURE, emit, type Io } from "../output.js";
import { creditorByCode } from "../../read-models/creditors.js";
import { withDatabase } from "../with-database.js";

/**
 * `fordring reconcile --creditor CODE`: the ledger's open items for the creditor's cases against
 * our books, every difference with its likely cause (src/settlement/reconcile.ts). Exit code 0
 * when everything agrees, 1 when there are differences.
 */
export function registerReconcile(program: Command, io: Io): void {
  program
    .command("reconcile")
    .description("compare the ledger's open items for the creditor's cases with the case balances; list every difference with its likely cause (exit 1 when there are differences)")
    .requiredOption("--creditor <code>", "the creditor's code")
    .option("--on <date>", "the date of the ledger's open items (default: today)")
    .option("--all", "list the invoices that agree too")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor: string; on?: string; all?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const clock = clockFromConfig(config);
      const on = opts.on ? LocalDate.parse(opts.on, "--on") : clock.today();
      const { reconcileCreditor } = await import("../../settlement/reconcile.js");
      const { listIntegrations, ledgerSyncDeps } = await import("../../integration/sync/index.js");
      const { loadRuleBook } = await import("../../platform/rule-book.js");
      const report = await withDatabase(async (db) => {
        const creditor = await creditorByCode(db, opts.creditor);
        if (!creditor) throw new BadInput("--creditor", `no creditor with code "${opts.creditor}" (see \`fordring creditors list\`)`);
        const integration = (await listIntegrations(db, creditor.id)).find((i) => i.canCreateCases);
        if (!integration) throw new BadInput("--creditor", `creditor ${opts.creditor} has no ledger integration that opens cases (see \`fordring integrations add\`)`);
        const connector = ledgerSyncDeps({ clock, rules: loadRuleBook(config.rulesDir), config }).connectorFor(integration);
        return reconcileCreditor(db, creditor.id, connector, { integrationId: integration.id, on });
      });
      const shown = opts.all ? report.invoices : report.invoices.filter((i) => !i.agrees);
      emit(io, !!opts.json, report, () =>
        [
          `${opts.creditor} on ${report.on}: ${report.invoices.length} invoices on cases, ledger open ${report.totals.ledgerOpen}, expected ${report.totals.expectedLedgerOpen}` +
            (report.agrees ? " — everything agrees" : `, difference ${report.totals.difference}`),
          ...shown.flatMap((i) => [
            `  ${i.caseNumber} invoice ${i.invoiceNumber} (customer ${i.customerRef}): ledger ${i.ledger.open}, expected ${i.ours.expectedLedgerOpen} (principal owed ${i.ours.principalOwed}, credited beyond principal and not settled ${i.ours.journaledNotSettled})${i.agrees ? "" : `, difference ${i.difference}`}`,
            ...i.differences.map((d) => `    ${d.amount.padStart(10)}  ${d.text}${d.ref ? ` [${d.ref}]` : ""}`),
          ]),
          ...report.unreadable.map((u) => `  unreadable ledger row ${u.ref}: ${u.error.message}`),
        ].join("\n"),
      );
      if (!report.agrees) process.exitCode = EXIT_FAILURE;
    });
}
