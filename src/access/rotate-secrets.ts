import type { Database, Queryable } from "../platform/db/database.js";
import { SecretBoxError, type SecretBox, type UnsealReason } from "./secret-box.js";

/**
 * Key rotation for the values SecretBox seals (`fordring secrets rotate`, docs/OPERATIONS.md).
 *
 * `checkSecrets` reads every sealed value and counts them per column and per key, changing
 * nothing. `rotateSecrets` first does the same and refuses — changing nothing at all — when any
 * value opens under no configured key; otherwise it walks each column by primary key in batches,
 * one transaction per batch (rows locked, each rewrite guarded by the old value), re-encrypting
 * what a previous key or the format without a key id holds. An interrupted run leaves whole batches
 * done or not done; a second run skips what is already current and finishes the rest.
 */
export interface SealedColumn {
  readonly table: string;
  readonly column: string;
  /** Only values starting with it are sealed, and the sealed part follows it. */
  readonly prefix?: string;
}

/** Every column that holds sealed values; every table is keyed by a uuid `id`. */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "debtors", column: "national_id_enc" }, // src/access/pii.ts
  { table: "webhooks", column: "secret_enc" }, // src/webhooks/webhooks.ts
  { table: "ledger_integrations", column: "credentials_ref", prefix: "sealed:" }, // src/integration/connector-for.ts
];

export interface ColumnReport {
  readonly table: string;
  readonly column: string;
  /** Sealed values found, the unreadable ones included. */
  values: number;
  /** Under the current key, with its key id: nothing to do. */
  current: number;
  /** Under a previous key or without a key id: what a rotation re-encrypts. */
  stale: number;
  /** Values per id of the key that opens them. */
  byKey: Record<string, number>;
  /** Values in the format without a key id (v1), whichever key opens them. */
  legacyFormat: number;
  /** Values no configured key opens. */
  unreadable: number;
  /** Re-encrypted under the current key by this run. */
  reencrypted: number;
}

export interface UnreadableValue {
  readonly table: string;
  readonly column: string;
  readonly id: string;
  readonly reason: UnsealReason;
  readonly message: string;
}

export interface SecretsReport {
  readonly mode: "check" | "rotate";
  readonly currentKeyId: string;
  readonly previousKeyIds: string[];
  readonly columns: ColumnReport[];
  /** The first MAX_LISTED values no configured key opens (the counts are per column). */
  readonly unreadable: UnreadableValue[];
  /** A rotation that stopped at unreadable values: before changing anything when found by its first pass. */
  readonly refused: boolean;
  /** Every value is under the current key with its key id: the previous keys can be removed. */
  readonly complete: boolean;
}

export interface RotateOptions {
  /** Values per transaction (default 500). */
  readonly batch?: number;
  /** Called inside each batch's transaction after its rewrites (progress); throwing rolls that batch back. */
  readonly onBatch?: (progress: { table: string; column: string; seen: number; reencrypted: number }) => void | Promise<void>;
}

export const MAX_LISTED = 50;
const DEFAULT_BATCH = 500;

class UnreadableDuringRotation extends Error {
  constructor(readonly value: UnreadableValue) {
    super(value.message);
  }
}

function pageSql(c: SealedColumn, lock: boolean): string {
  return `select id::text as id, ${c.column} as value from ${c.table}
           where ($1::uuid is null or id > $1::uuid) and ${c.column} is not null${c.prefix ? ` and starts_with(${c.column}, $3)` : ""}
           order by id limit $2${lock ? " for update" : ""}`;
}

function page(db: Queryable, c: SealedColumn, after: string | null, batch: number, lock: boolean): Promise<{ id: string; value: string }[]> {
  return db.query<{ id: string; value: string }>(pageSql(c, lock), c.prefix ? [after, batch, c.prefix] : [after, batch]);
}

function emptyColumn(c: SealedColumn): ColumnReport {
  return { table: c.table, column: c.column, values: 0, current: 0, stale: 0, byKey: {}, legacyFormat: 0, unreadable: 0, reencrypted: 0 };
}

/** Opens one stored value and counts it; returns the plaintext when it needs re-encrypting, null when it is current. */
function classify(box: SecretBox, c: SealedColumn, row: { id: string; value: string }, into: ColumnReport): { stale: string | null } {
  into.values++;
  const opened = box.open(row.value.slice(c.prefix?.length ?? 0));
  into.byKey[opened.keyId] = (into.byKey[opened.keyId] ?? 0) + 1;
  if (opened.legacy) into.legacyFormat++;
  if (opened.current && !opened.legacy) {
    into.current++;
    return { stale: null };
  }
  into.stale++;
  return { stale: opened.plain };
}

