import type { Queryable } from "../platform/db/database.js";
import { queryPrepared } from "../platform/db/prepared-query.js";
import { isAgency, ROLE_LEVEL, type Grant, type Tenant } from "./roles.js";

/**
 * Where a resource lives, found from its id in one query — the one place that knows how each
 * kind of resource hangs off a creditor (and a creditor off its firm). A malformed id is simply
 * not found.
 */
export const RESOURCE_KINDS = ["firm", "creditor", "case", "letter", "settlement", "bank-payment", "api-client", "webhook", "debtor"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOOKUP: Record<ResourceKind, string> = {
  firm: "select null::uuid as creditor_id, id as firm_id from accounting_firms where id = $1",
  creditor: "select id as creditor_id, firm_id from creditors where id = $1",
  case: "select c.id as creditor_id, c.firm_id from cases k join creditors c on c.id = k.creditor_id where k.id = $1",
  letter: "select c.id as creditor_id, c.firm_id from letters l join creditors c on c.id = l.creditor_id where l.id = $1",
  settlement: "select c.id as creditor_id, c.firm_id from settlements s join creditors c on c.id = s.creditor_id where s.id = $1",
  // A bank payment not yet matched belongs to the agency's account: only agency roles reach it.
  "bank-payment": "select c.id as creditor_id, c.firm_id from bank_payments p left join creditors c on c.id = p.creditor_id where p.id = $1",
  "api-client": "select a.creditor_id, coalesce(a.firm_id, c.firm_id) as firm_id from api_clients a left join creditors c on c.id = a.creditor_id where a.id = $1",
  debtor: "select c.id as creditor_id, c.firm_id from debtors d join creditors c on c.id = d.creditor_id where d.id = $1",
  webhook: "select w.creditor_id, coalesce(w.firm_id, c.firm_id) as firm_id from webhooks w left join creditors c on c.id = w.creditor_id where w.id = $1",
};

export async function resolveTenant(db: Queryable, kind: ResourceKind, id: string): Promise<Tenant | null> {
  if (!UUID.test(id)) return null;
  const cache = FIXED.has(kind) ? tenantCacheOf(db) : undefined;
  const key = `${kind}:${id.toLowerCase()}`;
  const known = cache?.get(key);
  if (known) return known;
  const rows = await queryPrepared<{ creditor_id: string | null; firm_id: string | null }>(db, LOOKUP[kind], [id]);
  const r = rows[0];
  if (!r) return null;
  const tenant = { creditorId: r.creditor_id, firmId: r.firm_id };
  if (cache) {
    if (cache.size >= TENANT_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, tenant);
  }
  return tenant;
}

/**
 * Resources whose tenant never changes once they exist: a case and a letter stay with their
 * creditor, a creditor with its firm (nothing updates `creditors.firm_id`), and none of them is
 * deleted. Their tenant is remembered per database (the case page and the case list ask it on
 * every request); a miss is never remembered, so a resource created later is found.
 */
const FIXED = new Set<ResourceKind>(["creditor", "case", "letter"]);
const TENANT_CACHE_ENTRIES = 100_000;
const tenantCaches = new WeakMap<Queryable, Map<string, Tenant>>();

function tenantCacheOf(db: Queryable): Map<string, Tenant> {
  let cache = tenantCaches.get(db);
  if (!cache) tenantCaches.set(db, (cache = new Map()));
  return cache;
}

/**
 * The creditors a set of grants can see, as SQL parameters for lists:
 * `($1::boolean or c.firm_id = any($2::uuid[]) or c.id = any($3::uuid[]))`.
 */
export interface CreditorScope {
  all: boolean;
  firmIds: string[];
  creditorIds: string[];
}

export function creditorScope(grants: readonly Grant[]): CreditorScope {
  return {
    all: isAgency(grants),
    firmIds: grants.filter((g) => ROLE_LEVEL[g.role] === "firm" && g.firmId).map((g) => g.firmId!),
    creditorIds: grants.filter((g) => ROLE_LEVEL[g.role] === "creditor" && g.creditorId).map((g) => g.creditorId!),
  };
}

/** The SQL condition for a creditor alias, with the parameter numbers to use. */
export function scopeCondition(alias: string, first: number): string {
  return `($${first}::boolean or ${alias}.firm_id = any($${first + 1}::uuid[]) or ${alias}.id = any($${first + 2}::uuid[]))`;
}

export function scopeParams(scope: CreditorScope): unknown[] {
  return [scope.all, scope.firmIds, scope.creditorIds];
}
