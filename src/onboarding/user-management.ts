import { issueToken, retireTokens, TOKEN_LIFETIME_MS, useToken, type AccountTokenKind } from "../access/account-tokens.js";
import { revokeApiClient } from "../access/api-clients.js";
import { hashPassword, passwordProblem } from "../access/passwords.js";
import type { Role } from "../access/roles.js";
import { findUserByEmail, grantRole, normalizeEmail } from "../access/users.js";
import { DomainError } from "../domain/errors.js";
import { checkNoOrganisationNumber } from "../domain/identifiers/no-organisation-number.js";
import type { Database, Queryable } from "../platform/db/database.js";
import { accessGrantedMail, accountMailLocale, alreadyRegisteredMail, confirmRegistrationMail, invitationMail, passwordResetMail, type AccountMailLocale } from "../notifications/account-mail.js";
import type { Mailer } from "../notifications/mailer.js";
import type { CompanyRegistry } from "../collection/debtor-info/company-registry.js";
import { verifyOrganisation } from "./creditor-lifecycle.js";

/**
 * User management (issue 20 item 6, issue 14 item 6): colleagues and client users invited by
 * e-mail (the link sets the password), roles changed, people deactivated (their sessions and the
 * API keys they made stop at once); a password reset by e-mail; and a firm's registration that
 * ends with "check your e-mail" — the same answer whether the address has an account or not, so
 * the registration form tells nobody who is a user.
 *
 * An invited user's password hash is `INVITED` until the invitation is accepted: no password
 * verifies against it (src/access/passwords.ts accepts only argon2id hashes).
 */
export const INVITED = "!invited";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const link = (portalUrl: string, path: string, token: string) => `${portalUrl.replace(/\/$/, "")}${path}?token=${encodeURIComponent(token)}`;
const days = (kind: AccountTokenKind) => Math.round(TOKEN_LIFETIME_MS[kind] / (24 * 3600_000));

/** Where people are managed: an accounting firm (its colleagues and its clients' users) or one creditor. */
export type TeamScope = { firmId: string } | { creditorId: string };

const FIRM_ROLES: readonly Role[] = ["firm-admin", "firm-accountant"];

export interface Invitation {
  scope: TeamScope;
  email: string;
  name: string;
  role: Role;
  locale?: AccountMailLocale;
  /** Who invites, as the e-mail names them. */
  inviter: string;
  portalUrl: string;
  now: Date;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError("invalid_input", problem, "password");
}

function linkProblem(problem: "unknown" | "used" | "expired", what: string): DomainError {
  const words = { unknown: `this ${what} link is not valid (copy the whole link from the e-mail)`, used: `this ${what} link has been used already`, expired: `this ${what} link has expired` }[problem];
  return new DomainError("refused", words, "token", { reason: `link_${problem}` });
}

async function organisationName(db: Queryable, scope: TeamScope): Promise<string> {
  const [row] = "firmId" in scope
    ? await db.query<{ name: string }>("select name from accounting_firms where id = $1", [scope.firmId])
    : await db.query<{ name: string }>("select name from creditors where id = $1", [scope.creditorId]);
  if (!row) throw new DomainError("not_found", "no such firm or creditor");
  return row.name;
}

/**
 * Invites a person: a new address gets a user without a password and a link that sets it; an
 * address with an account gets the role at once and an e-mail saying so. The e-mail is sent
 * inside the transaction: an SMTP refusal leaves no user and no role behind.
 */
