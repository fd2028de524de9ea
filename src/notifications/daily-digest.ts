import type { LocalDate } from "../domain/calendar/local-date.js";
import type { Database } from "../platform/db/database.js";
import { clientMailLocale } from "./client-mails.js";
import { dailyDigestMail, type DigestCreditor } from "./mail-templates.js";
import type { Mailer } from "./mailer.js";

/**
 * The daily digest to the creditors' and firms' people: per client they may see, the drafts
 * waiting to be approved for transfer and the cases waiting at an approval gate (payment demand,
 * legal steps). Sent only when something waits, only to users who have not opted out
 * (`users.digest_opt_out`), in the user's language, once a day: the day's row in
 * `notification_log` is written before the message leaves (a crash in between loses that day's
 * digest rather than sending it twice), and removed again if the SMTP server refuses it.
 */
export async function sendDailyDigests(database: Database, mailer: Mailer, o: { today: LocalDate; portalUrl: string }): Promise<{ sent: number; skipped: number }> {
  const rows = await database.query<{ user_id: string; email: string; name: string; locale: string; creditor: string; drafts: number; at_gate: number }>(
    `with seen as (
       select distinct u.id as user_id, u.email, u.name, u.locale, cr.id as creditor_id, cr.name as creditor
         from users u join memberships m on m.user_id = u.id
         join creditors cr on (m.role in ('firm-admin', 'firm-accountant') and cr.firm_id = m.firm_id) or (m.role = 'creditor-user' and cr.id = m.creditor_id)
        where not u.disabled and not u.digest_opt_out)
     select s.user_id, s.email, s.name, s.locale, s.creditor,
            (select count(*)::int from claims cl where cl.creditor_id = s.creditor_id and cl.transfer_state = 'draft' and not exists (select 1 from cases c where c.claim_id = cl.id)) as drafts,
            (select count(*)::int from cases c where c.creditor_id = s.creditor_id and c.closed_on is null and c.stage like 'awaiting-%') as at_gate
       from seen s order by s.user_id, s.creditor`,
  );
  const byUser = new Map<string, { email: string; name: string; locale: string; creditors: DigestCreditor[] }>();
  for (const r of rows) {
    const u = byUser.get(r.user_id) ?? { email: r.email, name: r.name, locale: r.locale, creditors: [] };
    if (r.drafts > 0 || r.at_gate > 0) u.creditors.push({ name: r.creditor, drafts: r.drafts, atGate: r.at_gate });
    byUser.set(r.user_id, u);
  }
  let sent = 0;
  let skipped = 0;
  for (const [userId, u] of byUser) {
    if (u.creditors.length === 0) {
      skipped++;
      continue;
    }
    const key = o.today.toString();
    const [claimed] = await database.query<{ id: number }>("insert into notification_log (user_id, kind, key) values ($1, 'daily-digest', $2) on conflict do nothing returning id", [userId, key]);
    if (!claimed) {
      skipped++;
      continue;
    }
    const mail = dailyDigestMail(clientMailLocale(u.locale), { name: u.name, date: key, creditors: u.creditors, portalUrl: o.portalUrl });
    try {
      const { messageId } = await mailer.send({ to: u.email, ...mail });
      await database.query("update notification_log set message_id = $2 where id = $1", [claimed.id, messageId]);
      sent++;
    } catch (e) {
      await database.query("delete from notification_log where id = $1", [claimed.id]);
      throw e;
    }
  }
  return { sent, skipped };
}

/** A user turns the daily digest on or off (`PUT /v1/me/daily-digest`). */
export async function setDailyDigest(database: Database, userId: string, enabled: boolean): Promise<void> {
  await database.query("update users set digest_opt_out = $2 where id = $1", [userId, !enabled]);
}
