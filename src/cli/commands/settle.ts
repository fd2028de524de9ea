import fs from "node:fs";
import type { Command } from "commander";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import type { Database } from "../../platform/db/database.js";
import { creditorByCode as findCreditor } from "../../read-models/creditors.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

type Creditor = NonNullable<Awaited<ReturnType<typeof findCreditor>>>;

async function creditorByCode(db: Database, code: string): Promise<Creditor> {
  const c = await findCreditor(db, code);
  if (!c) throw new BadInput("--creditor", `no creditor with code "${code}" (see \`fordring creditors list\`)`);
  return c;
}

interface SettleOptions {
  creditor?: string;
  from?: string;
  to?: string;
  on?: string;
  pdf?: string;
  payout?: string;
  pain?: string;
  check: boolean;
  json?: boolean;
}

/**
 * `fordring settle`: the settlement run for a creditor and period (with the remittance PDF and the
 * payout file), `fordring settle status` (payout, voucher delivery and booked state, checked
 * against the ledger), and `fordring creditors set-bank` (the payout account).
 */
export function registerSettle(program: Command, io: Io): void {
  program
    .command("settle")
    .description("settle a creditor's collected money for a period: shares, commission, VAT, netting, the posting proposal for its ledger (a period is settled once), the remittance PDF and the payout file; `settle status` lists the settlements")
    .argument("[status|due]", "`status`: list the creditor's settlements with payout, voucher delivery and booked state (read back from the ledger); `due`: settle every period that has ended by each creditor's frequency (daily, weekly, monthly), as the worker does each morning — one creditor with --creditor, else all")
    .option("--creditor <code>", "the creditor's code (required but for `due`)")
    .option("--from <date>", "first day of the period")
    .option("--to <date>", "last day of the period")
    .option("--on <date>", "the settlement date (default: today)")
    .option("--pdf <file>", "also write the remittance report (PDF)")
    .option("--payout <file>", "also write the payout file: a pain.001 credit transfer of the payout to the creditor's bank account")
    .option("--pain <version>", "pain.001 version of the payout file: 03 or 09", "03")
    .option("--no-check", "status: show the stored state without asking the ledger")
    .option("--json", "machine-readable output")
    .action(async (what: string | undefined, opts: SettleOptions) => {
      if (what === "due") return settleDueCommand(io, opts);
      if (what !== undefined && what !== "status") throw new BadInput("status", `"${what}" is not a settle command (\`status\` or \`due\`)`);
      if (!opts.creditor) throw new BadInput("--creditor", "the creditor's code is required");
      const withCreditor = { ...opts, creditor: opts.creditor };
      return what === "status" ? settleStatus(io, withCreditor) : settle(io, withCreditor);
    });

  const creditors = program.commands.find((c) => c.name() === "creditors") ?? program.command("creditors").description("the creditors whose claims Fordring collects");
  creditors
    .command("set-bank")
    .description("set the creditor's payout account: a Norwegian account number, or an IBAN with BIC")
    .requiredOption("--creditor <code>", "the creditor's code")
    .option("--account <number>", "Norwegian account number (11 digits, e.g. 1234.56.78903)")
    .option("--iban <iban>", "IBAN (e.g. NO93 8601 1117 947)")
    .option("--bic <bic>", "the bank's BIC (required with --iban, e.g. DNBANOKK)")
    .option("--inactive", "store the account as inactive (no payouts to it)")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor: string; account?: string; iban?: string; bic?: string; inactive?: boolean; json?: boolean }) => {
      const { setCreditorBankAccount } = await import("../../settlement/creditor-bank-account.js");
      const account = await withDatabase(async (db) => setCreditorBankAccount(db, (await creditorByCode(db, opts.creditor)).id, { account: opts.account, iban: opts.iban, bic: opts.bic, active: !opts.inactive }));
      emit(io, !!opts.json, { creditor: opts.creditor, bankAccount: account }, () =>
        `${opts.creditor}: payout account ${account.iban ?? account.accountNumber}${account.bic ? ` (${account.bic})` : ""}${account.active ? "" : " — inactive"}`,
      );
    });
}

