import { RegistryUnavailable, type CompanyRegistry } from "../collection/debtor-info/company-registry.js";
import { createUser, grantRole } from "../access/users.js";
import { CollectionSettingsSchema } from "../collection/settings.js";
import { DomainError } from "../domain/errors.js";
import { parseCurrency, type Currency } from "../domain/money.js";
import { caseCountry, COUNTRY_CURRENCY, requireOrganisationNumber, type CaseCountry } from "../domain/identifiers/by-country.js";
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
  /** The creditor's country (its law) and currency; default NO and the country's currency. A pair that does not belong together is refused. */
  jurisdiction?: CaseCountry | undefined;
  currency?: "NOK" | "SEK" | undefined;
  /** A creditor user to create with the client. */
  user?: { email: string; name: string; password: string } | undefined;
}

/**
 * Registers a creditor in the state `registered` (not transferring until activated), with its user
 * if one is given, in one transaction. With a company register (`FORDRING_BRREG_URL`), the
 * organisation number is verified first (`verifyOrganisation`).
 */
export async function registerCreditor(db: Database, firmId: string | null, c: NewCreditorInput, options: { registry?: CompanyRegistry | undefined } = {}): Promise<string> {
  if (options.registry) await verifyOrganisation(options.registry, c.orgNumber, c.name);
  return db.transaction(async (tx) => {
    const id = await insertCreditor(tx, firmId, c);
    // On its own (no firm, the public route): it waits for the agency's approval before activation.
    if (firmId === null) await tx.query("update creditors set registration_approved_at = null where id = $1", [id]);
    return id;
  });
}

const LEGAL_FORMS = new Set(["as", "asa", "ans", "da", "enk", "sa", "ba", "nuf", "ks", "stiftelse"]);
const normalName = (n: string) => n.toLowerCase().replace(/[^a-z0-9æøå]+/g, " ").trim().split(/\s+/).filter((w) => !LEGAL_FORMS.has(w)).join(" ");

/**
 * Issue 19: registering with another company's organisation number was accepted. The number must
 * be in Enhetsregisteret, not deleted, not bankrupt or being wound up, and registered to the name
 * given (compared without case, punctuation or the legal form: "Nordlys Regnskap AS" = "NORDLYS
 * REGNSKAP AS"). A register that is down refuses the registration for now (try again); it never
 * lets the number through unchecked.
 */
export async function verifyOrganisation(registry: CompanyRegistry, orgNumber: string, name: string): Promise<void> {
  let status;
  try {
    status = await registry.lookup(orgNumber);
  } catch (e) {
    if (e instanceof RegistryUnavailable) throw new DomainError("registry_unavailable", `the organisation number cannot be verified now (${e.detail}); try again`, "orgNumber");
    throw e;
  }
  if (!status.found) throw new DomainError("invalid_input", `${orgNumber} is not in Enhetsregisteret`, "orgNumber");
  if (status.deletedOn) throw new DomainError("invalid_input", `${orgNumber} (${status.name}) was deleted from Enhetsregisteret on ${status.deletedOn}`, "orgNumber");
  if (status.bankrupt || status.windingUp || status.forcedDissolution) throw new DomainError("invalid_input", `${orgNumber} (${status.name}) is bankrupt or being wound up`, "orgNumber");
  if (normalName(status.name) !== normalName(name)) throw new DomainError("invalid_input", `${orgNumber} belongs to ${status.name} in Enhetsregisteret, not ${name}`, "orgNumber");
}

