import { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { LetterAgency } from "../letters/letter-model.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { loadCreditor } from "../cases/creditor.js";
import { openCases, type CaseNumberSource } from "../cases/open-cases.js";
import { cycleInTransaction } from "../engine/daily-cycle.js";
import { syncDayWeights } from "../engine/interest-accrual.js";
import { checkedCollectionSettings } from "../settings.js";
import { transferPolicy } from "../transfer-policy.js";

/**
 * What-if (issue 7): the creditor's open cases and the invoices not yet transferred, run forward
 * day by day through the real case engine — once with the settings in force, once with proposed
 * ones — inside one transaction that is rolled back, so nothing is kept and no case number is
 * used up (the run numbers its own cases from 900 000 000). The answer compares what would
 * happen: cases, letters, fees, salær and interest, per week.
 *
 * Invoices not yet transferred are judged simply, under the creditor's transfer policy
 * (`transferPolicy`): they open on the date their stored eligibility
 * says (`claims.eligibility.eligibleOn`, else 14 days after due), plus the proposal's delay
 * days, when the transfer mode is automatic and the open amount reaches the minimum; in manual
 * mode they wait for a person and the run opens none.
 */
export interface WhatIfSummary {
  cases: number;
  opened: number;
  letters: { reminder: number; collectionNotice: number; paymentDemand: number };
  /** Legal steps taken in the period (forliksklage or begjæring om utlegg) and the court fees they add. */
  legalSteps: number;
  legalCostsMinor: number;
  /** The open cases at the period's end by stage (gates waiting included). */
  stages: Record<string, number>;
  feesMinor: number;
  salaryMinor: number;
  interestMinor: number;
  byWeek: { weekStart: string; letters: number; feesMinor: number }[];
}

export interface WhatIfResult {
  from: string;
  to: string;
  current: WhatIfSummary;
  proposed: WhatIfSummary;
}

export interface ProposedSettings {
  collection?: Record<string, unknown>;
  transfer?: Record<string, unknown>;
}

export const MAX_WHAT_IF_DAYS = 180;

/** How far a run has come: which of the two runs, and its day. */
export interface WhatIfProgress {
  run: "current" | "proposed";
  day: number;
  days: number;
}

export interface WhatIfInput {
  creditorId: string;
  proposed: ProposedSettings;
  days: number;
  today: LocalDate;
  rules: RuleBook;
  agency: LetterAgency;
  /** Called after every simulated day. */
  onProgress?: (p: WhatIfProgress) => void;
  /** Stops the run between days (cancel, or its time budget spent); the transaction is rolled back. */
  signal?: AbortSignal;
}

export async function whatIf(database: Database, input: WhatIfInput): Promise<WhatIfResult> {
  const ROLLBACK = new Error("what-if rollback");
  let result: WhatIfResult | undefined;
  try {
    await database.transaction(async (tx) => {
      await syncDayWeights(tx, "NO", input.rules.NO.lateInterest);
      await syncDayWeights(tx, "SE", input.rules.SE.lateInterest);
      const [row] = await tx.query<{ settings: Record<string, Record<string, unknown> | undefined> }>("select settings from creditors where id = $1", [input.creditorId]);
      const settings = row!.settings;
      let n = 900_000_000;
      const numbers: CaseNumberSource = async (_tx, count) => Array.from({ length: count }, () => ++n);
      await tx.query("savepoint what_if");
      const current = await simulate(tx, input, numbers, "current");
      await tx.query("rollback to savepoint what_if");
      const collection = checkedCollectionSettings({ ...(settings.collection ?? {}), ...(input.proposed.collection ?? {}) }, "settings.collection");
      const transfer = { ...(settings.transfer ?? {}), ...(input.proposed.transfer ?? {}) };
      await tx.query("update creditors set settings = $2 where id = $1", [input.creditorId, JSON.stringify({ ...settings, collection, transfer })]);
      const proposed = await simulate(tx, input, numbers, "proposed");
      result = { from: input.today.plusDays(1).toString(), to: input.today.plusDays(input.days).toString(), current, proposed };
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return result!;
}

async function simulate(tx: Queryable, input: WhatIfInput, numbers: CaseNumberSource, run: WhatIfProgress["run"]): Promise<WhatIfSummary> {
  const id = input.creditorId;
  const [before] = await tx.query<{ events: number; charges: number; interest: number }>(
    `select (select coalesce(max(id), 0) from case_events) as events, (select coalesce(max(id), 0) from charges) as charges,
            (select coalesce(sum(interest_accrued_minor), 0) from cases where creditor_id = $1) as interest`,
    [id],
  );
  const [{ settings }] = (await tx.query<{ settings: unknown }>("select settings from creditors where id = $1", [id])) as [{ settings: unknown }];
  const policy = transferPolicy(settings);

  const pending = await tx.query<{ claim_id: string; debtor_id: string; debtor_type: "consumer" | "business"; due_date: string; open_minor: number; eligible_on: string | null }>(
    `select cl.id as claim_id, cl.debtor_id, d.type as debtor_type, cl.due_date, cl.open_minor, cl.eligibility->>'eligibleOn' as eligible_on
       from claims cl join debtors d on d.id = cl.debtor_id
      where cl.creditor_id = $1 and cl.open_minor > 0 and not exists (select 1 from cases c where c.claim_id = cl.id)
        and coalesce(cl.transfer_state, 'waiting') in ('draft', 'waiting', 'approved')`,
    [id],
  );
  const automatic = policy.mode === "automatic";
  const openOn = new Map<string, typeof pending>();
  if (automatic) {
    for (const c of pending) {
      if (c.open_minor < policy.minimumAmountMinor) continue;
      const base = c.eligible_on ? LocalDate.parse(c.eligible_on) : LocalDate.parse(c.due_date).plusDays(14);
      const on = LocalDate.max(base.plusDays(policy.delayDays ?? 0), input.today.plusDays(1)).toString();
      openOn.set(on, [...(openOn.get(on) ?? []), c]);
    }
  }
  let opened = 0;
  for (let i = 1; i <= input.days; i++) {
    input.signal?.throwIfAborted();
    const day = input.today.plusDays(i);
    const due = openOn.get(day.toString());
    if (due?.length) {
      const creditor = await loadCreditor(tx, id);
      const o = await openCases(tx, creditor, due.map((c) => ({ claimId: c.claim_id, debtorId: c.debtor_id, debtorType: c.debtor_type, dueDate: LocalDate.parse(c.due_date), principalMinor: Number(c.open_minor) })), day, "what-if", numbers);
      opened += o.length;
    }
    await cycleInTransaction(tx, id, day, { rules: input.rules, agency: input.agency, actor: "what-if" });
    input.onProgress?.({ run, day: i, days: input.days });
  }
  // Letters are counted from the letters themselves (a timeline step may end at an approval gate
  // without one); the run's letters are the ones dated after today.
  const letters = await tx.query<{ type: string; on: string; n: number }>(
    `select 'send-' || kind as type, sent_on as "on", count(*)::int as n from letters where creditor_id = $1 and sent_on > $2 group by kind, sent_on`,
    [id, input.today.toString()],
  );
  const charges = await tx.query<{ kind: string; on: string; amount: number }>(
    `select kind, "on", sum(amount_minor)::bigint as amount from charges where creditor_id = $1 and id > $2 and payer = 'debtor' group by kind, "on"`,
    [id, before!.charges],
  );
  const [after] = await tx.query<{ interest: number; open: number }>(
    "select coalesce(sum(interest_accrued_minor), 0) as interest, count(*) filter (where closed_on is null)::int as open from cases where creditor_id = $1",
    [id],
  );
  const [legal] = await tx.query<{ n: number }>(
    "select count(*)::int as n from case_events where creditor_id = $1 and id > $2 and type in ('legal-step-recorded', 'take-pending-legal-step')",
    [id, before!.events],
  );
  const stages = await tx.query<{ stage: string; n: number }>("select stage, count(*)::int as n from cases where creditor_id = $1 and closed_on is null group by stage order by stage", [id]);
  const count = (type: string) => letters.filter((l) => l.type === type).reduce((a, l) => a + l.n, 0);
  const isSalary = (k: string) => k.includes("salary");
  const isFee = (k: string) => k.endsWith("-fee");
  const weeks = new Map<string, { letters: number; feesMinor: number }>();
  const week = (on: string) => {
    const d = LocalDate.parse(on);
    return d.plusDays(-(d.dayOfWeek - 1)).toString();
  };
  for (const l of letters) {
    const w = weeks.get(week(l.on)) ?? { letters: 0, feesMinor: 0 };
    w.letters += l.n;
    weeks.set(week(l.on), w);
  }
  for (const c of charges.filter((c) => isFee(c.kind))) {
    const w = weeks.get(week(c.on)) ?? { letters: 0, feesMinor: 0 };
    w.feesMinor += Number(c.amount);
    weeks.set(week(c.on), w);
  }
  return {
    cases: after!.open,
    opened,
    letters: { reminder: count("send-reminder"), collectionNotice: count("send-collection-notice"), paymentDemand: count("send-payment-demand") },
    legalSteps: legal!.n,
    legalCostsMinor: charges.filter((c) => c.kind === "legal-costs").reduce((a, c) => a + Number(c.amount), 0),
    stages: Object.fromEntries(stages.map((r) => [r.stage, r.n])),
    feesMinor: charges.filter((c) => isFee(c.kind)).reduce((a, c) => a + Number(c.amount), 0),
    salaryMinor: charges.filter((c) => isSalary(c.kind)).reduce((a, c) => a + Number(c.amount), 0),
    interestMinor: Number(after!.interest) - Number(before!.interest),
    byWeek: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, w]) => ({ weekStart, ...w })),
  };
}