/** `fordring payouts …`: payout files (pain.001) and the bank's status reports (pain.002). */
export function registerPayouts(program: Command, io: Io): void {
  const payouts = program.command("payouts").description("payouts to creditors: the payout files (pain.001) and the bank's status reports (pain.002)");
  payouts
    .command("list")
    .description("the latest payout file of each settlement with the bank's status; --status rejected lists those to re-issue")
    .option("--status <status>", "issued, received, pending, accepted, partially_accepted or rejected")
    .option("--creditor <code>", "one creditor")
    .option("--json", "machine-readable output")
    .action(async (opts: { status?: string; creditor?: string; json?: boolean }) => {
      const STATUSES = ["issued", "received", "pending", "accepted", "partially_accepted", "rejected"];
      if (opts.status !== undefined && !STATUSES.includes(opts.status)) throw new BadInput("--status", `"${opts.status}" is not one of ${STATUSES.join(", ")}`);
      const { latestPayouts } = await import("../../read-models/payouts.js");
      const rows = await withDatabase(async (db) => latestPayouts(db, { status: opts.status, creditorId: opts.creditor ? (await creditorByCode(db, opts.creditor)).id : undefined }));
      emit(io, !!opts.json, rows, () =>
        rows.map((r) => `${r.settlementId}  ${r.creditorCode.padEnd(8)} ${(r.amountMinor / 100).toFixed(2).padStart(12)} ${r.currency}  attempt ${r.attempt}  ${r.status}${r.statusCode ? ` (${r.statusCode})` : ""}${r.reason ? `: ${r.reason}` : ""}`).join("\n") || "no payouts",
      );
    });
  payouts
    .command("import <file>")
    .description("import the bank's pain.002 status report: each payout it names gets its status (accepted, rejected with the reason, partially accepted …)")
    .option("--json", "machine-readable output")
    .action(async (file: string, opts: { json?: boolean }) => {
      let xml: string;
      try {
        xml = fs.readFileSync(file, "utf8");
      } catch (e) {
        throw new BadInput("file", `${file}: ${(e as Error).message}`);
      }
      const config = loadConfig();
      const { importPayoutStatusReport } = await import("../../settlement/payout-status.js");
      const r = await withDatabase((db) => importPayoutStatusReport(db, xml, { now: clockFromConfig(config).now(), actor: "cli:payouts" }));
      emit(io, !!opts.json, r, () =>
        [
          `${file}: status report ${r.messageId} for payout file ${r.originalMessageId}${r.groupStatus ? ` (file ${r.groupStatus})` : ""}`,
          ...r.applied.map((a) => `  ${a.creditorCode} settlement ${a.settlementId} attempt ${a.attempt}: ${a.status}${a.reason ? ` — ${a.reason}` : ""}${a.kept ? " (kept: it had a final answer)" : ""}`),
          ...r.unmatched.map((u) => `  not matched at ${u.where}: ${u.code}${u.reason ? ` — ${u.reason}` : ""} (${u.why})`),
          ...(r.applied.some((a) => a.status === "rejected" && !a.kept) ? ["  a rejected payout is re-issued with `fordring payouts reissue SETTLEMENT --out FILE` once the cause is fixed"] : []),
        ].join("\n"),
      );
    });
  for (const [name, description] of [
    ["file", "write the settlement's payout file (pain.001): its latest attempt, the same payment each time"],
    ["reissue", "write a new payout file (ids of its own) for a payout the bank rejected, to the creditor's account as it is now; refused unless the latest was rejected"],
  ] as const) {
    payouts
      .command(`${name} <settlementId>`)
      .description(description)
      .requiredOption("--out <file>", "where to write the XML")
      .option("--pain <version>", "pain.001 version: 03 or 09", "03")
      .option("--json", "machine-readable output")
      .action(async (settlementId: string, opts: { out: string; pain: string; json?: boolean }) => {
        if (!/^[0-9a-f-]{36}$/i.test(settlementId)) throw new BadInput("settlementId", `"${settlementId}" is not a settlement id (see \`fordring settle status\`)`);
        const config = loadConfig();
        const clock = clockFromConfig(config);
        const { parsePainVersion } = await import("../../settlement/payout.js");
        const { issuePayoutFile, reissuePayout } = await import("../../settlement/payout-status.js");
        const req = { settlementId, version: parsePainVersion(opts.pain, "--pain"), debtor: config.agency.payoutAccount, createdAt: clock.now(), today: clock.today() };
        const file = await withDatabase((db) => (name === "file" ? issuePayoutFile(db, req) : reissuePayout(db, { ...req, actor: "cli:payouts" })));
        fs.writeFileSync(opts.out, file.xml);
        const out = { file: opts.out, settlementId, attempt: file.attempt, messageId: file.messageId, amount: file.amount, currency: file.currency, creditor: file.creditor, requestedExecutionDate: file.requestedExecutionDate };
        emit(io, !!opts.json, out, () => `${opts.out}: payout ${file.amount} ${file.currency} to ${file.creditor.code} ${file.creditor.account}, attempt ${file.attempt} (message ${file.messageId})`);
      });
  }
}

