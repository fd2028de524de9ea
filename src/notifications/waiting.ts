import type { LocalDate } from "../domain/calendar/local-date.js";
import type { Database } from "../platform/db/database.js";
import { notifyUsers } from "./notifications.js";

/**
 * What waits for the creditors' and firms' people, as a portal notification once a day per user
 * (the same facts as the daily digest e-mail, for every user, whether or not they get the e-mail):
 * per client they may see, the drafts waiting to be approved for transfer and the cases waiting at
 * an approval gate. Nothing waiting: no notification.
 */
export async function notifyWaiting(database: Database, today: LocalDate): Promise<number> {
  const rows = await database.query<{ user_id: string; creditor_id: string; creditor: string; drafts: number; at_gate: number }>(
    `with seen as (
       select distinct u.id as user_id, cr.id as creditor_id, cr.name as creditor
         from users u join memberships m on m.user_id = u.id
         join creditors cr on (m.role in ('firm-admin', 'firm-accountant') and cr.firm_id = m.firm_id) or (m.role = 'creditor-user' and cr.id = m.creditor_id)
        where not u.disabled),
     waiting as (
       select cr.id as creditor_id,
              (select count(*)::int from claims cl where cl.creditor_id = cr.id and cl.transfer_state = 'draft' and not exists (select 1 from cases c where c.claim_id = cl.id)) as drafts,
              (select count(*)::int from cases c where c.creditor_id = cr.id and c.closed_on is null and c.stage like 'awaiting-%') as at_gate
         from creditors cr where cr.id in (select creditor_id from seen))
     select s.user_id, s.creditor_id, s.creditor, w.drafts, w.at_gate from seen s join waiting w on w.creditor_id = s.creditor_id
      where w.drafts > 0 or w.at_gate > 0 order by s.user_id, s.creditor`,
  );
  const byUser = new Map<string, { creditorId: string; name: string; drafts: number; atGate: number }[]>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { creditorId: r.creditor_id, name: r.creditor, drafts: r.drafts, atGate: r.at_gate }]);
  let added = 0;
  for (const [userId, creditors] of byUser) {
    const drafts = creditors.reduce((n, c) => n + c.drafts, 0);
    const atGate = creditors.reduce((n, c) => n + c.atGate, 0);
    added += await notifyUsers(database, [userId], { kind: "waiting", key: today.toString(), creditorId: creditors.length === 1 ? creditors[0]!.creditorId : null, data: { drafts, atGate, clients: creditors.length } });
  }
  return added;
}
