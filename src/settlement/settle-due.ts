import { LocalDate } from "../domain/calendar/local-date.js";
import { parseCurrency } from "../domain/money.js";
import { endedPeriods, type SettlementFrequency } from "../domain/settlement/periods.js";
import type { Database } from "../platform/db/database.js";
import { settlePeriod, UNSETTLED_ALLOCATION, UNSETTLED_CHARGE, type SettlementRunResult } from "./run-settlement.js";
import { settlementSettings } from "./settlement-settings.js";

/**
 * The scheduled settlement (issue 5: "per creditor and period (daily, weekly or monthly by
 * setting)"): for a creditor, every period of its frequency that has ended by `today`, from the
 * one holding the oldest payment or charge not settled yet (or the one after the newest period
 * settled, when that is later), is settled in order — each a run of
 * `settlePeriod`, which stores nothing for a period with nothing in it and answers a period
 * settled before with that settlement. Each run also takes in what is dated before its period and
 * not settled (a payment the bank reported after its period was settled), so nothing waits longer
 * than one period. Safe to run again the same day, or after days without a run (it catches up, at
 * most `limit` periods a creditor at a time).
 */
export interface DueSettlement {
  readonly creditorId: string;
  readonly frequency: SettlementFrequency;
  readonly runs: readonly SettlementRunResult[];
}

export async function settleDue(database: Database, creditorId: string, today: LocalDate, options: { limit?: number } = {}): Promise<DueSettlement> {
  const [creditor] = await database.query<{ settings: unknown; currency: string }>("select settings, currency from creditors where id = $1", [creditorId]);
  if (!creditor) throw new Error(`no creditor ${creditorId}`);
  const { frequency } = settlementSettings(creditor.settings, parseCurrency(creditor.currency, "creditor.currency"));
  const [oldest] = await database.query<{ day: string | null }>(
    `select least(
       (select min(p.received_on) from allocations a join payments p on p.id = a.payment_id where a.creditor_id = $1 and ${UNSETTLED_ALLOCATION}),
       (select min(ch."on") from charges ch where ch.creditor_id = $1 and ${UNSETTLED_CHARGE})
     )::text as day`,
    [creditorId],
  );
  if (!oldest?.day) return { creditorId, frequency, runs: [] };
  // From the period after the newest one settled when the oldest item is older (it comes in as a
  // late item), so a run never spends itself on periods settled before.
  const [latest] = await database.query<{ day: string | null }>("select (max(period_to) + 1)::text as day from settlements where creditor_id = $1", [creditorId]);
  const since = latest?.day && latest.day > oldest.day ? latest.day : oldest.day;
  const runs: SettlementRunResult[] = [];
  for (const period of endedPeriods(frequency, LocalDate.parse(since), today, options.limit)) {
    runs.push(await settlePeriod(database, { creditorId, from: period.from, to: period.to, settledOn: today, includeEarlier: true }));
  }
  return { creditorId, frequency, runs };
}

/** The creditors with a payment or charge not settled yet (active or not: their money is theirs either way). */
export async function creditorsWithUnsettled(database: Database): Promise<{ id: string; code: string }[]> {
  return database.query<{ id: string; code: string }>(
    `select c.id, c.code from creditors c
      where exists (select 1 from allocations a join payments p on p.id = a.payment_id where a.creditor_id = c.id and ${UNSETTLED_ALLOCATION})
         or exists (select 1 from charges ch where ch.creditor_id = c.id and ${UNSETTLED_CHARGE})
      order by c.code`,
  );
}

/** `settleDue` for every creditor with something unsettled; one creditor's failure is reported and does not stop the others. */
export async function settleAllDue(
  database: Database,
  today: LocalDate,
  onCreditor?: (code: string, result: DueSettlement | { error: unknown }) => void,
): Promise<{ settled: number; creditors: number; failed: number }> {
  let settled = 0;
  let failed = 0;
  const creditors = await creditorsWithUnsettled(database);
  for (const c of creditors) {
    try {
      const result = await settleDue(database, c.id, today);
      settled += result.runs.filter((r) => r.settled && !r.duplicate).length;
      onCreditor?.(c.code, result);
    } catch (error) {
      failed++;
      onCreditor?.(c.code, { error });
    }
  }
  return { settled, creditors: creditors.length, failed };
}
