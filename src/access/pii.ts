import { caseCountry, requireNationalId } from "../domain/identifiers/by-country.js";
import { DomainError } from "../domain/errors.js";
import type { Queryable } from "../platform/db/database.js";
import { maskNationalId, type SecretBox } from "./secret-box.js";

/**
 * Personal identity numbers (fødselsnummer, D-nummer; Swedish personnummer, samordningsnummer —
 * checked by the debtor's creditor's country): stored encrypted (`debtors.national_id_enc`),
 * shown in full only to a role with the `pii` permission (the agency's case handlers and
 * operators, who need it for legal steps), masked to everyone else.
 */
export async function setDebtorNationalId(db: Queryable, box: SecretBox, debtorId: string, nationalId: string): Promise<void> {
  const [row] = await db.query<{ jurisdiction: string; currency: string }>("select c.jurisdiction, c.currency from debtors d join creditors c on c.id = d.creditor_id where d.id = $1", [debtorId]);
  if (!row) throw new DomainError("not_found", `no debtor ${debtorId}`, "debtorId");
  const id = requireNationalId(caseCountry(row.jurisdiction, row.currency).jurisdiction, nationalId);
  await db.query("update debtors set national_id_enc = $2 where id = $1", [debtorId, box.encrypt(id)]);
}

export function nationalIdFor(box: SecretBox, sealed: string | null, maySeeInFull: boolean): string | null {
  if (!sealed) return null;
  const id = box.decrypt(sealed);
  return maySeeInFull ? id : maskNationalId(id);
}
