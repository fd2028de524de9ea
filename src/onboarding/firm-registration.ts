import { createUser, grantRole } from "../access/users.js";
import { DomainError } from "../domain/errors.js";
import { checkNoOrganisationNumber } from "../domain/identifiers/no-organisation-number.js";
import type { Database, Queryable } from "../platform/db/database.js";
import type { CompanyRegistry } from "../collection/debtor-info/company-registry.js";
import { verifyOrganisation } from "./creditor-lifecycle.js";

/** An accounting firm registers itself with its first administrator, and adds colleagues. */
export interface NewFirm {
  name: string;
  orgNumber: string;
  address: unknown;
  contact: unknown;
  admin: { email: string; name: string; password: string };
}

/**
 * Registers a firm. With a company register (`FORDRING_BRREG_URL`) the organisation number is
 * verified first (in Enhetsregisteret, active, registered to this name: `verifyOrganisation`). The
 * firm starts waiting for the agency's approval (`approveFirm`): its clients are not activated
 * before, so another company's number cannot be used to collect.
 */
export async function registerFirm(db: Database, f: NewFirm, options: { registry?: CompanyRegistry | undefined } = {}): Promise<{ firmId: string; userId: string }> {
  if (!checkNoOrganisationNumber(f.orgNumber).valid) throw new DomainError("invalid_input", `${f.orgNumber} is not a valid organisation number (check digit)`, "orgNumber");
  if (options.registry) await verifyOrganisation(options.registry, f.orgNumber, f.name);
  return db.transaction(async (tx) => {
    const [firm] = await tx.query<{ id: string }>("insert into accounting_firms (name, org_number, address, contact, approved_at) values ($1, $2, $3, $4, null) returning id", [f.name, f.orgNumber, JSON.stringify(f.address), JSON.stringify(f.contact)]);
    const userId = await createUser(tx, { email: f.admin.email, name: f.admin.name, password: f.admin.password });
    await grantRole(tx, { userId, role: "firm-admin", firmId: firm!.id });
    return { firmId: firm!.id, userId };
  });
}

/** The agency approves a firm's registration (or a creditor's that registered on its own): its clients can be activated from then. */
export async function approveRegistration(db: Queryable, kind: "firm" | "creditor", id: string, by: string): Promise<{ approvedAt: string }> {
  const rows =
    kind === "firm"
      ? await db.query<{ approved_at: Date | string }>("update accounting_firms set approved_at = coalesce(approved_at, now()), approved_by = coalesce(approved_by, $2) where id = $1 returning approved_at", [id, by])
      : await db.query<{ approved_at: Date | string }>("update creditors set registration_approved_at = coalesce(registration_approved_at, now()) where id = $1 returning registration_approved_at as approved_at", [id]);
  if (!rows[0]) throw new DomainError("not_found", `no ${kind} ${id}`, kind === "firm" ? "firmId" : "creditorId");
  return { approvedAt: new Date(rows[0].approved_at).toISOString() };
}

/** A colleague with a firm role (administrator or accountant). */
export async function addFirmUser(db: Database, firmId: string, u: { email: string; name: string; password: string; role: "firm-admin" | "firm-accountant" }): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await createUser(tx, u);
    await grantRole(tx, { userId: id, role: u.role, firmId });
    return id;
  });
}
