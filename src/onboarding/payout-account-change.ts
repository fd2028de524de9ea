import { writeAudit } from "../access/audit.js";
import { DomainError } from "../domain/errors.js";
import type { Database, Queryable } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import { payoutAccountMail, type PayoutAccountMailKind } from "../notifications/payout-account-mail.js";
import type { Mailer } from "../notifications/mailer.js";

/**
 * Changing a creditor's payout account (where its settlements are paid — a classic fraud path)
 * takes two people: one asks for the change (`requestPayoutAccountChange`: a pending change, the
 * account in use is untouched), another approves it (`decidePayoutAccountChange`: a firm admin of
 * the creditor's firm or the agency's staff, never the one who asked). Each step is audited and
 * the firm's admins (for a creditor without a firm: its own users) get an e-mail, so a change
 * nobody asked for is seen. A creditor's first account (none stored yet) is set directly: no money
 * has been paid anywhere before.
 */
export interface Actor {
  readonly kind: "user" | "api-client" | "system";
  readonly id: string | null;
  readonly label: string;
  readonly ip: string | null;
}

export interface PendingPayoutAccount {
  readonly changeId: string;
  readonly account: Record<string, unknown>;
  readonly requestedBy: string;
  readonly requestedAt: string;
}

export interface Notify {
  readonly mailer: Mailer | undefined;
  readonly logger: Logger;
  readonly portalUrl: string;
}

const same = (a: Record<string, unknown> | null, b: Record<string, unknown>) => ["accountNumber", "iban", "bic", "active"].every((k) => (a?.[k] ?? null) === (b[k] ?? null));

/**
 * Asks for a new payout account. Returns `applied` for a first account (set at once), `unchanged`
 * when it is the one in use, else the pending change (an earlier pending one is superseded).
 */
export async function requestPayoutAccountChange(db: Database, creditorId: string, account: Record<string, unknown>, actor: Actor, notify: Notify): Promise<{ outcome: "applied" | "unchanged" } | { outcome: "pending"; change: PendingPayoutAccount }> {
  const result = await db.transaction(async (tx) => {
    const [c] = await tx.query<{ bank_account: Record<string, unknown> | null; firm_id: string | null }>("select bank_account, firm_id from creditors where id = $1 for update", [creditorId]);
    if (!c) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
    if (c.bank_account !== null && same(c.bank_account, account)) return { outcome: "unchanged" as const };
    if (c.bank_account === null) {
      await tx.query("update creditors set bank_account = $2 where id = $1", [creditorId, JSON.stringify(account)]);
      await audit(tx, actor, c.firm_id, creditorId, "payout-account.set", { account: masked(account) });
      return { outcome: "applied" as const };
    }
    await tx.query("update payout_account_changes set status = 'superseded', decided_at = now(), decided_by = $2 where creditor_id = $1 and status = 'pending'", [creditorId, actor.label]);
    const [row] = await tx.query<{ id: string; requested_at: Date | string }>(
      `insert into payout_account_changes (creditor_id, account, previous_account, requested_by_kind, requested_by_id, requested_by) values ($1, $2, $3, $4, $5, $6) returning id, requested_at`,
      [creditorId, JSON.stringify(account), JSON.stringify(c.bank_account), actor.kind, actor.id, actor.label],
    );
    await audit(tx, actor, c.firm_id, creditorId, "payout-account.change-requested", { changeId: row!.id, from: masked(c.bank_account), to: masked(account) });
    return { outcome: "pending" as const, change: { changeId: row!.id, account, requestedBy: actor.label, requestedAt: new Date(row!.requested_at).toISOString() }, previous: c.bank_account };
  });
  if (result.outcome === "pending") {
    await notifyAdmins(db, creditorId, "requested", { from: result.previous, to: result.change.account, by: actor.label }, notify);
    return { outcome: "pending", change: result.change };
  }
  return result;
}

/**
 * Approves or rejects the pending change. Only a person (not an API key) other than the one who
 * asked; who may decide at all (a firm admin of the creditor's firm, the agency's staff) is the
 * caller's check (`mayDecide`).
 */
