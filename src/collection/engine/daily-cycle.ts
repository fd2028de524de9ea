import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { agencyFromEnv } from "../agency.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { advanceCase } from "./advance-case.js";
import { accrueInterest, syncDayWeights } from "./interest-accrual.js";
import type { DueCaseRow } from "./letter-for-case.js";
import { writePlans } from "./write-plans.js";

/**
 * One creditor through one business day: interest accrued to the day (one UPDATE), then every
 * case with something due advanced in batches, then limitation warnings — all in ONE transaction
 * under a per-creditor advisory lock. Run twice, or by two workers at once, the second run finds
 * nothing to do; killed half-way, nothing of the day is kept and the rerun does it all.
 */
export interface CycleCounts {
  creditorId: string;
  businessDate: string;
  accrued: number;
  advanced: number;
  letters: number;
  charges: number;
  events: number;
  warnings: number;
}

export interface CycleOptions {
  rules: RuleBook;
  agency?: LetterAgency;
  actor?: string;
  batchSize?: number;
}

const DUE_CASES_SQL = `
  select c.*, d.name as debtor_name, d.address as debtor_address, d.language as debtor_language, d.external_id as debtor_external_id,
         cl.invoice_number, cl.issue_date, cl.due_date as claim_due_date, cl.description
    from cases c
    join debtors d on d.id = c.debtor_id
    join claims cl on cl.id = c.claim_id
   where c.creditor_id = $1 and c.closed_on is null and c.next_action_on <= $2 and c.id > $3
   order by c.id
   limit $4`;

export async function runCycleDay(database: Database, creditorId: string, today: LocalDate, options: CycleOptions): Promise<CycleCounts> {
  // Two workers starting at once must not both rebuild the weights: serialise on a lock, and the
  // second finds the fingerprint current.
  await database.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended('fordring:interest-day-weights', 0))");
    await syncDayWeights(tx, "NO", options.rules.NO.lateInterest);
  });
  return database.transaction((tx) => cycleInTransaction(tx, creditorId, today, options));
}

export async function cycleInTransaction(tx: Queryable, creditorId: string, today: LocalDate, options: CycleOptions): Promise<CycleCounts> {
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fordring:creditor:${creditorId}`]);
  const creditor = await loadCreditor(tx, creditorId);
  const counts: CycleCounts = { creditorId, businessDate: today.toString(), accrued: 0, advanced: 0, letters: 0, charges: 0, events: 0, warnings: 0 };
  counts.accrued = await accrueInterest(tx, creditorId, today);

  const ctx = { today, creditor, rules: options.rules.NO, agency: options.agency ?? agencyFromEnv(), actor: options.actor ?? "system:daily-cycle" };
  const batchSize = options.batchSize ?? 2000;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await tx.query<DueCaseRow>(DUE_CASES_SQL, [creditorId, today.toString(), after, batchSize]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const plans = rows.map((row) => advanceCase(row, ctx));
    const w = await writePlans(tx, rows, plans, ctx);
    counts.advanced += w.updated;
    counts.letters += w.letters;
    counts.charges += w.charges;
    counts.events += w.events;
  }
  counts.warnings = await limitationWarnings(tx, creditorId, today, creditor.settings.limitationWarningDays, ctx.actor);

  await tx.query(
    `insert into cycle_runs (creditor_id, business_date, step, finished_at, counts) values ($1, $2, 'advance', now(), $3)
     on conflict (creditor_id, business_date, step) do update set finished_at = now(),
       counts = jsonb_build_object('runs', coalesce((cycle_runs.counts->>'runs')::int, 1) + 1, 'last', excluded.counts)`,
    [creditorId, today.toString(), JSON.stringify(counts)],
  );
  return counts;
}

/** A warning on the timeline when the limitation date comes within each configured number of days (once each). */
async function limitationWarnings(tx: Queryable, creditorId: string, today: LocalDate, days: readonly number[], actor: string): Promise<number> {
  let n = 0;
  for (const d of days) {
    const rows = await tx.query(
      `insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
       select c.creditor_id, c.id, $2, $3, 'limitation-warning', c.stage,
              jsonb_build_object('limitationOn', c.limitation_on, 'withinDays', $4::int, 'daysLeft', c.limitation_on - $2::date),
              'The claim becomes time-barred (foreldelsesloven § 2) unless interrupted', 'limitation-warning:' || $4::int || ':' || c.limitation_on
         from cases c
        where c.creditor_id = $1 and c.closed_on is null and c.limitation_on is not null and c.limitation_on - $2::date <= $4::int
       on conflict (case_id, dedupe_key) do nothing
       returning id`,
      [creditorId, today.toString(), actor, d],
    );
    n += rows.length;
  }
  return n;
}
