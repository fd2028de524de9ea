import { createUser, grantRole } from "../access/users.js";
import { CollectionSettingsSchema } from "../collection/settings.js";
import { DomainError } from "../domain/errors.js";
import { parseCurrency, type Currency } from "../domain/money.js";
import { checkNoOrganisationNumber } from "../domain/identifiers/no-organisation-number.js";
import type { LedgerConnector } from "../integration/ledger-connector.js";
import type { LedgerIntegration } from "../integration/sync/integrations.js";
import type { Database, Queryable } from "../platform/db/database.js";
import { checkActivation, type ActivationCheck, type Missing } from "./activation.js";

/**
 * A creditor's life as a client of the agency: registered (by an accounting firm or on its own,
 * with its first user), activated once nothing stops it (`checkActivation`), deactivated (no new
 * transfers; open cases go on to their end) and reactivated. The API and the CLI call these; they
 * hold the rules of the transitions, the routes only parse and shape.
 */
export interface NewCreditorInput {
  code: string;
  name: string;
  orgNumber: string;
  address: unknown;
  bankAccount?: unknown;
  contact?: unknown;
  vatRegistered: boolean;
  factoring: boolean;
  /** A creditor user to create with the client. */
  user?: { email: string; name: string; password: string } | undefined;
}

/** Registers a creditor in the state `registered` (not transferring until activated), with its user if one is given, in one transaction. */
export function registerCreditor(db: Database, firmId: string | null, c: NewCreditorInput): Promise<string> {
  return db.transaction((tx) => insertCreditor(tx, firmId, c));
}

