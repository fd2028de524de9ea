import type { Queryable } from "../platform/db/database.js";

/** Portal users as an operator lists them: each with its roles ("role:firm name" / "role:creditor code"). */
export async function listUsers(db: Queryable): Promise<{ email: string; name: string; disabled: boolean; roles: string[] | null }[]> {
  return db.query(
    `select u.email, u.name, u.disabled, array_agg(m.role || coalesce(':' || f.name, '') || coalesce(':' || c.code, '') order by m.role) filter (where m.id is not null) as roles
       from users u left join memberships m on m.user_id = u.id left join accounting_firms f on f.id = m.firm_id left join creditors c on c.id = m.creditor_id
      group by u.id order by u.email`,
  );
}

/** A user's id by e-mail (trimmed, lower case), or null. */
export async function userIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const [u] = await db.query<{ id: string }>("select id from users where email = $1", [email.trim().toLowerCase()]);
  return u?.id ?? null;
}
