import type { Database, Queryable } from "../platform/db/database.js";

/**
 * Runs `fn` in a transaction and commits only when `keep` says so (by default: the result is
 * `ok`): a refusal, or a preview, leaves nothing behind. The result is returned either way.
 */
export async function commitIf<T extends { ok: boolean }>(db: Database, fn: (tx: Queryable) => Promise<T>, keep: (r: T) => boolean = (r) => r.ok): Promise<T> {
  const ROLLBACK = Symbol("rollback");
  let out: T | undefined;
  try {
    await db.transaction(async (tx) => {
      out = await fn(tx);
      if (!keep(out)) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out!;
}
