import type { Queryable } from "../platform/db/database.js";

/** A person an e-mail or a notification goes to, with the language they read. */
export interface Recipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly locale: string;
  /** The user asked not to get the summary e-mails (the daily digest and the weekly collection list). */
  readonly summaryOptOut: boolean;
}

const COLUMNS = "u.id as user_id, u.email, u.name, u.locale, u.digest_opt_out";
type Row = { user_id: string; email: string; name: string; locale: string; digest_opt_out: boolean };
const recipient = (r: Row): Recipient => ({ userId: r.user_id, email: r.email, name: r.name, locale: r.locale, summaryOptOut: r.digest_opt_out });

/**
 * The creditor's people: its firm's users (firm admin, firm accountant) and its own creditor users,
 * each once, not the disabled ones.
 */
export async function creditorAudience(db: Queryable, creditorId: string): Promise<Recipient[]> {
  const rows = await db.query<Row>(
    `select distinct ${COLUMNS} from users u join memberships m on m.user_id = u.id join creditors cr on cr.id = $1
      where not u.disabled and ((m.role in ('firm-admin', 'firm-accountant') and m.firm_id = cr.firm_id) or (m.role = 'creditor-user' and m.creditor_id = cr.id))
      order by u.email`,
    [creditorId],
  );
  return rows.map(recipient);
}

/** The agency's people who answer cases: case handlers and operator admins. */
export async function caseHandlers(db: Queryable): Promise<Recipient[]> {
  const rows = await db.query<Row>(
    `select distinct ${COLUMNS} from users u join memberships m on m.user_id = u.id
      where not u.disabled and m.role in ('case-handler', 'operator-admin') order by u.email`,
  );
  return rows.map(recipient);
}
