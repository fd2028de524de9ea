import type { Me } from "./api/types";

/**
 * What the logged-in user's roles allow the portal to show (the server decides what is allowed;
 * this only keeps the page from offering what it would refuse). Roles: src/access/roles.ts.
 */
const AGENCY_ROLES = new Set(["case-handler", "agency-finance", "operator-admin"]);
const AGENCY_FINANCE_ROLES = new Set(["agency-finance", "operator-admin"]);

/** The agency's own staff: they see the research notes behind a rule's source. */
export function isAgencyStaff(me: Me | null | undefined): boolean {
  return (me?.memberships ?? []).some((m) => AGENCY_ROLES.has(m.role));
}

/** The agency's finance staff: the only ones who change the agreement's terms (interest, commission). */
export function mayChangeAgencyTerms(me: Me | null | undefined): boolean {
  return (me?.memberships ?? []).some((m) => AGENCY_FINANCE_ROLES.has(m.role));
}