export async function decidePayoutAccountChange(db: Database, creditorId: string, changeId: string, decision: "approve" | "reject", actor: Actor, notify: Notify): Promise<{ status: "approved" | "rejected"; account: Record<string, unknown> }> {
  const done = await db.transaction(async (tx) => {
    const [ch] = await tx.query<{ id: string; status: string; account: Record<string, unknown>; previous_account: Record<string, unknown> | null; requested_by_kind: string; requested_by_id: string | null; requested_by: string; firm_id: string | null }>(
      `select ch.id, ch.status, ch.account, ch.previous_account, ch.requested_by_kind, ch.requested_by_id, ch.requested_by, c.firm_id
         from payout_account_changes ch join creditors c on c.id = ch.creditor_id where ch.id = $1 and ch.creditor_id = $2 for update of ch`,
      [changeId, creditorId],
    );
    if (!ch) throw new DomainError("not_found", `no payout account change ${changeId} for this creditor`, "changeId");
    if (ch.status !== "pending") throw new DomainError("conflict", `the change is ${ch.status}, not pending: nothing to ${decision}`, "changeId");
    if (actor.kind !== "user") throw new DomainError("forbidden", "a payout account change is decided by a person, not with an API key", "changeId");
    if (decision === "approve" && ch.requested_by_kind === actor.kind && ch.requested_by_id === actor.id) {
      throw new DomainError("refused", "the change must be approved by another person than the one who asked for it (a firm admin or the agency's staff)", "changeId");
    }
    const status = decision === "approve" ? "approved" : "rejected";
    await tx.query("update payout_account_changes set status = $2, decided_by = $3, decided_at = now() where id = $1", [changeId, status, actor.label]);
    if (status === "approved") await tx.query("update creditors set bank_account = $2 where id = $1", [creditorId, JSON.stringify(ch.account)]);
    await audit(tx, actor, ch.firm_id, creditorId, `payout-account.change-${status}`, { changeId, requestedBy: ch.requested_by, from: masked(ch.previous_account), to: masked(ch.account) });
    return { status, account: ch.account, previous: ch.previous_account } as const;
  });
  await notifyAdmins(db, creditorId, done.status, { from: done.previous, to: done.account, by: actor.label }, notify);
  return { status: done.status, account: done.account };
}

/** The creditor's pending change, if any. */
export async function pendingPayoutAccount(db: Queryable, creditorId: string): Promise<PendingPayoutAccount | null> {
  const [r] = await db.query<{ id: string; account: Record<string, unknown>; requested_by: string; requested_at: Date | string }>(
    "select id, account, requested_by, requested_at from payout_account_changes where creditor_id = $1 and status = 'pending' order by requested_at desc limit 1",
    [creditorId],
  );
  return r ? { changeId: r.id, account: r.account, requestedBy: r.requested_by, requestedAt: new Date(r.requested_at).toISOString() } : null;
}

/** "•••• 7947": the last four characters, enough to recognise an account, not to use it. */
export function maskAccount(account: Record<string, unknown> | null): string {
  const n = (account?.["iban"] ?? account?.["accountNumber"]) as string | undefined;
  return n ? `•••• ${n.slice(-4)}` : "none";
}

function masked(account: Record<string, unknown> | null): string {
  return maskAccount(account);
}

async function audit(tx: Queryable, actor: Actor, firmId: string | null, creditorId: string, action: string, details: Record<string, unknown>): Promise<void> {
  await writeAudit(tx, { actorKind: actor.kind, actorId: actor.id, actorLabel: actor.label, firmId, creditorId, action, target: creditorId, ip: actor.ip, outcome: "ok", details });
}

/**
 * E-mail to the firm's admins (a creditor without a firm: its own users). A failed send does not
 * undo the change: it is logged and written to the audit log as `payout-account.notify-failed`.
 */
async function notifyAdmins(db: Database, creditorId: string, kind: PayoutAccountMailKind, facts: { from: Record<string, unknown> | null; to: Record<string, unknown>; by: string }, notify: Notify): Promise<void> {
  const recipients = await db.query<{ email: string; name: string; locale: string; creditor: string; firm_id: string | null }>(
    `select distinct u.email, u.name, u.locale, c.name as creditor, c.firm_id from creditors c
       join memberships m on (c.firm_id is not null and m.firm_id = c.firm_id and m.role = 'firm-admin') or (c.firm_id is null and m.creditor_id = c.id)
       join users u on u.id = m.user_id and not u.disabled
      where c.id = $1 order by u.email`,
    [creditorId],
  );
  if (!notify.mailer || recipients.length === 0) {
    notify.logger.warn({ creditorId, kind, recipients: recipients.length }, notify.mailer ? "payout account change: no firm admin to notify" : "payout account change: no e-mail configured (FORDRING_SMTP_URL), nobody notified");
    return;
  }
  const failed: string[] = [];
  for (const r of recipients) {
    const mail = payoutAccountMail(r.locale === "en" ? "en" : "nb", kind, { name: r.name, creditor: r.creditor, from: maskAccount(facts.from), to: maskAccount(facts.to), by: facts.by, portalUrl: notify.portalUrl });
    try {
      await notify.mailer.send({ to: r.email, ...mail });
    } catch (e) {
      failed.push(r.email);
      notify.logger.error({ err: e, creditorId, to: r.email }, "payout account change: the e-mail could not be sent");
    }
  }
  await writeAudit(db, { actorKind: "system", actorId: null, actorLabel: "notifications", firmId: recipients[0]!.firm_id, creditorId, action: failed.length ? "payout-account.notify-failed" : "payout-account.notified", target: creditorId, ip: null, outcome: failed.length ? "failed" : "ok", details: { kind, to: recipients.map((r) => r.email), failed } });
}
