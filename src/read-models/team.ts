import type { Queryable } from "../platform/db/database.js";

/**
 * The people of a firm (its colleagues and its clients' users) or of one creditor, for the
 * portal's user list: each with their roles in the scope and whether they are active, invited
 * (the invitation not yet accepted) or deactivated.
 */
export interface TeamMember {
  userId: string;
  email: string;
  name: string;
  status: "active" | "invited" | "deactivated";
  lastLoginAt: Date | null;
  roles: { role: string; creditorId: string | null; creditorName: string | null }[];
}

export async function listTeam(db: Queryable, scope: { firmId: string } | { creditorId: string }): Promise<TeamMember[]> {
  const where = "firmId" in scope ? "(m.firm_id = $1 or c.firm_id = $1)" : "m.creditor_id = $1";
  const rows = await db.query<{ user_id: string; email: string; name: string; disabled: boolean; invited: boolean; last_login_at: Date | null; role: string; creditor_id: string | null; creditor_name: string | null }>(
    `select u.id as user_id, u.email, u.name, u.disabled, u.password_hash = '!invited' as invited, u.last_login_at, m.role, m.creditor_id, c.name as creditor_name
       from memberships m join users u on u.id = m.user_id left join creditors c on c.id = m.creditor_id
      where ${where} order by u.name, u.email, m.role, c.name`,
    ["firmId" in scope ? scope.firmId : scope.creditorId],
  );
  const out = new Map<string, TeamMember>();
  for (const r of rows) {
    const m = out.get(r.user_id) ?? { userId: r.user_id, email: r.email, name: r.name, status: r.disabled ? "deactivated" : r.invited ? "invited" : "active", lastLoginAt: r.last_login_at, roles: [] };
    m.roles.push({ role: r.role, creditorId: r.creditor_id, creditorName: r.creditor_name });
    out.set(r.user_id, m);
  }
  return [...out.values()];
}