async function insertCreditor(db: Queryable, firmId: string | null, c: NewCreditorInput): Promise<string> {
  const country = caseCountry(c.jurisdiction ?? "NO", c.currency ?? COUNTRY_CURRENCY[c.jurisdiction ?? "NO"]);
  const orgNumber = requireOrganisationNumber(country.jurisdiction, c.orgNumber);
  const settings = { collection: CollectionSettingsSchema.parse({}), transfer: { mode: "automatic" } };
  const rows = await db.query<{ id: string }>(
    `insert into creditors (firm_id, code, name, org_number, address, bank_account, contact, vat_registered, factoring, settings, status, active, jurisdiction, currency)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'registered', false, $11, $12)
     on conflict (code) do nothing returning id`,
    [firmId, c.code, c.name, orgNumber, JSON.stringify(c.address), c.bankAccount ? JSON.stringify(c.bankAccount) : null, c.contact ? JSON.stringify(c.contact) : null, c.vatRegistered, c.factoring, JSON.stringify(settings), country.jurisdiction, country.currency],
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
export async function registerCreditors(db: Database, firmId: string, creditors: readonly NewCreditorInput[], options: { registry?: CompanyRegistry | undefined } = {}): Promise<BulkRegistration[]> {
  const results: BulkRegistration[] = [];
  for (const [index, c] of creditors.entries()) {
    try {
      const id = await registerCreditor(db, firmId, c, options);
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

/**
 * The transfer preset a ledger brings (Visma.net: its dunning routine chooses, "visma-net-dunning";
 * Procountor: Procountor Inkasso's rules, "procountor-kravia", for a Swedish creditor only — the
 * preset is Swedish law's).
 */
const LEDGER_PRESETS: Readonly<Record<string, { preset: string; jurisdiction?: string }>> = { "visma-net": { preset: "visma-net-dunning" }, procountor: { preset: "procountor-kravia", jurisdiction: "SE" } };

/** When a ledger is connected, its own transfer rules become the creditor's preset, unless the creditor chose one. */
export async function useLedgerTransferPreset(db: Queryable, creditorId: string, kind: string): Promise<void> {
  const p = LEDGER_PRESETS[kind];
  if (!p) return;
  await db.query(
    `update creditors set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{transfer}', coalesce(settings->'transfer', '{}'::jsonb) || jsonb_build_object('preset', $2::text))
      where id = $1 and (settings->'transfer'->>'preset') is null and ($3::text is null or jurisdiction = $3::text)`,
    [creditorId, p.preset, p.jurisdiction ?? null],
  );
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
  let orgNumber: string | null = null;
  if (b.orgNumber) {
    const [row] = await db.query<{ jurisdiction: string; currency: string }>("select jurisdiction, currency from creditors where id = $1", [creditorId]);
    if (!row) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
    orgNumber = requireOrganisationNumber(caseCountry(row.jurisdiction, row.currency).jurisdiction, b.orgNumber);
  }
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  await db.query(
    `update creditors set name = coalesce($2, name), org_number = coalesce($3, org_number), address = coalesce($4, address), bank_account = coalesce($5, bank_account),
       contact = coalesce($6, contact), vat_registered = coalesce($7, vat_registered), factoring = coalesce($8, factoring) where id = $1`,
    [creditorId, b.name ?? null, orgNumber, json(b.address), json(b.bankAccount), json(b.contact), b.vatRegistered ?? null, b.factoring ?? null],
  );
}

export type StoredSettings = Record<string, Record<string, unknown> | undefined>;

/**
 * Changes a creditor's settings: the stored settings are read under a row lock, `change` returns
 * the new whole (validating it, in the creditor's currency; a throw changes nothing), and they are written back.
 */
export async function changeCreditorSettings(db: Database, creditorId: string, change: (stored: StoredSettings, creditor: { currency: Currency; jurisdiction: CaseCountry }) => StoredSettings): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ settings: StoredSettings; currency: string; jurisdiction: string }>("select settings, currency, jurisdiction from creditors where id = $1 for update", [creditorId]);
    if (!row) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
    const currency = parseCurrency(row.currency, "creditor.currency");
    await tx.query("update creditors set settings = $2 where id = $1", [creditorId, JSON.stringify(change(row.settings, { currency, jurisdiction: caseCountry(row.jurisdiction, row.currency).jurisdiction }))]);
  });
}

/** Merges top-level parts into a creditor's stored settings (`fordring creditors add`: settlement, accounts), already checked by the caller. */
export async function mergeCreditorSettings(db: Queryable, creditorId: string, parts: Record<string, unknown>): Promise<void> {
  await db.query("update creditors set settings = settings || $2 where id = $1", [creditorId, JSON.stringify(parts)]);
}
