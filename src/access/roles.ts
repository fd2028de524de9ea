/**
 * Roles and what they may do. A grant is a role on an accounting firm (all its clients), on one
 * creditor, or on the agency (every tenant). The permission a route needs is declared with the
 * route (src/api/access.ts); this table is the only place that says which role has it.
 */
export const ROLES = ["firm-admin", "firm-accountant", "creditor-user", "case-handler", "agency-finance", "operator-admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * read: see the tenant's data · write: act on invoices and cases, change settings ·
 * admin: onboarding, users' keys, webhooks, the audit log · finance: bank files, settlements ·
 * pii: see personal identity numbers unmasked.
 */
export const PERMISSIONS = ["read", "write", "admin", "finance", "pii"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  "firm-admin": ["read", "write", "admin"],
  "firm-accountant": ["read", "write"],
  "creditor-user": ["read", "write", "admin"],
  "case-handler": ["read", "write", "pii"],
  "agency-finance": ["read", "finance"],
  "operator-admin": ["read", "write", "admin", "finance", "pii"],
};

export const ROLE_LEVEL: Readonly<Record<Role, "firm" | "creditor" | "agency">> = {
  "firm-admin": "firm",
  "firm-accountant": "firm",
  "creditor-user": "creditor",
  "case-handler": "agency",
  "agency-finance": "agency",
  "operator-admin": "agency",
};

export interface Grant {
  readonly role: Role;
  readonly firmId: string | null;
  readonly creditorId: string | null;
}

/** Where a resource lives: its creditor and that creditor's firm (null for a creditor on its own). */
export interface Tenant {
  readonly creditorId: string | null;
  readonly firmId: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Does one grant reach this tenant at all? */
export function grantCovers(grant: Grant, tenant: Tenant): boolean {
  switch (ROLE_LEVEL[grant.role]) {
    case "agency":
      return true;
    case "firm":
      return grant.firmId !== null && tenant.firmId === grant.firmId;
    case "creditor":
      return grant.creditorId !== null && tenant.creditorId === grant.creditorId;
  }
}

/** The permissions the grants give on a tenant. */
export function permissionsOn(grants: readonly Grant[], tenant: Tenant): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of grants) if (grantCovers(g, tenant)) for (const p of ROLE_PERMISSIONS[g.role]) out.add(p);
  return out;
}

export function isAgency(grants: readonly Grant[]): boolean {
  return grants.some((g) => ROLE_LEVEL[g.role] === "agency");
}
