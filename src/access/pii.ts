import { checkNoNationalId } from "../domain/identifiers/no-national-id.js";
import { DomainError } from "../domain/errors.js";
import type { Queryable } from "../platform/db/database.js";
import { maskNationalId, type SecretBox } from "./secret-box.js";

/**
 * Personal identity numbers (fødselsnummer, D-nummer): stored encrypted (`debtors.national_id_enc`),
 * shown in full only to a role with the `pii` permission (the agency's case handlers and
 * operators, who need it for legal steps), masked to everyone else.
 */
export async function setDebtorNationalId(db: Queryable, box: SecretBox, debtorId: string, nationalId: string): Promise<void> {
  const digits = nationalId.replace(/\s/g, "");
  const check = checkNoNationalId(digits);
  if (!check.valid) throw new DomainError("invalid_input", `not a valid Norwegian national identity number: ${check.reason}`, "nationalId");
  await db.query("update debtors set national_id_enc = $2 where id = $1", [debtorId, box.encrypt(digits)]);
}

export function nationalIdFor(box: SecretBox, sealed: string | null, maySeeInFull: boolean): string | null {
  if (!sealed) return null;
  const id = box.decrypt(sealed);
  return maySeeInFull ? id : maskNationalId(id);
}
