import { createHash } from "node:crypto";
import type { Queryable } from "./database.js";

/**
 * A query run on nearly every request (a key or session lookup, a resource's tenant, the case
 * page), as a named prepared statement on a PostgreSQL server: parsed once per connection, and
 * the server keeps its plan instead of planning it anew each time (that planning was most of the
 * case page's database time). Elsewhere — PGlite, a transaction — it is `db.query`.
 *
 * The text must name its columns (no `table.*`: a column added by a migration would break the
 * statement on connections that prepared it) and must not be built from user input other than
 * through parameters (each distinct text is one more statement per connection). A pooler between
 * the server and PostgreSQL must keep named statements (PgBouncer: session pooling, or 1.21+
 * with `max_prepared_statements`).
 */
const names = new Map<string, string>();

interface PreparingPool {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

export async function queryPrepared<T>(db: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const pool = (db as { pool?: PreparingPool }).pool;
  if (!pool) return db.query<T>(sql, params);
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `fordring_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`));
  return (await pool.query({ name, text: sql, values: params })).rows as T[];
}
