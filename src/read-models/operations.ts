import type { Queryable } from "../platform/db/database.js";
import type { OperationalFigures } from "../platform/metrics.js";
import { MIGRATIONS_FOLDER } from "../platform/db/database.js";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * What an operator watches, read from the database (the `/metrics` gauges, the readiness check):
 * the same answer from every process on the database.
 */
export async function readOperationalFigures(db: Queryable): Promise<OperationalFigures> {
  const [syncRuns, letterDeliveries, bankLines] = await Promise.all([
    db.query<{ status: string; count: number }>("select status, count(*)::int as count from sync_runs group by status order by status"),
    db.query<{ status: string; count: number }>("select delivery_status as status, count(*)::int as count from letters group by delivery_status order by delivery_status"),
    db.query<{ status: string; count: number }>("select status, count(*)::int as count from bank_payments group by status order by status"),
  ]);
  return { queues: await readJobQueues(db), syncRuns, letterDeliveries, bankLines };
}

/** pg-boss's queues (schema `pgboss`); none before a worker has started once. */
export async function readJobQueues(db: Queryable): Promise<OperationalFigures["queues"]> {
  const [exists] = await db.query<{ ok: boolean }>("select to_regclass('pgboss.job') is not null and to_regclass('pgboss.queue') is not null as ok");
  if (!exists?.ok) return [];
  const rows = await db.query<{ queue: string; waiting: number; active: number; oldest: number | null }>(
    `select q.name as queue,
            count(j.id) filter (where j.state in ('created', 'retry') and j.start_after <= now())::int as waiting,
            count(j.id) filter (where j.state = 'active')::int as active,
            extract(epoch from now() - min(j.created_on) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::float8 as oldest
       from pgboss.queue q
       left join pgboss.job j on j.name = q.name and j.state in ('created', 'retry', 'active')
      group by q.name order by q.name`,
  );
  return rows.map((r) => ({ queue: r.queue, waiting: r.waiting, active: r.active, oldestWaitingSeconds: Math.max(0, r.oldest ?? 0) }));
}

/** The newest migration shipped with this version (drizzle-kit's journal) and whether the database has it. */
export async function migrationsApplied(db: Queryable): Promise<{ ok: boolean; expected: string; applied: number }> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  const last = journal.entries[journal.entries.length - 1]!;
  const [exists] = await db.query<{ ok: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as ok");
  if (!exists?.ok) return { ok: false, expected: last.tag, applied: 0 };
  const [row] = await db.query<{ newest: number | null; applied: number }>("select max(created_at)::float8 as newest, count(*)::int as applied from drizzle.__drizzle_migrations");
  return { ok: (row?.newest ?? 0) >= last.when, expected: last.tag, applied: row?.applied ?? 0 };
}
