import type { Command } from "commander";
import type { CalculatorLetter } from "../../domain/cost-calculator.js";
import { costQuote, dueDateQuote, interestQuote, salaryQuote } from "../../collection/calculator/quotes.js";
import { loadConfig } from "../../platform/config.js";
import { loadRuleBook, type RuleBook } from "../../platform/rule-book.js";
import { BadInput, emit, type Io } from "../output.js";

const LETTERS: readonly CalculatorLetter[] = ["reminder", "collection-notice", "payment-demand"];

function ruleBook(): RuleBook {
  return loadRuleBook(loadConfig().rulesDir);
}

export function registerCalc(program: Command, io: Io): void {
  const calc = program.command("calc").description("interest, salær, fees and due dates as the law computes them, with sources");

  calc
    .command("interest")
    .description("forsinkelsesrente on a principal from the due date (moved off holidays) until a date, per rate period")
    .requiredOption("--principal <amount>", "the principal, e.g. 10000.00")
    .requiredOption("--due <date>", "the due date, YYYY-MM-DD")
    .requiredOption("--until <date>", "the last interest day (payment or calculation date), YYYY-MM-DD")
    .option("--jurisdiction <code>", "NO, SE or FI", "NO")
    .option("--currency <code>", "defaults to the jurisdiction's currency")
    .option("--json", "machine-readable output")
    .action((opts: { principal: string; due: string; until: string; jurisdiction: string; currency?: string; json?: boolean }) => {
      const q = interestQuote(opts, ruleBook());
      emit(io, !!opts.json, q, () =>
        [
          `interest ${q.interest} ${q.currency} on ${q.principal} from ${q.from} to ${q.until} (${q.days} days)`,
          ...q.periods.map((p) => `  ${p.from} → ${p.to}  ${String(p.days).padStart(4)} days @ ${p.ratePercent} %/${p.yearDays}  ${p.interest.padStart(10)}  (${p.confidence}; ${p.source})`),
        ].join("\n"),
      );
    });

  calc
    .command("salary")
    .description("the maximum inkassosalær for a claim (inkassoforskriften ch. 2)")
    .requiredOption("--principal <amount>", "the claim: principal + interest accrued before the due date")
    .requiredOption("--debtor <type>", "consumer or business")
    .option("--heavy", "tungt salær (the payment demand's deadline overrun by more than 28 days)")
    .option("--not-vat-registered", "the creditor is not VAT-registered: 25 % is added")
    .requiredOption("--on <date>", "the date the principal is paid, or the calculation date")
    .option("--due <date>", "the claim's due date (chooses the pre/post 1 Oct 2020 table; default: --on)")
    .option("--json", "machine-readable output")
    .action((opts: { principal: string; debtor: string; heavy?: boolean; notVatRegistered?: boolean; on: string; due?: string; json?: boolean }) => {
      if (opts.debtor !== "consumer" && opts.debtor !== "business") throw new BadInput("--debtor", `"${opts.debtor}" is not consumer or business`);
      const q = salaryQuote(opts, ruleBook());
      emit(io, !!opts.json, q, () => `${q.amount} ${q.currency} (${q.heavy ? "tungt" : "lett"}, ${q.debtor}, factor ${q.factor}${q.vatRatePercent ? `, + ${q.vatRatePercent} % VAT` : ""}) — ${q.source}`);
    });

  calc
    .command("due-date")
    .description("the due date after moving it off weekends and holidays (NO: gjeldsbrevloven § 5)")
    .requiredOption("--date <date>", "the agreed due date, YYYY-MM-DD")
    .option("--jurisdiction <code>", "NO, SE or FI", "NO")
    .option("--json", "machine-readable output")
    .action((opts: { date: string; jurisdiction: string; json?: boolean }) => {
      const q = dueDateQuote(opts);
      emit(io, !!opts.json, q, () => (q.moved ? `${q.due} (moved from ${opts.date}: ${q.skipped.map((s) => `${s.date} ${s.why}`).join(", ")})` : q.due));
    });

  calc
    .command("costs")
    .description("everything a claim may cost the debtor on a date: interest per period, letter fees, salær, legal costs")
    .requiredOption("--principal <amount>", "the principal, e.g. 1500.00")
    .requiredOption("--due <date>", "the due date, YYYY-MM-DD")
    .requiredOption("--on <date>", "the calculation date, YYYY-MM-DD")
    .option("--debtor <type>", "consumer or business", "consumer")
    .option("--not-vat-registered", "the creditor is not VAT-registered")
    .option("--letter <kind:sent[:deadline]>", "a letter sent, in order (repeatable): reminder, collection-notice or payment-demand", collect, [])
    .option("--heavy", "force tungt salær")
    .option("--json", "machine-readable output")
    .action((opts: { principal: string; due: string; on: string; debtor: string; notVatRegistered?: boolean; letter: string[]; heavy?: boolean; json?: boolean }) => {
      if (opts.debtor !== "consumer" && opts.debtor !== "business") throw new BadInput("--debtor", `"${opts.debtor}" is not consumer or business`);
      const letters = opts.letter.map((spec, i) => {
        const [letter, sentOn, deadline] = spec.split(":");
        if (!letter || !LETTERS.includes(letter as CalculatorLetter) || !sentOn) {
          throw new BadInput(`--letter[${i}]`, `"${spec}" is not KIND:YYYY-MM-DD[:YYYY-MM-DD] with KIND one of ${LETTERS.join(", ")}`);
        }
        return { letter: letter as CalculatorLetter, sentOn, deadline: deadline ?? null };
      });
      const q = costQuote(
        { principal: opts.principal, dueDate: opts.due, on: opts.on, debtor: opts.debtor, creditorVatRegistered: !opts.notVatRegistered, letters, ...(opts.heavy ? { heavy: true } : {}) },
        ruleBook(),
      );
      emit(io, !!opts.json, q, () =>
        [
          `on ${q.on}: principal ${q.total.principal}, interest ${q.total.interest}, costs ${q.total.costs}, total ${q.total.total} ${q.currency}`,
          ...q.fees.map((f) => `  ${f.letter} ${f.sentOn}: ${f.allowed ? f.amount : "no fee"} — ${f.reason.text.en}`),
          ...(q.salary ? [`  salær: ${q.salary.allowed ? q.salary.amount : "not allowed"} — ${q.salary.reason.text.en}`] : []),
        ].join("\n"),
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
