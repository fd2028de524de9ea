import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database, type Queryable } from "../src/platform/db/database.js";

/**
 * What the database benchmarks share: a fresh, migrated database on BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local server), dropped once whatever happens — the end of the run, a
 * failure, or Ctrl-C — and the `--name N` options.
 */
const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export async function withBenchDatabase(bench: string, run: (db: Database) => Promise<void>): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (e) {
    console.error(`\n${bench}: no PostgreSQL server reachable at ${redacted(serverUrl)} (${(e as Error).message}).`);
    console.error("  Start one, or point BENCH_DATABASE_URL at a server where this user may CREATE DATABASE.");
    process.exit(2);
  }
  const name = `fordring_bench_${randomBytes(5).toString("hex")}`;
  try {
    await admin.query(`create database ${name}`);
  } catch (e) {
    console.error(`\n${bench}: cannot create a database on ${redacted(serverUrl)} (${(e as Error).message}).`);
    await admin.end();
    process.exit(2);
  }
  let database: Database | undefined;
  let dropping: Promise<void> | undefined;
  // Dropped once, whatever happens: the end of the run, a failure, or Ctrl-C (which ends the run's
  // connections, so its pending query fails and is not reported).
  const drop = () =>
    (dropping ??= (async () => {
      // Closing the pool first keeps it from opening a connection the DROP would then wait for.
      const closing = database?.close().catch(() => undefined);
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`drop database if exists ${name} with (force)`);
          break;
        } catch (e) {
          if (attempt === 5) throw e;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
      await closing;
      await admin.end();
    })());
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    console.error(`\n${bench}: interrupted; dropping the benchmark database`);
    void drop().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    await run(database);
  } catch (e) {
    if (!interrupted) throw e;
  } finally {
    process.off("SIGINT", onSignal);
    await drop();
  }
  if (interrupted) process.exit(130);
}

/** Stops with exit code 2 on an option the benchmark does not know. */
export function checkOptions(bench: string, args: readonly string[], known: readonly string[]): void {
  const unknown = args.filter((a) => a.startsWith("-") && !known.includes(a.replace(/^--/, "").split("=")[0]!));
  if (unknown.length) {
    console.error(`${bench}: unknown option(s) ${unknown.join(" ")} (known: ${known.map((o) => `--${o} N`).join(", ")})`);
    process.exit(2);
  }
}

/** `--name N` or `--name=N`, a positive whole number (1_000_000 and 1,000,000 allowed). */
export function option(bench: string, args: readonly string[], name: string, fallback: number): number {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const text = args[i]!.includes("=") ? args[i]!.slice(args[i]!.indexOf("=") + 1) : args[i + 1];
  const value = Number(text?.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`${bench}: --${name} needs a positive whole number, got ${text ?? "nothing"}`);
    process.exit(2);
  }
  return value;
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an invalid URL)";
  }
}

/** The database with every statement counted and timed (those inside transactions too), and the transactions counted. */
export function timedDatabase(db: Database): { database: Database; slowest(k: number): string[]; readonly queries: number; readonly transactions: number; seconds(): number } {
  let ns = 0n;
  const stats = { queries: 0, transactions: 0 };
  const bySql = new Map<string, { n: number; ns: bigint }>();
  const timedQuery = (q: Queryable["query"]): Queryable["query"] =>
    (async (sql: string, params?: unknown[]) => {
      stats.queries++;
      const start = process.hrtime.bigint();
      try {
        return await q(sql, params);
      } finally {
        const took = process.hrtime.bigint() - start;
        ns += took;
        const key = sql.replace(/\s+/g, " ").slice(0, 90);
        const e = bySql.get(key) ?? { n: 0, ns: 0n };
        e.n++;
        e.ns += took;
        bySql.set(key, e);
      }
    }) as Queryable["query"];
  const database: Database = {
    ...db,
    kind: db.kind,
    db: db.db,
    query: timedQuery((sql, params) => db.query(sql, params)),
    transaction: (fn) => {
      stats.transactions++;
      return db.transaction((tx) => fn({ query: timedQuery((sql, params) => tx.query(sql, params)) }));
    },
    close: () => db.close(),
  };
  return {
    database,
    slowest: (k) => [...bySql].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, k).map(([sql, e]) => `${(Number(e.ns) / 1e9).toFixed(2)} s ${n(e.n)}× ${sql}`),
    get queries() {
      return stats.queries;
    },
    get transactions() {
      return stats.transactions;
    },
    seconds: () => Number(ns) / 1e9,
  };
}

/** A stopwatch: call the result to read the seconds since it started. */
export function clock(): () => number {
  const start = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - start) / 1e9;
}

/** Seconds for a report line: two decimals under ten seconds, one above. */
export function fmt(seconds: number): string {
  return seconds.toFixed(seconds < 10 ? 2 : 1);
}

/** A count for a report line: 1,000,000. */
export function n(x: number): string {
  return Math.round(x).toLocaleString("en");
}
