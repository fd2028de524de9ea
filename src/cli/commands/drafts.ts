import type { Command } from "commander";
import { formatDecimal } from "../../domain/money.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import type { Database } from "../../platform/db/database.js";
import { creditorByCode } from "../../read-models/creditors.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

const STATES = ["draft", "waiting", "blocked", "transferred"] as const;
type State = (typeof STATES)[number];

async function creditorIdOf(db: Database, code: string): Promise<string> {
  const row = await creditorByCode(db, code);
  if (!row) throw new BadInput("--creditor", `no creditor with code "${code}" (see \`fordring creditors list\`)`);
  return row.id;
}

/** `fordring drafts list|approve`: the draft list (utkast inkasso) — invoices waiting for a person to approve their transfer. */
export function registerDrafts(program: Command, io: Io): void {
  const drafts = program.command("drafts").description("the draft list: invoices judged transferable that wait for approval");
  drafts
    .command("list")
    .description("a creditor's drafts (or its invoices in another transfer state), with the reasons")
    .requiredOption("--creditor <code>", "the creditor's code")
    .option("--state <state>", `one of ${STATES.join(", ")}`, "draft")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor: string; state: string; json?: boolean }) => {
      if (!(STATES as readonly string[]).includes(opts.state)) throw new BadInput("--state", `"${opts.state}" is not one of ${STATES.join(", ")}`);
      const { listTransferClaims } = await import("../../integration/sync/index.js");
      const rows = await withDatabase(async (db) => listTransferClaims(db, { creditorId: await creditorIdOf(db, opts.creditor), state: opts.state as State }));
      // Amounts as decimal strings, like every command's output.
      const wire = rows.map(({ openMinor, ...r }) => ({ ...r, open: formatDecimal({ amount: openMinor, currency: r.currency }) }));
      emit(io, !!opts.json, wire, () =>
        wire
          .map((r) => `${r.claimId}  ${r.invoiceNumber.padEnd(10)} ${r.open.padStart(12)} ${r.currency}  due ${r.dueDate}${r.eligibleOn && r.state === "waiting" ? `  goes ${r.eligibleOn}` : ""}  ${r.debtor}` +
            (r.reasons.length ? `\n    ${r.reasons.map((x) => x.text.en).join("; ")}` : ""))
          .join("\n") || `no invoices in state ${opts.state}`,
      );
    });
  drafts
    .command("approve [claimIds...]")
    .description("approve drafts: opens their cases; the next ledger sync registers them in the ledger")
    .requiredOption("--creditor <code>", "the creditor's code")
    .option("--all", "every draft of the creditor")
    .option("--json", "machine-readable output")
    .action(async (claimIds: string[], opts: { creditor: string; all?: boolean; json?: boolean }) => {
      if (opts.all && claimIds.length > 0) throw new BadInput("--all", "give either --all or claim ids, not both");
      if (!opts.all && claimIds.length === 0) throw new BadInput("claimIds", "give the claim ids to approve (see `fordring drafts list`), or --all");
      const config = loadConfig();
      const { approveDrafts } = await import("../../integration/sync/index.js");
      const result = await withDatabase(async (db) =>
        approveDrafts(db, { creditorId: await creditorIdOf(db, opts.creditor), claimIds: opts.all ? "all" : claimIds, actor: "cli:drafts", today: clockFromConfig(config).today() }),
      );
      emit(io, !!opts.json, result, () =>
        [
          `${result.approved} approved`,
          ...result.cases.map((c) => `  ${c.claimId} → case ${c.caseNumber}`),
          ...result.refused.map((r) => `  refused ${r.claimId}: ${r.reason}`),
        ].join("\n"),
      );
      if (result.refused.length > 0) process.exitCode = 1;
    });
}