export async function inviteUser(db: Database, mailer: Mailer, inv: Invitation): Promise<{ userId: string; status: "invited" | "granted" }> {
  const email = normalizeEmail(inv.email);
  if (!EMAIL.test(email)) throw new DomainError("invalid_input", `"${inv.email}" is not an e-mail address`, "email");
  const name = inv.name.trim();
  if (!name) throw new DomainError("invalid_input", "a name is needed", "name");
  if ("firmId" in inv.scope ? !FIRM_ROLES.includes(inv.role) : inv.role !== "creditor-user") {
    throw new DomainError("invalid_input", "firmId" in inv.scope ? `a firm's people are firm-admin or firm-accountant, not ${inv.role}` : `a creditor's people are creditor-user, not ${inv.role}`, "role");
  }
  return db.transaction(async (tx) => {
    const organisation = await organisationName(tx, inv.scope);
    const grant = { role: inv.role, firmId: "firmId" in inv.scope ? inv.scope.firmId : null, creditorId: "creditorId" in inv.scope ? inv.scope.creditorId : null };
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      if (existing.disabled) throw new DomainError("conflict", `${email} is deactivated: reactivate the user instead of inviting them again`, "email");
      const [has] = await tx.query("select 1 from memberships where user_id = $1 and role = $2 and firm_id is not distinct from $3 and creditor_id is not distinct from $4", [existing.id, grant.role, grant.firmId, grant.creditorId]);
      if (has) throw new DomainError("conflict", `${email} has this role here already`, "email");
      await grantRole(tx, { userId: existing.id, ...grant });
      if (existing.password_hash === INVITED) {
        // Invited before and not yet accepted: a fresh link.
        const token = await issueToken(tx, { kind: "invitation", email, userId: existing.id, now: inv.now });
        await mailer.send({ to: email, ...invitationMail(accountMailLocale(existing.locale), { name: existing.name, inviter: inv.inviter, organisation, role: inv.role, link: link(inv.portalUrl, "/accept-invitation", token), days: days("invitation") }) });
        return { userId: existing.id, status: "invited" as const };
      }
      await mailer.send({ to: email, ...accessGrantedMail(accountMailLocale(existing.locale), { name: existing.name, inviter: inv.inviter, organisation, role: inv.role, link: inv.portalUrl }) });
      return { userId: existing.id, status: "granted" as const };
    }
    const locale = inv.locale ?? "nb";
    const [user] = await tx.query<{ id: string }>("insert into users (email, name, password_hash, locale) values ($1, $2, $3, $4) returning id", [email, name, INVITED, locale]);
    await grantRole(tx, { userId: user!.id, ...grant });
    const token = await issueToken(tx, { kind: "invitation", email, userId: user!.id, now: inv.now });
    await mailer.send({ to: email, ...invitationMail(locale, { name, inviter: inv.inviter, organisation, role: inv.role, link: link(inv.portalUrl, "/accept-invitation", token), days: days("invitation") }) });
    return { userId: user!.id, status: "invited" as const };
  });
}

/** Accepting an invitation sets the password; the link works once and for seven days. */
export async function acceptInvitation(db: Database, a: { token: string; password: string; now: Date }): Promise<{ email: string }> {
  checkPassword(a.password);
  const hash = await hashPassword(a.password);
  return db.transaction(async (tx) => {
    const used = await useToken(tx, "invitation", a.token, a.now);
    if (typeof used === "string") throw linkProblem(used, "invitation");
    const [user] = await tx.query<{ email: string }>("update users set password_hash = $2 where id = $1 and not disabled returning email", [used.userId, hash]);
    if (!user) throw new DomainError("refused", "this user has been deactivated", "token", { reason: "link_deactivated" });
    return { email: user.email };
  });
}

/**
 * Sends a reset link to an address that has an active account; to any other address, nothing.
 * The caller answers the same either way (and should not wait for this: the e-mail takes time).
 */
export async function requestPasswordReset(db: Database, mailer: Mailer, r: { email: string; portalUrl: string; now: Date }): Promise<{ sent: boolean }> {
  const user = await findUserByEmail(db, r.email);
  if (!user || user.disabled) return { sent: false };
  const token = await issueToken(db, { kind: "password-reset", email: user.email, userId: user.id, now: r.now });
  await mailer.send({ to: user.email, ...passwordResetMail(accountMailLocale(user.locale), { name: user.name, link: link(r.portalUrl, "/reset-password", token), minutes: TOKEN_LIFETIME_MS["password-reset"] / 60_000 }) });
  return { sent: true };
}

