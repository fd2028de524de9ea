import type { Queryable } from "../platform/db/database.js";
import type { MailMessage, Mailer } from "./mailer.js";

/**
 * Sends one e-mail to one user at most once per (kind, key): the `notification_log` row is written
 * before the message leaves (a crash in between loses the e-mail rather than sending it twice), and
 * removed again if the SMTP server refuses it, so the next run tries again. Returns false when the
 * e-mail was sent before.
 */
export async function sendOnce(db: Queryable, mailer: Mailer, o: { userId: string; kind: string; key: string }, message: MailMessage): Promise<boolean> {
  const [claimed] = await db.query<{ id: number }>("insert into notification_log (user_id, kind, key) values ($1, $2, $3) on conflict do nothing returning id", [o.userId, o.kind, o.key]);
  if (!claimed) return false;
  try {
    const { messageId } = await mailer.send(message);
    await db.query("update notification_log set message_id = $2 where id = $1", [claimed.id, messageId]);
    return true;
  } catch (e) {
    await db.query("delete from notification_log where id = $1", [claimed.id]);
    throw e;
  }
}
