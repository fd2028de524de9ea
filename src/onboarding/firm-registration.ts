import { createUser, grantRole } from "../access/users.js";
import { DomainError } from "../domain/errors.js";
import { checkNoOrganisationNumber } from "../domain/identifiers/no-organisation-number.js";
import type { Database } from "../platform/db/database.js";

/** An accounting firm registers itself with its first administrator, and adds colleagues. */
export interface NewFirm {
  name: string;
  orgNumber: string;
  address: unknown;
  contact: unknown;
  admin: { email: string; name: string; password: string };
}

export async function registerFirm(db: Database, f: NewFirm): Promise<{ firmId: string; userId: string }> {
  if (!checkNoOrganisationNumber(f.orgNumber).valid) throw new DomainError("invalid_input", `${f.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  return db.transaction(async (tx) => {
    const [firm] = await tx.query<{ id: string }>("insert into accounting_firms (name, org_number, address, contact) values ($1, $2, $3, $4) returning id", [f.name, f.orgNumber, JSON.stringify(f.address), JSON.stringify(f.contact)]);
    const userId = await createUser(tx, { email: f.admin.email, name: f.admin.name, password: f.admin.password });
    await grantRole(tx, { userId, role: "firm-admin", firmId: firm!.id });
    return { firmId: firm!.id, userId };
  });
}

/** A colleague with a firm role (administrator or accountant). */
export async function addFirmUser(db: Database, firmId: string, u: { email: string; name: string; password: string; role: "firm-admin" | "firm-accountant" }): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await createUser(tx, u);
    await grantRole(tx, { userId: id, role: u.role, firmId });
    return id;
  });
}