/** A new password from a reset link: the link works once and for an hour; every session of the user ends, and the user's other reset links with them. */
export async function resetPassword(db: Database, r: { token: string; password: string; now: Date }): Promise<{ email: string }> {
  checkPassword(r.password);
  const hash = await hashPassword(r.password);
  return db.transaction(async (tx) => {
    const used = await useToken(tx, "password-reset", r.token, r.now);
    if (typeof used === "string") throw linkProblem(used, "password reset");
    const [user] = await tx.query<{ email: string }>("update users set password_hash = $2 where id = $1 and not disabled returning email", [used.userId, hash]);
    if (!user) throw new DomainError("refused", "this user has been deactivated", "token", { reason: "link_deactivated" });
    await tx.query("delete from sessions where user_id = $1", [used.userId]);
    await retireTokens(tx, used.userId!, "password-reset", r.now);
    return { email: user.email };
  });
}

/** Memberships that lie inside the scope (SQL over `m`, parameter $2). */
const IN_SCOPE = (scope: TeamScope) =>
  "firmId" in scope ? "(m.firm_id = $2 or m.creditor_id in (select id from creditors where firm_id = $2))" : "m.creditor_id = $2";
const scopeId = (scope: TeamScope) => ("firmId" in scope ? scope.firmId : scope.creditorId);

/** The user, when they have a role in the scope and none outside it (a firm deactivates only its own people). */
async function userInScope(db: Queryable, scope: TeamScope, userId: string): Promise<{ email: string }> {
  const [row] = await db.query<{ email: string; inside: number; outside: number }>(
    `select u.email, count(*) filter (where ${IN_SCOPE(scope)})::int as inside, count(*) filter (where not coalesce(${IN_SCOPE(scope)}, false))::int as outside
       from users u join memberships m on m.user_id = u.id where u.id = $1 group by u.id`,
    [userId, scopeId(scope)],
  );
  if (!row || row.inside === 0) throw new DomainError("not_found", "no such user here", "userId");
  if (row.outside > 0) throw new DomainError("conflict", `${row.email} also has roles outside this ${"firmId" in scope ? "firm" : "creditor"}: the agency deactivates such a user`, "userId");
  return { email: row.email };
}

/**
 * Deactivates a person: they cannot log in, their sessions end now, and the API keys they made
 * are revoked (within the key cache's seconds in other processes, docs/API.md).
 */
export async function deactivateUser(db: Database, d: { scope: TeamScope; userId: string; by: string; now: Date }): Promise<{ revokedKeys: number }> {
  if (d.userId === d.by) throw new DomainError("conflict", "you cannot deactivate yourself", "userId");
  const keys = await db.transaction(async (tx) => {
    const { email } = await userInScope(tx, d.scope, d.userId);
    await tx.query("update users set disabled = true where id = $1", [d.userId]);
    await tx.query("delete from sessions where user_id = $1", [d.userId]);
    await tx.query("update account_tokens set used_at = $2 where user_id = $1 and used_at is null", [d.userId, d.now]);
    return tx.query<{ id: string }>("select id from api_clients where created_by = $1 and revoked_at is null", [email]);
  });
  // Outside the transaction (revokeApiClient tells the key cache when its statement returns).
  for (const k of keys) await revokeApiClient(db, k.id, d.now);
  return { revokedKeys: keys.length };
}

/** Lets a deactivated person in again (their keys stay revoked: a revoked key is never revived). */
export async function reactivateUser(db: Database, d: { scope: TeamScope; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await userInScope(tx, d.scope, d.userId);
    await tx.query("update users set disabled = false where id = $1", [d.userId]);
  });
}

/** A firm colleague's role (administrator or accountant); the firm keeps at least one administrator. */
export async function changeFirmRole(db: Database, c: { firmId: string; userId: string; role: "firm-admin" | "firm-accountant" }): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; role: string }>("select id, role from memberships where user_id = $1 and firm_id = $2 for update", [c.userId, c.firmId]);
    if (rows.length === 0) throw new DomainError("not_found", "no such colleague in this firm", "userId");
    if (c.role !== "firm-admin" && rows.some((r) => r.role === "firm-admin")) {
      const [others] = await tx.query<{ n: number }>(
        "select count(*)::int as n from memberships m join users u on u.id = m.user_id where m.firm_id = $1 and m.role = 'firm-admin' and m.user_id <> $2 and not u.disabled and u.password_hash <> $3",
        [c.firmId, c.userId, INVITED],
      );
      if (others!.n === 0) throw new DomainError("conflict", "the firm needs at least one active administrator: make someone else administrator first", "role");
    }
    await tx.query("delete from memberships where user_id = $1 and firm_id = $2", [c.userId, c.firmId]);
    await grantRole(tx, { userId: c.userId, role: c.role, firmId: c.firmId });
  });
}

