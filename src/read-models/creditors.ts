import { pendingPayoutAccount, type PendingPayoutAccount } from "../onboarding/payout-account-change.js";
import { scopeCondition, scopeParams, type CreditorScope } from "../access/tenant.js";
import { DomainError } from "../domain/errors.js";
import { listIntegrations, type LedgerIntegration } from "../integration/sync/integrations.js";
import type { Queryable } from "../platform/db/database.js";

/** Creditors and firms as the API and the CLI show them: lists, one creditor with its integrations, look-ups by code. */
export interface CreditorListItem {
  id: string;
  firmId: string | null;
  code: string;
  name: string;
  status: string;
}

/** The creditors a caller's grants reach, optionally one firm's or in one state, by name. */
export async function listCreditors(db: Queryable, scope: CreditorScope, filter: { firmId?: string | undefined; status?: string | undefined }): Promise<CreditorListItem[]> {
  const rows = await db.query<{ id: string; firm_id: string | null; code: string; name: string; status: string }>(
    `select c.id, c.firm_id, c.code, c.name, c.status from creditors c
      where ${scopeCondition("c", 1)} and ($4::uuid is null or c.firm_id = $4) and ($5::text is null or c.status = $5) order by c.name, c.id`,
    [...scopeParams(scope), filter.firmId ?? null, filter.status ?? null],
  );
  return rows.map((r) => ({ id: r.id, firmId: r.firm_id, code: r.code, name: r.name, status: r.status }));
}

export interface CreditorDetailView {
  id: string;
  firmId: string | null;
  code: string;
  name: string;
  orgNumber: string | null;
  address: unknown;
  status: string;
  currency: string;
  bankAccount: unknown;
  contact: unknown;
  vatRegistered: boolean;
  factoring: boolean;
  activatedAt: Date | null;
  settings: Record<string, unknown>;
  integrations: LedgerIntegration[];
  /** A payout account change waiting for a second person's approval (src/onboarding/payout-account-change.ts). */
  pendingBankAccount: PendingPayoutAccount | null;
}

/** One creditor with its settings and ledger integrations; a missing one is a not-found error. */
export async function creditorDetail(db: Queryable, id: string): Promise<CreditorDetailView> {
  const [c] = await db.query<{
    id: string; firm_id: string | null; code: string; name: string; org_number: string | null; address: unknown; status: string; currency: string; bank_account: unknown; contact: unknown;
    vat_registered: boolean; factoring: boolean; activated_at: Date | null; settings: Record<string, unknown>;
  }>("select id, firm_id, code, name, org_number, address, status, currency, bank_account, contact, vat_registered, factoring, activated_at, settings from creditors where id = $1", [id]);
  if (!c) throw new DomainError("not_found", `no creditor ${id}`);
  return {
    id: c.id, firmId: c.firm_id, code: c.code, name: c.name, orgNumber: c.org_number, address: c.address, status: c.status, currency: c.currency, bankAccount: c.bank_account, contact: c.contact,
    vatRegistered: c.vat_registered, factoring: c.factoring, activatedAt: c.activated_at, settings: c.settings, integrations: await listIntegrations(db, id),
    pendingBankAccount: await pendingPayoutAccount(db, id),
  };
}

/** Every creditor by code (the CLI's `ledger creditors`). */
export async function allCreditors(db: Queryable): Promise<{ id: string; code: string; name: string; active: boolean }[]> {
  return db.query<{ id: string; code: string; name: string; active: boolean }>("select id, code, name, active from creditors order by code");
}

/** A creditor by its code, or null. */
export async function creditorByCode(db: Queryable, code: string): Promise<{ id: string; code: string; name: string; org_number: string | null; bank_account: unknown } | null> {
  const [c] = await db.query<{ id: string; code: string; name: string; org_number: string | null; bank_account: unknown }>("select id, code, name, org_number, bank_account from creditors where code = $1", [code]);
  return c ?? null;
}

/** A creditor's firm (null: a creditor on its own, or no such creditor). */
export async function firmOfCreditor(db: Queryable, creditorId: string): Promise<string | null> {
  const [c] = await db.query<{ firm_id: string | null }>("select firm_id from creditors where id = $1", [creditorId]);
  return c?.firm_id ?? null;
}

/** The ids of a firm's clients. */
export async function creditorIdsOfFirm(db: Queryable, firmId: string): Promise<string[]> {
  return (await db.query<{ id: string }>("select id from creditors where firm_id = $1", [firmId])).map((r) => r.id);
}

export interface FirmView {
  id: string;
  name: string;
  orgNumber: string | null;
  address: unknown;
  contact: unknown;
}

/** An accounting firm, or null. */
export async function loadFirm(db: Queryable, firmId: string): Promise<FirmView | null> {
  const [f] = await db.query<{ id: string; name: string; org_number: string | null; address: unknown; contact: unknown }>("select id, name, org_number, address, contact from accounting_firms where id = $1", [firmId]);
  return f ? { id: f.id, name: f.name, orgNumber: f.org_number, address: f.address, contact: f.contact } : null;
}

/** A firm by its id or organisation number (the oldest when several share the number), or null. */
export async function firmByIdOrOrgNumber(db: Queryable, idOrOrgNumber: string): Promise<string | null> {
  const [f] = await db.query<{ id: string }>("select id from accounting_firms where id::text = $1 or org_number = $1 order by created_at limit 1", [idOrOrgNumber]);
  return f?.id ?? null;
}

/** Whether an API client belongs to the creditor. */
export async function isCreditorsApiClient(db: Queryable, clientId: string, creditorId: string): Promise<boolean> {
  return (await db.query("select 1 from api_clients where id = $1::uuid and creditor_id = $2", [clientId, creditorId])).length > 0;
}
