import { DomainError } from "../domain/errors.js";
import type { Queryable } from "../platform/db/database.js";
import { hashPassword, passwordProblem } from "./passwords.js";
import { ROLE_LEVEL, isRole, type Grant, type Role } from "./roles.js";

/** Portal users and their grants (roles on a firm, a creditor or the agency). */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  locale?: "nb" | "en" | "sv";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: Queryable, user: NewUser): Promise<string> {
  const email = normalizeEmail(user.email);
  if (!EMAIL.test(email)) throw new DomainError("invalid_input", `"${user.email}" is not an e-mail address`, "email");
  const problem = passwordProblem(user.password);
  if (problem) throw new DomainError("invalid_input", problem, "password");
  // Before the (deliberately slow) hash: a taken address costs nothing.
  if ((await db.query("select 1 from users where email = $1", [email])).length) throw new DomainError("conflict", `a user with the e-mail ${email} exists already`, "email");
  const hash = await hashPassword(user.password);
  const rows = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale) values ($1, $2, $3, $4)
     on conflict (email) do nothing returning id`,
    [email, user.name.trim(), hash, user.locale ?? "nb"],
  );
  if (!rows[0]) throw new DomainError("conflict", `a user with the e-mail ${email} exists already`, "email");
  return rows[0].id;
}

export interface GrantInput {
  userId: string;
  role: Role;
  firmId?: string | null;
  creditorId?: string | null;
}

/** Gives a role; a firm role needs the firm, a creditor role the creditor, an agency role neither. */
export async function grantRole(db: Queryable, grant: GrantInput): Promise<void> {
  if (!isRole(grant.role)) throw new DomainError("invalid_input", `unknown role "${String(grant.role)}"`, "role");
  const level = ROLE_LEVEL[grant.role];
  const firmId = level === "firm" ? grant.firmId ?? null : null;
  const creditorId = level === "creditor" ? grant.creditorId ?? null : null;
  if (level === "firm" && !firmId) throw new DomainError("invalid_input", `the role ${grant.role} needs a firm`, "firmId");
  if (level === "creditor" && !creditorId) throw new DomainError("invalid_input", `the role ${grant.role} needs a creditor`, "creditorId");
  await db.query(
    `insert into memberships (user_id, role, firm_id, creditor_id)
     select $1, $2, $3, $4 where not exists (
       select 1 from memberships where user_id = $1 and role = $2 and firm_id is not distinct from $3 and creditor_id is not distinct from $4)`,
    [grant.userId, grant.role, firmId, creditorId],
  );
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  locale: string;
  disabled: boolean;
  password_hash: string;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>("select id, email, name, locale, disabled, password_hash from users where email = $1", [normalizeEmail(email)]);
  return rows[0] ?? null;
}

export interface MembershipView extends Grant {
  firmName: string | null;
  creditorName: string | null;
}

export async function loadMemberships(db: Queryable, userId: string): Promise<MembershipView[]> {
  const rows = await db.query<{ role: Role; firm_id: string | null; creditor_id: string | null; firm_name: string | null; creditor_name: string | null }>(
    `select m.role, m.firm_id, m.creditor_id, f.name as firm_name, c.name as creditor_name
       from memberships m left join accounting_firms f on f.id = m.firm_id left join creditors c on c.id = m.creditor_id
      where m.user_id = $1 order by m.created_at, m.id`,
    [userId],
  );
  return rows.map((r) => ({ role: r.role, firmId: r.firm_id, creditorId: r.creditor_id, firmName: r.firm_name, creditorName: r.creditor_name }));
}

/** A user's name, e-mail and portal language, or null. */
export async function loadUser(db: Queryable, userId: string): Promise<{ id: string; email: string; name: string; locale: string } | null> {
  const [u] = await db.query<{ id: string; email: string; name: string; locale: string }>("select id, email, name, locale from users where id = $1", [userId]);
  return u ?? null;
}

/** Notes a successful login. */
export async function recordLogin(db: Queryable, userId: string, at: Date): Promise<void> {
  await db.query("update users set last_login_at = $2 where id = $1", [userId, at]);
}

/** Changes a user's portal language. */
export async function setUserLocale(db: Queryable, userId: string, locale: "nb" | "en" | "sv"): Promise<void> {
  await db.query("update users set locale = $2 where id = $1", [userId, locale]);
}

/** Creates a user with its first role, in one transaction. */
export async function createUserWithRole(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, user: NewUser, grant: Omit<GrantInput, "userId">): Promise<string> {
  return db.transaction(async (tx) => {
    const userId = await createUser(tx, user);
    await grantRole(tx, { userId, ...grant });
    return userId;
  });
}