function unreadableOf(c: SealedColumn, id: string, e: SecretBoxError): UnreadableValue {
  return { table: c.table, column: c.column, id, reason: e.reason, message: `${c.table}.${c.column} id ${id}: ${e.message}` };
}

function report(box: SecretBox, mode: SecretsReport["mode"], columns: ColumnReport[], unreadable: UnreadableValue[], refused: boolean): SecretsReport {
  const { current, previous } = box.keyIds;
  const complete = !refused && columns.every((c) => c.unreadable === 0 && c.stale === c.reencrypted);
  return { mode, currentKeyId: current, previousKeyIds: previous, columns, unreadable, refused, complete };
}

/** Counts every sealed value per column and key; changes nothing. */
export async function checkSecrets(db: Queryable, box: SecretBox, options: Pick<RotateOptions, "batch"> = {}): Promise<SecretsReport> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const columns: ColumnReport[] = [];
  const unreadable: UnreadableValue[] = [];
  for (const c of SEALED_COLUMNS) {
    const col = emptyColumn(c);
    columns.push(col);
    for (let after: string | null = null; ; ) {
      const rows = await page(db, c, after, batch, false);
      for (const row of rows) {
        try {
          classify(box, c, row, col);
        } catch (e) {
          if (!(e instanceof SecretBoxError)) throw e;
          col.unreadable++;
          if (unreadable.length < MAX_LISTED) unreadable.push(unreadableOf(c, row.id, e));
        }
      }
      if (rows.length < batch) break;
      after = rows.at(-1)!.id;
    }
  }
  return report(box, "check", columns, unreadable, false);
}

/**
 * Re-encrypts every stale value under the current key. Refuses without a write when a value
 * opens under no configured key; a value that turns unreadable during the run (written meanwhile)
 * stops it with that batch rolled back and the earlier batches kept.
 */
export async function rotateSecrets(db: Database, box: SecretBox, options: RotateOptions = {}): Promise<SecretsReport> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const before = await checkSecrets(db, box, { batch });
  if (before.unreadable.length > 0) return report(box, "rotate", before.columns, before.unreadable, true);

  const columns: ColumnReport[] = [];
  for (const c of SEALED_COLUMNS) {
    const col = emptyColumn(c);
    columns.push(col);
    for (let after: string | null = null; ; ) {
      let rows: { id: string; value: string }[];
      const counted = { ...col, byKey: { ...col.byKey } };
      try {
        rows = await db.transaction(async (tx) => {
          const locked = await page(tx, c, after, batch, true);
          const ids: string[] = [];
          const olds: string[] = [];
          const news: string[] = [];
          for (const row of locked) {
            let stale: string | null;
            try {
              stale = classify(box, c, row, counted).stale;
            } catch (e) {
              if (e instanceof SecretBoxError) throw new UnreadableDuringRotation(unreadableOf(c, row.id, e));
              throw e;
            }
            if (stale === null) continue;
            ids.push(row.id);
            olds.push(row.value);
            news.push((c.prefix ?? "") + box.encrypt(stale));
          }
          if (ids.length > 0) {
            const updated = await tx.query(
              `update ${c.table} t set ${c.column} = v.new
                 from unnest($1::uuid[], $2::text[], $3::text[]) as v(id, old, new)
                where t.id = v.id and t.${c.column} = v.old
                returning t.id`,
              [ids, olds, news],
            );
            // The rows are locked: a rewrite that matches nothing means something else is wrong.
            if (updated.length !== ids.length) throw new Error(`${c.table}.${c.column}: ${ids.length - updated.length} of ${ids.length} values changed under the lock; nothing in this batch was written`);
          }
          counted.reencrypted += ids.length;
          await options.onBatch?.({ table: c.table, column: c.column, seen: counted.values, reencrypted: counted.reencrypted });
          return locked;
        });
      } catch (e) {
        if (!(e instanceof UnreadableDuringRotation)) throw e;
        col.unreadable++;
        return report(box, "rotate", columns, [e.value], true);
      }
      Object.assign(col, counted);
      if (rows.length < batch) break;
      after = rows.at(-1)!.id;
    }
  }
  return report(box, "rotate", columns, [], false);
}