async function settle(io: Io, opts: SettleOptions & { creditor: string }): Promise<void> {
  if (!opts.from) throw new BadInput("--from", "the first day of the period is required");
  if (!opts.to) throw new BadInput("--to", "the last day of the period is required");
  const from = LocalDate.parse(opts.from, "--from");
  const to = LocalDate.parse(opts.to, "--to");
  const config = loadConfig();
  const clock = clockFromConfig(config);
  const settledOn = opts.on ? LocalDate.parse(opts.on, "--on") : clock.today();
  const { parsePainVersion } = await import("../../settlement/payout.js");
  const { issuePayoutFile } = await import("../../settlement/payout-status.js");
  const { activeBankAccount } = await import("../../settlement/creditor-bank-account.js");
  const { settlePeriod } = await import("../../settlement/run-settlement.js");
  const version = parsePainVersion(opts.pain, "--pain");
  let creditor: Creditor | undefined;
  const { run, payout } = await withDatabase(async (db) => {
    creditor = await creditorByCode(db, opts.creditor);
    // Refused before anything is settled: the file asked for could not be made.
    const bank = activeBankAccount(creditor.bank_account);
    if (opts.payout && "missing" in bank) throw new BadInput("--payout", `creditor ${creditor.code} ${bank.missing}; nothing was settled and no payout file written`);
    const run = await settlePeriod(db, { creditorId: creditor.id, from, to, settledOn });
    const payout = opts.payout && run.settled
      ? await issuePayoutFile(db, { settlementId: run.settlementId, version, debtor: config.agency.payoutAccount, createdAt: clock.now(), today: clock.today() })
      : undefined;
    return { run, payout };
  });
  if (!run.settled) {
    // Not an error: the period is simply empty; no remittance report or payout file to write.
    emit(io, !!opts.json, run, () => `${creditor!.code} ${run.period.from}–${run.period.to}: ${run.reason}${opts.pdf || opts.payout ? "; no remittance report or payout file written" : ""}`);
    return;
  }
  if (opts.pdf) {
    const { renderRemittancePdf } = await import("../../settlement/remittance-pdf.js");
    const pdf = await renderRemittancePdf({ agency: config.agency, creditor: { name: creditor!.name, orgNumber: creditor!.org_number }, settlement: run.settlement, voucher: run.voucher });
    fs.writeFileSync(opts.pdf, pdf);
  }
  if (payout && opts.payout) fs.writeFileSync(opts.payout, payout.xml);
  const payoutFile = payout && { file: opts.payout, version: payout.version, messageId: payout.messageId, amount: payout.amount, creditor: payout.creditor, requestedExecutionDate: payout.requestedExecutionDate, remittanceText: payout.remittanceText };
  emit(io, !!opts.json, payoutFile ? { ...run, payoutFile } : run, () =>
    [
      `settlement ${run.settlementId}${run.duplicate ? " (settled before; shown again)" : ""}: ${run.cases} cases`,
      `  received by the agency ${run.settlement.totals.receivedByAgency}, creditor's share ${run.settlement.totals.creditorShare}, agency's ${run.settlement.totals.agencyTotal}`,
      run.outcome === "invoice" ? `  the creditor owes ${run.invoiceToCreditor} (invoice)` : `  payout ${run.payout} ${run.settlement.currency}`,
      ...run.voucher.lines.map((l) => `  ${l.accountCode.padEnd(8)} ${l.amount.padStart(12)}  ${l.description}`),
      ...(run.voucherQueued ? [] : ["  no voucher for the ledger: the posting proposal has no lines"]),
      ...(payout ? [`  payout file ${opts.payout} (${payout.version}): ${payout.amount} ${run.settlement.currency} to ${payout.creditor.account} on ${payout.requestedExecutionDate}`] : []),
    ].join("\n"),
  );
}

