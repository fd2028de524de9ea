import type { Command } from "commander";
import { agencyFromEnv } from "../../collection/agency.js";
import { creditBureauOf } from "../../collection/debtor-info/credit-bureau.js";
import { runCreditCheck } from "../../collection/debtor-info/credit-check.js";
import { companyRegistryOf } from "../../collection/debtor-info/company-registry.js";
import { runDebtorInfoRound } from "../../collection/debtor-info/debtor-info-round.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { caseDebtorChecks, caseIdByNumber, casePaymentRemarks } from "../../read-models/back-office.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

/**
 * `fordring credit check|list` and `fordring debtor-info run`: credit checks on a case's debtor
 * (purpose and user required: the law asks for a legitimate need, docs/CASES.md "Credit checks"),
 * the log of every lookup, payment remarks, and the worker's debtor-information round on demand.
 */
export function registerDebtorInfo(program: Command, io: Io): void {
  const credit = program.command("credit").description("credit checks and payment remarks on a case's debtor (FORDRING_CREDIT_BUREAU_URL)");
  credit
    .command("check <caseNumber>")
    .description("ask the credit bureau for the debtor's score and payment remarks; logged with the purpose and the user")
    .requiredOption("--purpose <text>", "why the check is needed (the legitimate need the law asks for)")
    .requiredOption("--user <name>", "who asks (logged with the check)")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { purpose: string; user: string; json?: boolean }) => {
      const config = loadConfig();
      const bureau = creditBureauOf(config);
      if (!bureau) throw new BadInput("FORDRING_CREDIT_BUREAU_URL", "no credit bureau is configured");
      if (opts.user.trim() === "") throw new BadInput("--user", "who asks is required");
      const r = await withDatabase(async (db) => runCreditCheck(db, bureau, { caseId: await caseIdByNumber(db, caseNumber), purpose: opts.purpose, actor: `cli:${opts.user.trim()}`, today: clockFromConfig(config).today() }));
      if (!r.ok) throw new BadInput(r.field === "purpose" ? "--purpose" : r.field, r.message);
      emit(io, !!opts.json, r, () =>
        r.outcome === "ok" ? `check ${r.checkId}: score ${r.score} (${r.riskClass}), ${r.paymentRemarks} payment remark(s)`
        : r.outcome === "not-found" ? `check ${r.checkId}: the bureau does not know the debtor`
        : `check ${r.checkId}: the bureau could not be reached (logged as unavailable)`,
      );
    });
  credit
    .command("list <caseNumber>")
    .description("every lookup about the case's debtor (credit checks, company register) with purpose, user, day and outcome; and its payment remark")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const out = await withDatabase(async (db) => {
        const caseId = await caseIdByNumber(db, caseNumber);
        return { checks: await caseDebtorChecks(db, caseId), paymentRemarks: await casePaymentRemarks(db, caseId) };
      });
      emit(io, !!opts.json, out, () =>
        [
          ...(out.checks.length === 0 ? ["no checks"] : out.checks.map((c) => `${c.checkedOn}  ${c.source.padEnd(16)} ${c.outcome.padEnd(11)} ${c.actor}: ${c.purpose}${c.score !== null ? ` (score ${c.score}, ${c.riskClass})` : ""}`)),
          ...out.paymentRemarks.map((r) => `payment remark ${r.registeredOn}: ${r.status} (${r.basis})${r.lastError ? `; last error: ${r.lastError}` : ""}`),
        ].join("\n"),
      );
    });
  program
    .command("debtor-info")
    .description("the worker's debtor-information round now: company register check, payment remarks reported/deleted, legal steps waiting for a credit check retried")
    .option("--json", "machine-readable output")
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const registry = companyRegistryOf(config);
      const bureau = creditBureauOf(config);
      const r = await withDatabase((db) => runDebtorInfoRound(db, { rules: loadRuleBook(config.rulesDir), agency: agencyFromEnv(), today: clockFromConfig(config).today(), ...(registry ? { registry } : {}), ...(bureau ? { bureau } : {}) }));
      emit(io, !!opts.json, r, () =>
        [
          r.company ? `company register: ${r.company.checked} checked, ${r.company.bankrupt} bankrupt, ${r.company.attention} for attention, ${r.company.unavailable} unavailable` : "company register: not configured (FORDRING_BRREG_URL)",
          `payment remarks: ${r.remarks.registered} new, ${r.remarks.reported} reported, ${r.remarks.deleted} deleted, ${r.remarks.cancelled} cancelled, ${r.remarks.waiting} waiting for the bureau`,
          `legal steps waiting for a credit check: ${r.legal.taken} taken, ${r.legal.waiting} still waiting, ${r.legal.refused} refused, ${r.legal.cancelled} cancelled`,
          ...(r.retryNeeded ? ["something waited for a register or bureau that was down: run again later"] : []),
        ].join("\n"),
      );
    });
}
