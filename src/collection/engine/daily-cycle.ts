import { randomUUID } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { planDay } from "../../domain/case/index.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { accountOf, accrueInterest, loadDueCases, writeLimitationWarnings, writePlans } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { syncDayWeights } from "./interest-accrual.js";
import { reviewPaymentPlans } from "../payment-plans/payment-plans.js";
import { filePendingSteps } from "../legal/legal-steps.js";
import { watchSurveillance } from "../surveillance/surveillance.js";

/**
 * One creditor through one business day: interest accrued to the day (one UPDATE), then every
 * case with something due advanced in batches — load (the case store), plan (`planDay`, the
 * domain's case module), write (the case store, set-based) — then limitation warnings, all in ONE transaction
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
  /** The letter sender: the caller's (the worker, CLI, demo pass `Config.agency`). */
  agency: LetterAgency;
  actor?: string;
  batchSize?: number;
}

export async function runCycleDay(database: Database, creditorId: string, today: LocalDate, options: CycleOptions): Promise<CycleCounts> {
  // Two workers starting at once must not both rebuild the weights: serialise on a lock, and the
  // second finds the fingerprint current.
  await database.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended('fordring:interest-day-weights', 0))");
    await syncDayWeights(tx, "NO", options.rules.NO.lateInterest);
    await syncDayWeights(tx, "SE", options.rules.SE.lateInterest);
  });
  return database.transaction((tx) => cycleInTransaction(tx, creditorId, today, options));
}

export async function cycleInTransaction(tx: Queryable, creditorId: string, today: LocalDate, options: CycleOptions): Promise<CycleCounts> {
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fordring:creditor:${creditorId}`]);
  const creditor = await loadCreditor(tx, creditorId);
  const counts: CycleCounts = { creditorId, businessDate: today.toString(), accrued: 0, advanced: 0, letters: 0, charges: 0, events: 0, warnings: 0 };
  counts.accrued = await accrueInterest(tx, creditorId, today);

  const actor = options.actor ?? "system:daily-cycle";
  // Payment plans first: a plan broken today lets its case resume in today's run.
  await reviewPaymentPlans(tx, creditorId, today, { rules: options.rules, agency: options.agency, actor });
  const plan = { today, creditor, rules: options.rules.NO, swedishRules: options.rules.SE, newId: randomUUID };
  const write = { today, actor, agency: options.agency, rules: options.rules.NO, swedishRules: options.rules.SE, creditorOf: () => creditor };
  const batchSize = options.batchSize ?? 2000;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await loadDueCases(tx, creditorId, today, after, batchSize);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const plans = rows.map((row) => planDay(accountOf(row), plan));
    const w = await writePlans(tx, new Map(rows.map((r) => [r.id, r])), plans, write);
    counts.advanced += w.updated;
    counts.letters += w.letters;
    counts.charges += w.charges;
    counts.events += w.events;
  }
  await watchSurveillance(tx, creditorId, today, { rules: options.rules, agency: options.agency, actor });
  await filePendingSteps(tx, creditorId, today, { agency: options.agency, actor });
  counts.warnings = await writeLimitationWarnings(tx, creditorId, today, creditor.settings.limitationWarningDays, actor);

  await tx.query(
    `insert into cycle_runs (creditor_id, business_date, step, finished_at, counts) values ($1, $2, 'advance', now(), $3)
     on conflict (creditor_id, business_date, step) do update set finished_at = now(),
       counts = jsonb_build_object('runs', coalesce((cycle_runs.counts->>'runs')::int, 1) + 1, 'last', excluded.counts)`,
    [creditorId, today.toString(), JSON.stringify(counts)],
  );
  return counts;
}