async function settleStatus(io: Io, opts: SettleOptions & { creditor: string }): Promise<void> {
  const config = loadConfig();
  const clock = clockFromConfig(config);
  const { settlementStatus } = await import("../../settlement/settlement-status.js");
  const { checkSettlementBooked } = await import("../../integration/sync/booked-check.js");
  const { listIntegrations, ledgerSyncDeps } = await import("../../integration/sync/index.js");
  const { loadRuleBook } = await import("../../platform/rule-book.js");
  const problems: string[] = [];
  const rows = await withDatabase(async (db) => {
    const creditor = await creditorByCode(db, opts.creditor);
    if (opts.check) {
      const integration = (await listIntegrations(db, creditor.id)).find((i) => i.canCreateCases);
      const due = (await settlementStatus(db, creditor.id)).filter((s) => s.voucher.state === "delivered" && s.booked.state !== "booked");
      if (!integration && due.length > 0) problems.push("no ledger integration opens cases for this creditor, so nothing was read back");
      else if (integration && due.length > 0) {
        const connector = ledgerSyncDeps({ clock, rules: loadRuleBook(config.rulesDir), config }).connectorFor(integration);
        for (const s of due) {
          try {
            await checkSettlementBooked(db, connector, s.settlementId, clock.now());
          } catch (e) {
            problems.push(`settlement ${s.settlementId}: the ledger could not be read (${e instanceof Error ? e.message : String(e)})`);
          }
        }
      }
    }
    return settlementStatus(db, creditor.id);
  });
  emit(io, !!opts.json, { settlements: rows, problems }, () =>
    [
      ...rows.map((s) =>
        [
          `${s.settlementId} ${s.period.from}–${s.period.to} settled ${s.settledOn}: ${s.payout !== "0.00" ? `payout ${s.payout}` : s.invoiceToCreditor !== "0.00" ? `creditor owes ${s.invoiceToCreditor}` : "nothing to pay"}`,
          `  voucher ${s.voucher.state}${s.voucher.deliveredAt ? ` ${s.voucher.deliveredAt}` : ""}${s.voucher.lastError ? ` (last error: ${s.voucher.lastError})` : ""}`,
          `  booked: ${s.booked.state}${s.booked.reason ? ` — ${s.booked.reason}` : ""}`,
        ].join("\n"),
      ),
      ...problems.map((p) => `note: ${p}`),
    ].join("\n") || "no settlements",
  );
}

/** `fordring settle due`: the scheduled settlements, now (the worker runs them at 07:00). */
async function settleDueCommand(io: Io, opts: SettleOptions): Promise<void> {
  const clock = clockFromConfig(loadConfig());
  const today = opts.on ? LocalDate.parse(opts.on, "--on") : clock.today();
  const { settleDue, creditorsWithUnsettled } = await import("../../settlement/settle-due.js");
  const results = await withDatabase(async (db) => {
    const creditors = opts.creditor ? [await creditorByCode(db, opts.creditor)] : await creditorsWithUnsettled(db);
    const out: { creditor: string; frequency: string; settlements: { settlementId: string; period: string; duplicate: boolean; cases: number; currency: string; payout: string; invoiceToCreditor: string }[]; empty: number }[] = [];
    for (const c of creditors) {
      const due = await settleDue(db, c.id, today);
      out.push({
        creditor: c.code,
        frequency: due.frequency,
        settlements: due.runs.flatMap((r) =>
          r.settled ? [{ settlementId: r.settlementId, period: `${r.settlement.period.from}–${r.settlement.period.to}`, duplicate: r.duplicate, cases: r.cases, currency: r.settlement.currency, payout: r.payout, invoiceToCreditor: r.invoiceToCreditor }] : [],
        ),
        empty: due.runs.filter((r) => !r.settled).length,
      });
    }
    return out;
  });
  emit(io, !!opts.json, { on: today.toString(), creditors: results }, () =>
    results.length === 0
      ? `${today}: nothing to settle for any creditor`
      : results
          .map((r) =>
            [
              `${r.creditor} (${r.frequency}): ${r.settlements.filter((x) => !x.duplicate).length} settled${r.empty ? `, ${r.empty} period(s) with nothing to settle` : ""}`,
              ...r.settlements.map((x) => `  ${x.period} ${x.settlementId}${x.duplicate ? " (settled before)" : ""}: ${x.cases} cases, ${x.invoiceToCreditor !== "0.00" ? `creditor owes ${x.invoiceToCreditor}` : `payout ${x.payout} ${x.currency}`}`),
            ].join("\n"),
          )
          .join("\n"),
  );
}
