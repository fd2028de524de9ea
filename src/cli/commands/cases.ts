import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { ScenarioError } from "../../collection/scenario/scenario-schema.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig, type Config } from "../../platform/config.js";
import type { Database } from "../../platform/db/database.js";
import { withDatabase } from "../with-database.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { BadInput, emit, type Io } from "../output.js";
import type { CycleCounts } from "../../collection/engine/daily-cycle.js";

/**
 * Why `simulate` would touch a database that matters, or undefined when it is a play one: the
 * demo (seeded by `fordring demo seed` or the first start) or an embedded data directory under the
 * temporary directory. A server database (DATABASE_URL) always matters.
 */
async function realDatabase(db: Database, config: Config): Promise<string | undefined> {
  if (config.databaseUrl) return "the server database (DATABASE_URL)";
  const { isDemoSeeded } = await import("../../demo/seed-demo.js");
  if (await isDemoSeeded(db)) return undefined;
  const tmp = fs.realpathSync(os.tmpdir());
  const dir = fs.existsSync(config.dataDir) ? fs.realpathSync(config.dataDir) : config.dataDir;
  if (dir.startsWith(tmp + path.sep)) return undefined;
  return `the embedded database in ${config.dataDir}, which holds no demo`;
}

export function registerCases(program: Command, io: Io): void {
  program
    .command("cycle")
    .description("run the daily case cycle for every active creditor on one business date (idempotent: a second run changes nothing)")
    .option("--date <date>", "the business date, YYYY-MM-DD (default: today)")
    .option("--json", "machine-readable output")
    .action(async (opts: { date?: string; json?: boolean }) => {
      const config = loadConfig();
      const date = opts.date ? LocalDate.parse(opts.date, "--date") : clockFromConfig(config).today();
      const rules = loadRuleBook(config.rulesDir);
      const { runDayForAll } = await import("../../worker/cycle-jobs.js");
      const { renderQueuedLetters } = await import("../../collection/letters/render-queued.js");
      const result = await withDatabase(async (db) => {
        const counts = await runDayForAll(db, rules, config.agency, date, (done, of, c) => {
          if (!opts.json) io.err(`  creditor ${done}/${of}: ${c.advanced} cases advanced, ${c.letters} letters`);
          else io.err(`progress ${done}/${of}`);
        });
        let rendered = 0;
        for (let n = -1; n !== 0; rendered += n) n = await renderQueuedLetters(db, 200);
        return { date: date.toString(), creditors: counts, lettersRendered: rendered };
      });
      emit(io, !!opts.json, result, () => summary(result.date, result.creditors, result.lettersRendered));
    });

  program
    .command("simulate")
    .description("run the daily cycle day by day on a simulated clock")
    .requiredOption("--days <n>", "how many days")
    .option("--start <date>", "the first business date (default: FORDRING_TODAY or today)")
    .option("--yes", "run on a database that is neither the demo nor an embedded one under the temporary directory (a server database, a real data directory): simulated days send real letters and charge real fees")
    .option("--json", "machine-readable output")
    .action(async (opts: { days: string; start?: string; yes?: boolean; json?: boolean }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1 || days > 3660) throw new BadInput("--days", `"${opts.days}" is not a whole number of days from 1 to 3660`);
      const config = loadConfig();
      const start = opts.start ? LocalDate.parse(opts.start, "--start") : clockFromConfig(config).today();
      const rules = loadRuleBook(config.rulesDir);
      const { runDayForAll } = await import("../../worker/cycle-jobs.js");
      const { renderQueuedLetters } = await import("../../collection/letters/render-queued.js");
      const perDay = await withDatabase(async (db) => {
        if (!opts.yes) {
          const real = await realDatabase(db, config);
          if (real) throw new BadInput("--yes", `simulate moves every case ${days} day(s) on, queues letters and charges fees in ${real}; nothing was changed. Run it there only on purpose, with --yes`);
        }
        const out: { date: string; advanced: number; letters: number; charges: number }[] = [];
        for (let i = 0; i < days; i++) {
          const date = start.plusDays(i);
          const counts = await runDayForAll(db, rules, config.agency, date);
          const day = { date: date.toString(), advanced: sum(counts, "advanced"), letters: sum(counts, "letters"), charges: sum(counts, "charges") };
          out.push(day);
          if (!opts.json) io.err(`  ${day.date}: ${day.advanced} cases advanced, ${day.letters} letters, ${day.charges} charges  [${i + 1}/${days}]`);
        }
        for (let n = -1; n !== 0; ) n = await renderQueuedLetters(db, 200);
        return out;
      });
      const total = { days, from: start.toString(), to: start.plusDays(days - 1).toString(), advanced: perDay.reduce((a, d) => a + d.advanced, 0), letters: perDay.reduce((a, d) => a + d.letters, 0), charges: perDay.reduce((a, d) => a + d.charges, 0) };
      emit(io, !!opts.json, { ...total, perDay }, () => `simulated ${total.from} … ${total.to}: ${total.advanced} case steps, ${total.letters} letters, ${total.charges} charges`);
    });

  const scenario = program.command("scenario").description("drive the case engine from a scenario file");
  scenario
    .command("run <file>")
    .description("run FILE.json (a creditor's settings, invoices and events) day by day through the real engine on a fresh in-memory database")
    .option("--json", "machine-readable output")
    .action(async (file: string, opts: { json?: boolean }) => {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (e) {
        throw new BadInput("file", `${file}: ${(e as Error).message}`);
      }
      const { runScenario } = await import("../../collection/scenario/run-scenario.js");
      try {
        const config = loadConfig();
        const report = await runScenario(json, loadRuleBook(config.rulesDir), { agency: config.agency });
        emit(io, !!opts.json, report, () =>
          report.invoices
            .map((inv) =>
              [
                `${inv.invoice} → case ${inv.caseNumber ?? "(not transferred)"}: ${inv.closed ? `closed ${inv.closed.on} (${inv.closed.reason})` : `${inv.stage}${inv.hold ? `, ${inv.hold}` : ""}`}`,
                ...inv.timeline.map((t) => `  ${t.on}  ${t.type}${t.deadline ? ` (deadline ${t.deadline})` : ""}${t.amounts ? `  ${Object.entries(t.amounts).map(([k, v]) => `${k} ${v}`).join(", ")}` : ""}${t.reason ? `  — ${t.reason}` : ""}`),
                `  balance (${report.currency}): principal ${inv.balance.principal}, interest ${inv.balance.interest}, costs ${inv.balance.costs}, total ${inv.balance.total}`,
              ].join("\n"),
            )
            .join("\n\n"),
        );
      } catch (e) {
        if (e instanceof ScenarioError) {
          if (opts.json) io.err(JSON.stringify({ error: { code: "invalid_scenario", message: e.message, issues: e.issues } }));
          else io.err(`error: ${e.message}`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });
}

function sum(counts: readonly CycleCounts[], key: "advanced" | "letters" | "charges"): number {
  return counts.reduce((a, c) => a + c[key], 0);
}

function summary(date: string, counts: readonly { creditorId: string; accrued: number; advanced: number; letters: number; charges: number; warnings: number }[], rendered: number): string {
  const t = (k: "accrued" | "advanced" | "letters" | "charges" | "warnings") => counts.reduce((a, c) => a + c[k], 0);
  return `cycle ${date}: ${counts.length} creditors, interest accrued on ${t("accrued")} cases, ${t("advanced")} cases advanced, ${t("letters")} letters (${rendered} rendered), ${t("charges")} charges, ${t("warnings")} limitation warnings`;
}
