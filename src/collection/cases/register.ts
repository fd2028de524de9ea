import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Queryable } from "../../platform/db/database.js";
import type { Address } from "../letters/letter-model.js";
import { DomainError } from "../../domain/errors.js";
import { caseCountry, COUNTRY_CURRENCY, requireOrganisationNumber } from "../../domain/identifiers/by-country.js";
import { CollectionSettingsSchema, foreignSettings, type CollectionSettingsInput } from "../settings.js";

/**
 * Creating and updating the mirror of a creditor's receivables: creditors, debtors and claims,
 * each keyed by (creditor, source, source id) so a repeated sync or scenario run is an upsert.
 */
export interface CreditorInput {
  code: string;
  name: string;
  orgNumber?: string | null;
  address?: Address | null;
  firmId?: string | null;
  vatRegistered?: boolean;
  /** The creditor's country and currency (default NO/NOK); they must go together (`caseCountry`). */
  jurisdiction?: "NO" | "SE";
  currency?: "NOK" | "SEK";
  collection?: CollectionSettingsInput;
  transfer?: unknown;
}

export async function upsertCreditor(db: Queryable, c: CreditorInput): Promise<string> {
  const country = caseCountry(c.jurisdiction ?? "NO", c.currency ?? COUNTRY_CURRENCY[c.jurisdiction ?? "NO"]);
  const foreign = foreignSettings(country.jurisdiction, c.collection);
  if (foreign[0]) throw new DomainError("invalid_input", foreign.map((f) => f.reason).join("; "), `collection.${foreign[0].field}`);
  const orgNumber = c.orgNumber ? requireOrganisationNumber(country.jurisdiction, c.orgNumber) : null;
  const settings = { collection: CollectionSettingsSchema.parse(c.collection ?? {}), ...(c.transfer ? { transfer: c.transfer } : {}) };
  const [row] = await db.query<{ id: string }>(
    `insert into creditors (code, name, org_number, address, firm_id, vat_registered, settings, jurisdiction, currency)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (code) do update set name = excluded.name, org_number = excluded.org_number, address = excluded.address,
       vat_registered = excluded.vat_registered, settings = excluded.settings, jurisdiction = excluded.jurisdiction, currency = excluded.currency
     returning id`,
    [c.code, c.name, orgNumber, c.address ? JSON.stringify(c.address) : null, c.firmId ?? null, c.vatRegistered ?? true, JSON.stringify(settings), country.jurisdiction, country.currency],
  );
  return row!.id;
}

export interface DebtorInput {
  source: string;
  externalId: string;
  type: "consumer" | "business";
  name: string;
  address?: Address | null;
  orgNumber?: string | null;
  birthDate?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Absent: the creditor's country's (sv for a Swedish creditor, else nb). */
  language?: "nb" | "en" | "sv";
  /** The creditor's customer number for the debtor, printed on letters. */
  customerNumber?: string | null;
}

export async function upsertDebtor(db: Queryable, creditorId: string, d: DebtorInput): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into debtors (creditor_id, source, external_id, type, name, address, org_number, birth_date, email, phone, language, customer_number)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, (select case when jurisdiction = 'SE' then 'sv' else 'nb' end from creditors where id = $1), 'nb'), $12)
     on conflict (creditor_id, source, external_id) do update set type = excluded.type, name = excluded.name, address = excluded.address, customer_number = excluded.customer_number,
       org_number = excluded.org_number, birth_date = excluded.birth_date, email = excluded.email, phone = excluded.phone, language = excluded.language
     returning id`,
    [creditorId, d.source, d.externalId, d.type, d.name, d.address ? JSON.stringify(d.address) : null, d.orgNumber ?? null, d.birthDate ?? null, d.email ?? null, d.phone ?? null, d.language ?? null, d.customerNumber ?? null],
  );
  return row!.id;
}

export interface ClaimInput {
  source: string;
  externalId: string;
  debtorId: string;
  invoiceNumber: string;
  description?: string | null;
  issueDate: LocalDate;
  dueDate: LocalDate;
  currency: string;
  amountMinor: number;
  openMinor: number;
  status: string;
  kid?: string | null;
  /** Swedish claims (null or absent: the creditor's setting): a påminnelseavgift agreed in writing at the latest when the debt arose (lag (1981:739) 2 §). */
  reminderFeeAgreed?: boolean | null;
  /** Swedish claims (null or absent: true): the due date was fixed in advance (räntelagen 3 §); false: interest from 30 days after the inkassokrav (4 §). */
  dueDateAgreed?: boolean | null;
}

export async function upsertClaim(db: Queryable, creditorId: string, c: ClaimInput): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into claims (creditor_id, debtor_id, source, external_id, invoice_number, description, issue_date, due_date, currency, amount_minor, open_minor, status, kid, reminder_fee_agreed, due_date_agreed)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (creditor_id, source, external_id) do update set debtor_id = excluded.debtor_id, invoice_number = excluded.invoice_number,
       description = excluded.description, issue_date = excluded.issue_date, due_date = excluded.due_date, amount_minor = excluded.amount_minor,
       open_minor = excluded.open_minor, status = excluded.status, kid = excluded.kid,
       reminder_fee_agreed = coalesce(excluded.reminder_fee_agreed, claims.reminder_fee_agreed), due_date_agreed = coalesce(excluded.due_date_agreed, claims.due_date_agreed)
     returning id`,
    [creditorId, c.debtorId, c.source, c.externalId, c.invoiceNumber, c.description ?? null, c.issueDate.toString(), c.dueDate.toString(), c.currency, c.amountMinor, c.openMinor, c.status, c.kid ?? null, c.reminderFeeAgreed ?? null, c.dueDateAgreed ?? null],
  );
  return row!.id;
}