export interface FirmRegistration {
  name: string;
  orgNumber: string;
  address: unknown;
  contact: unknown;
  admin: { email: string; name: string; password: string };
  locale?: AccountMailLocale;
  portalUrl: string;
  now: Date;
}

/**
 * A firm registers: nothing is created yet. A new address gets a link that creates the firm and
 * its administrator (with the password given now); an address with an account gets an e-mail
 * telling its owner so. The password is hashed either way, so both take as long.
 */
export async function startFirmRegistration(db: Database, mailer: Mailer, r: FirmRegistration, options: { registry?: CompanyRegistry | undefined } = {}): Promise<void> {
  const email = normalizeEmail(r.admin.email);
  if (!EMAIL.test(email)) throw new DomainError("invalid_input", `"${r.admin.email}" is not an e-mail address`, "admin.email");
  if (!checkNoOrganisationNumber(r.orgNumber).valid) throw new DomainError("invalid_input", `${r.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  // With a registry (FORDRING_BRREG_URL) the number must exist, be active and be registered to this name.
  if (options.registry) await verifyOrganisation(options.registry, r.orgNumber, r.name);
  checkPassword(r.admin.password);
  const passwordHash = await hashPassword(r.admin.password);
  const existing = await findUserByEmail(db, email);
  const locale = r.locale ?? "nb";
  if (existing) {
    const base = r.portalUrl.replace(/\/$/, "");
    await mailer.send({ to: email, ...alreadyRegisteredMail(accountMailLocale(existing.locale), { name: existing.name, loginLink: `${base}/`, resetLink: `${base}/forgot-password` }) });
    return;
  }
  const payload = { name: r.name.trim(), orgNumber: r.orgNumber, address: r.address, contact: r.contact, admin: { email, name: r.admin.name.trim(), passwordHash, locale } };
  const token = await issueToken(db, { kind: "registration", email, payload, now: r.now });
  await mailer.send({ to: email, ...confirmRegistrationMail(locale, { name: payload.admin.name, firm: payload.name, link: link(r.portalUrl, "/confirm-registration", token), days: days("registration") }) });
}

/** The link from the registration e-mail: creates the firm and its administrator, once. */
export async function confirmFirmRegistration(db: Database, c: { token: string; now: Date }): Promise<{ firmId: string; userId: string; email: string }> {
  return db.transaction(async (tx) => {
    const used = await useToken(tx, "registration", c.token, c.now);
    if (typeof used === "string") throw linkProblem(used, "registration");
    const p = used.payload as { name: string; orgNumber: string; address: unknown; contact: unknown; admin: { email: string; name: string; passwordHash: string; locale: string } };
    // Two registrations with one address, both confirmed: the second finds the account made by the first.
    if (await findUserByEmail(tx, p.admin.email)) throw new DomainError("conflict", "this address has an account already: log in, or reset the password", "token");
    const [firm] = await tx.query<{ id: string }>("insert into accounting_firms (name, org_number, address, contact, approved_at) values ($1, $2, $3, $4, null) returning id", [p.name, p.orgNumber, JSON.stringify(p.address), JSON.stringify(p.contact)]);
    const [user] = await tx.query<{ id: string }>("insert into users (email, name, password_hash, locale) values ($1, $2, $3, $4) returning id", [p.admin.email, p.admin.name, p.admin.passwordHash, p.admin.locale]);
    await grantRole(tx, { userId: user!.id, role: "firm-admin", firmId: firm!.id });
    return { firmId: firm!.id, userId: user!.id, email: p.admin.email };
  });
}
