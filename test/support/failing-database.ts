import type { Database, Queryable } from "../../src/platform/db/database.js";

/**
 * The real database, with one chosen statement failing once (as if the process died there), in or
 * outside a transaction; the transaction it fails in is rolled back as a crash would leave it.
 */
export function failingOnce(database: Database, when: (sql: string, params: readonly unknown[] | undefined) => boolean): { database: Database; failed(): boolean } {
  let failed = false;
  const wrap = <T extends Queryable>(target: T): T =>
    new Proxy(target, {
      get(obj, prop) {
        if (prop === "query") {
          return async (sql: string, params?: unknown[]) => {
            if (!failed && when(sql, params)) {
              failed = true;
              throw new Error("the process was killed here");
            }
            return obj.query(sql, params);
          };
        }
        if (prop === "transaction") return <R>(fn: (tx: Queryable) => Promise<R>) => (obj as unknown as Database).transaction((tx) => fn(wrap(tx)));
        const value = Reflect.get(obj, prop, obj) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(obj) : value;
      },
    });
  return { database: wrap(database), failed: () => failed };
}