async function insertCreditor(db: Queryable, firmId: string | null, c: NewCreditorInput): Promise<string> {
  if (!checkNoOrganisationNumber(c.orgNumber).valid) throw new DomainError("invalid_input", `${c.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  const settings = { collection: CollectionSettingsSchema.parse({}), transfer: { mode: "automatic" } };
  const rows = await db.query<{ id: string }>(
    `insert into creditors (firm_id, code, name, org_number, address, bank_account, contact, vat_registered, factoring, settings, status, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'registered', false)
     on conflict (code) do nothing returning id`,
    [firmId, c.code, c.name, c.orgNumber, JSON.stringify(c.address), c.bankAccount ? JSON.stringify(c.bankAccount) : null, c.contact ? JSON.stringify(c.contact) : null, c.vatRegistered, c.factoring, JSON.stringify(settings)],
  );
  if (!rows[0]) throw new DomainError("conflict", `a creditor with the code ${c.code} exists already`, "code");
  if (c.user) {
    const userId = await createUser(db, { email: c.user.email, name: c.user.name, password: c.user.password });
    await grantRole(db, { userId, role: "creditor-user", creditorId: rows[0].id });
  }
  return rows[0].id;
}

/** One row of a bulk registration: registered, or refused with the reason (bad input and conflicts only; anything else stops the batch). */
export type BulkRegistration = { index: number; code: string; ok: true; creditorId: string; error: null } | { index: number; code: string; ok: false; creditorId: null; error: string };

/** Registers many clients of a firm, each in its own transaction: a refused row does not stop the others. */
export async function registerCreditors(db: Database, firmId: string, creditors: readonly NewCreditorInput[]): Promise<BulkRegistration[]> {
  const results: BulkRegistration[] = [];
  for (const [index, c] of creditors.entries()) {
    try {
      const id = await registerCreditor(db, firmId, c);
      results.push({ index, code: c.code, ok: true, creditorId: id, error: null });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      results.push({ index, code: c.code, ok: false, creditorId: null, error: e.message });
    }
  }
  return results;
}

export type ConnectorFor = (i: LedgerIntegration) => LedgerConnector;

/**
 * Checks the prerequisites and, when nothing is missing, activates; the one-time choice whether
 * invoices already overdue go to collection too is stored with the transfer settings. Idempotent:
 * the first activation date is kept.
 */
export async function activateCreditor(db: Queryable, connectorFor: ConnectorFor, creditorId: string, options: { transferAlreadyOverdue: boolean; now: Date }): Promise<ActivationCheck> {
  const check = await checkActivation(db, creditorId, connectorFor);
  if (check.ready) await markActivated(db, creditorId, options);
  return check;
}

/** The activation itself, once a check found nothing missing (the first activation date is kept). */
export async function markActivated(db: Queryable, creditorId: string, options: { transferAlreadyOverdue: boolean; now: Date }): Promise<void> {
  await db.query(
    `update creditors set status = 'active', active = true, activated_at = coalesce(activated_at, $2), deactivated_at = null,
       settings = jsonb_set(settings, '{transfer}', coalesce(settings->'transfer', '{}'::jsonb) || jsonb_build_object('transferAlreadyOverdue', $3::boolean)) where id = $1`,
    [creditorId, options.now, options.transferAlreadyOverdue],
  );
}

const NOT_THE_FIRMS: Missing = { code: "not_found", text: { nb: "Finnes ikke blant firmaets klienter.", en: "Not one of the firm's clients." } };

/** Activates many clients of a firm, each checked and activated on its own. An id that is not the firm's client is answered like a missing one. */
export async function activateCreditors(
  db: Queryable,
  connectorFor: ConnectorFor,
  firmId: string,
  creditorIds: readonly string[],
  options: { transferAlreadyOverdue: boolean; now: Date },
): Promise<{ creditorId: string; activated: boolean; missing: Missing[] }[]> {
  const own = new Set((await db.query<{ id: string }>("select id from creditors where firm_id = $1 and id = any($2::uuid[])", [firmId, creditorIds])).map((r) => r.id));
  const results = [];
  for (const creditorId of creditorIds) {
    if (!own.has(creditorId)) {
      results.push({ creditorId, activated: false, missing: [NOT_THE_FIRMS] });
      continue;
    }
    const check = await activateCreditor(db, connectorFor, creditorId, options);
    results.push({ creditorId, activated: check.ready, missing: check.missing });
  }
  return results;
}

/** What a deactivation or reactivation did: done, or refused because the creditor is in another state. */
export type StatusChange = { ok: true } | { ok: false; code: "not_active" | "not_inactive"; status: string };

/** Stops new transfers (open cases go on to their end). Only an active creditor can be deactivated. */
export function deactivateCreditor(db: Queryable, creditorId: string, now: Date): Promise<StatusChange> {
  return changeStatus(db, creditorId, "active", "inactive", now);
}

/** Takes a deactivated client back into use. Only an inactive creditor can be reactivated. */
export function reactivateCreditor(db: Queryable, creditorId: string, now: Date): Promise<StatusChange> {
  return changeStatus(db, creditorId, "inactive", "active", now);
}

async function changeStatus(db: Queryable, creditorId: string, from: "active" | "inactive", to: "active" | "inactive", now: Date): Promise<StatusChange> {
  const [c] = await db.query<{ status: string }>("select status from creditors where id = $1", [creditorId]);
  if (!c) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
  if (c.status !== from) return { ok: false, code: from === "active" ? "not_active" : "not_inactive", status: c.status };
  await db.query(`update creditors set status = $2::text, active = true, deactivated_at = case when $2::text = 'inactive' then $3::timestamptz else null end where id = $1`, [creditorId, to, now]);
  return { ok: true };
}

/** A creditor's details; what is not given is kept. */
export interface CreditorDetails {
  name?: string | undefined;
  orgNumber?: string | undefined;
  address?: unknown;
  bankAccount?: unknown;
  contact?: unknown;
  vatRegistered?: boolean | undefined;
  factoring?: boolean | undefined;
}

export async function changeCreditorDetails(db: Queryable, creditorId: string, b: CreditorDetails): Promise<void> {
  if (b.orgNumber && !checkNoOrganisationNumber(b.orgNumber).valid) throw new DomainError("invalid_input", `${b.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  await db.query(
    `update creditors set name = coalesce($2, name), org_number = coalesce($3, org_number), address = coalesce($4, address), bank_account = coalesce($5, bank_account),
       contact = coalesce($6, contact), vat_registered = coalesce($7, vat_registered), factoring = coalesce($8, factoring) where id = $1`,
    [creditorId, b.name ?? null, b.orgNumber ?? null, json(b.address), json(b.bankAccount), json(b.contact), b.vatRegistered ?? null, b.factoring ?? null],
  );
}

export type StoredSettings = Record<string, Record<string, unknown> | undefined>;

/**
 * Changes a creditor's settings: the stored settings are read under a row lock, `change` returns
 * the new whole (validating it, in the creditor's currency; a throw changes nothing), and they are written back.
 */
export async function changeCreditorSettings(db: Database, creditorId: string, change: (stored: StoredSettings, creditor: { currency: Currency }) => StoredSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ settings: StoredSettings; currency: string }>("select settings, currency from creditors where id = $1 for update", [creditorId]);
    if (!row) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
    const currency = parseCurrency(row.currency, "creditor.currency");
    await tx.query("update creditors set settings = $2 where id = $1", [creditorId, JSON.stringify(change(row.settings, { currency }))]);
  });
}
