import type { Queryable } from "../platform/db/database.js";

/**
 * The portal's notifications (the bell in the header): one row per user and event, written by the
 * same events as the e-mails — drafts or gates waiting (`waiting`), a new settlement (`settlement`),
 * a failed ledger sync (`sync-failed`), a new message on a case (`message`). The key makes an event
 * one row per user however often it is seen; `data` holds the facts (counts, amounts as decimal
 * strings with their currency, the error code), which the portal words in the reader's language.
 */
export const NOTIFICATION_KINDS = ["waiting", "settlement", "sync-failed", "message"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NewNotification {
  readonly kind: NotificationKind;
  readonly key: string;
  readonly creditorId: string | null;
  readonly caseId?: string | null;
  readonly data: Record<string, unknown>;
}

/** Adds the notification for each user who does not have it yet; returns how many were added. */
export async function notifyUsers(db: Queryable, userIds: readonly string[], n: NewNotification): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await db.query<{ id: number }>(
    `insert into notifications (user_id, kind, key, creditor_id, case_id, data)
     select u, $2, $3, $4, $5, $6::jsonb from unnest($1::uuid[]) as u
     on conflict (user_id, kind, key) do nothing returning id`,
    [userIds, n.kind, n.key, n.creditorId, n.caseId ?? null, JSON.stringify(n.data)],
  );
  return rows.length;
}

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  creditorId: string | null;
  creditorName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** A user's notifications, newest first (at most `limit`, before the id `before` when given), and the number unread. */
export async function listNotifications(db: Queryable, userId: string, o: { limit: number; before?: number | null; unreadOnly?: boolean }): Promise<{ items: NotificationView[]; unread: number }> {
  const rows = await db.query<{ id: number; kind: NotificationKind; creditor_id: string | null; creditor_name: string | null; case_id: string | null; case_number: string | null; data: Record<string, unknown>; created_at: Date; read_at: Date | null }>(
    `select n.id, n.kind, n.creditor_id, cr.name as creditor_name, n.case_id, c.case_number, n.data, n.created_at, n.read_at
       from notifications n left join creditors cr on cr.id = n.creditor_id left join cases c on c.id = n.case_id
      where n.user_id = $1 and ($2::bigint is null or n.id < $2) and (not $3 or n.read_at is null)
      order by n.id desc limit $4`,
    [userId, o.before ?? null, o.unreadOnly ?? false, o.limit],
  );
  const [count] = await db.query<{ n: number }>("select count(*)::int as n from notifications where user_id = $1 and read_at is null", [userId]);
  return {
    items: rows.map((r) => ({ id: Number(r.id), kind: r.kind, creditorId: r.creditor_id, creditorName: r.creditor_name, caseId: r.case_id, caseNumber: r.case_number, data: r.data, createdAt: r.created_at, readAt: r.read_at })),
    unread: count!.n,
  };
}

/** Marks the user's notifications read: the ones named, or all. Another user's ids are left alone. Returns the number still unread. */
export async function markNotificationsRead(db: Queryable, userId: string, which: { ids: readonly number[] } | "all", now: Date): Promise<number> {
  if (which === "all") await db.query("update notifications set read_at = $2 where user_id = $1 and read_at is null", [userId, now]);
  else await db.query("update notifications set read_at = $3 where user_id = $1 and id = any($2::bigint[]) and read_at is null", [userId, which.ids, now]);
  const [count] = await db.query<{ n: number }>("select count(*)::int as n from notifications where user_id = $1 and read_at is null", [userId]);
  return count!.n;
}
