import type { Command } from "commander";
import { adjustDueDate, DUE_DATE_RULES } from "../../domain/calendar/due-date.js";
import { calendarFor } from "../../domain/calendar/business-calendar.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { emit, type Io } from "../output.js";

export function registerCalc(program: Command, io: Io): void {
  const calc = program.command("calc").description("interest, salær and due dates as the law computes them, with sources");

  calc
    .command("due-date")
    .description("the due date after moving it off weekends and holidays (NO: gjeldsbrevloven § 5)")
    .requiredOption("--date <date>", "the agreed due date, YYYY-MM-DD")
    .option("--jurisdiction <code>", "NO, SE or FI", "NO")
    .option("--json", "machine-readable output")
    .action((opts: { date: string; jurisdiction: string; json?: boolean }) => {
      const date = LocalDate.parse(opts.date, "--date");
      const calendar = calendarFor(opts.jurisdiction);
      const due = adjustDueDate(date, calendar.jurisdiction);
      const rule = DUE_DATE_RULES[calendar.jurisdiction];
      const skipped: { date: string; why: string }[] = [];
      for (let d = date; d.isBefore(due); d = d.plusDays(1)) {
        const h = calendar.holidayName(d);
        skipped.push({ date: d.toString(), why: h ? h.en : d.dayOfWeek === 6 ? "Saturday" : "Sunday" });
      }
      const result = { due: due.toString(), moved: !due.equals(date), skipped, rule: rule.rule, source: rule.source };
      emit(io, !!opts.json, result, () => (result.moved ? `${result.due} (moved from ${opts.date}: ${skipped.map((s) => `${s.date} ${s.why}`).join(", ")})` : result.due));
    });
}
