import { DomainError } from "../../domain/errors.js";
import { caseCountry, type CaseCountry } from "../../domain/identifiers/by-country.js";
import type { Queryable } from "../../platform/db/database.js";
import type { Address } from "../letters/letter-model.js";
import { parseCollectionSettings, type CollectionSettings } from "../settings.js";

/** What the case engine needs to know about a creditor. */
export interface CreditorContext {
  id: string;
  code: string;
  name: string;
  orgNumber: string | null;
  address: Address | null;
  /** From the creditor's registration: its cases run under this country's law, in its currency. */
  jurisdiction: CaseCountry;
  currency: "NOK" | "SEK";
  vatRegistered: boolean;
  settings: CollectionSettings;
}

export async function loadCreditor(db: Queryable, creditorId: string): Promise<CreditorContext> {
  const [row] = await db.query<{ id: string; code: string; name: string; org_number: string | null; address: Address | null; jurisdiction: string; currency: string; vat_registered: boolean; settings: unknown }>(
    "select id, code, name, org_number, address, jurisdiction, currency, vat_registered, settings from creditors where id = $1",
    [creditorId],
  );
  if (!row) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditor");
  let country: ReturnType<typeof caseCountry>;
  try {
    country = caseCountry(row.jurisdiction, row.currency);
  } catch (e) {
    if (e instanceof DomainError) throw new DomainError(e.code, `creditor ${row.code}: ${e.message}`, e.field);
    throw e;
  }
  const collection = (row.settings as { collection?: unknown } | null)?.collection;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    orgNumber: row.org_number,
    address: row.address,
    jurisdiction: country.jurisdiction,
    currency: country.currency,
    vatRegistered: row.vat_registered,
    settings: parseCollectionSettings(collection),
  };
}
