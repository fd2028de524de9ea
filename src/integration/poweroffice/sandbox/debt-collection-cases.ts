import type { z } from "zod";
import { fail, invalidOperation, notFound, ok, validationFailed, type Outcome } from "./api-error.js";
import { DebtCollectionCaseStatus, DebtCollectionStatus } from "./enums.js";
import { nextInvoiceStatus } from "./invoice-status.js";
import type { DebtCase, Invoice } from "./model.js";
import type { addInvoicesToCaseRequest, DebtCollectionCaseRequest, mergeCasesRequest, statusUpdateRequest } from "./request-schemas.js";
import { deleteCase, nowMs, putCase, putInvoice, type Tenant } from "./tenant.js";

/**
 * The agency's writes on cases (service_debtcollection.md). Each returns an Outcome; the routes
 * turn failures into success=false envelopes. All reads here are of the primary (latest) state.
 */

/** route_get_debtcollection_isactivedebtcollection_.md: when false, AvailableInvoices and Save "will throw a SecurityException". */
export function requireActive(t: Tenant): Outcome<true> {
  return t.settings.get("settings")!.isActiveDebtCollection
    ? ok(true)
    : fail("SecurityException", "Debt collection is not active for this client: new cases cannot be created");
}

/** Approved (3) and not on a case: "available for debt collection" (poweroffice.md §3). */
function availableInvoices(t: Tenant, ids: readonly string[]): Outcome<Invoice[]> {
  if (new Set(ids).size !== ids.length) return validationFailed("An invoice is listed more than once", { invoices: "Duplicate invoice id" });
  const invoices: Invoice[] = [];
  for (const id of ids) {
    const inv = t.invoices.get(id);
    if (!inv) return notFound(`Debt collection invoice ${id}`);
    if (inv.caseId !== undefined) return invalidOperation(`Invoice ${inv.invoiceNo} is already on debt collection case ${inv.debtCollectionCode ?? inv.caseId}`);
    if (inv.dcStatus !== DebtCollectionStatus.Approved) return invalidOperation(`Invoice ${inv.invoiceNo} is not available for debt collection (status ${inv.dcStatus})`);
    invoices.push(inv);
  }
  return ok(invoices);
}

/** Puts the invoice on the case: Approved → Exported, case id and code written onto it. */
function stamp(t: Tenant, inv: Invoice, c: DebtCase, at: number): void {
  if (inv.caseId === c.id && inv.debtCollectionCode === c.code && inv.dcStatus !== DebtCollectionStatus.Approved) return;
  const dcStatus = inv.dcStatus === DebtCollectionStatus.Approved ? nextInvoiceStatus(inv.dcStatus, "export")! : inv.dcStatus;
  putInvoice(t, { ...inv, dcStatus, caseId: c.id, debtCollectionCode: c.code, lastChanged: at }, at);
}

/** POST DebtCollection/: creates a case, or updates the case whose `id` is given (apicalls.md). */
export function saveCase(t: Tenant, req: DebtCollectionCaseRequest): Outcome<DebtCase> {
  const active = requireActive(t);
  if (!active.ok) return active;
  const at = nowMs(t);
  const invoiceIds = (req.invoices ?? []).map((i) => i.id);
  if (req.id != null) {
    const existing = t.cases.get(req.id);
    if (!existing) return notFound(`Debt collection case ${req.id}`);
    const added = availableInvoices(t, invoiceIds.filter((id) => !existing.invoiceIds.includes(id)));
    if (!added.ok) return added;
    const updated: DebtCase = {
      ...existing,
      code: req.code ?? existing.code,
      externalCaseUrl: req.externalCaseUrl ?? existing.externalCaseUrl,
      balanceAgencyMinor: req.balanceAgency ?? existing.balanceAgencyMinor,
      invoiceIds: [...existing.invoiceIds, ...added.value.map((i) => i.id)],
      lastChanged: at,
    };
    putCase(t, updated, at);
    for (const id of updated.invoiceIds) stamp(t, t.invoices.get(id)!, updated, at);
    t.counters.caseUpdates++;
    return ok(updated);
  }
  const fields: Record<string, string> = {};
  if (!req.code) fields["code"] = "Required: the agency's case number";
  if (invoiceIds.length === 0) fields["invoices"] = "Required: at least one invoice";
  if (Object.keys(fields).length > 0) return validationFailed("A new debt collection case needs a code and invoices", fields);
  const invoices = availableInvoices(t, invoiceIds);
  if (!invoices.ok) return invoices;
  const created: DebtCase = {
    id: t.ids.guid(),
    code: req.code!,
    status: DebtCollectionCaseStatus.Active,
    invoiceIds,
    externalCaseUrl: req.externalCaseUrl ?? undefined,
    balanceAgencyMinor: req.balanceAgency ?? 0,
    createdAt: at,
    lastChanged: at,
  };
  putCase(t, created, at);
  for (const inv of invoices.value) stamp(t, inv, created, at);
  t.counters.casesCreated++;
  return ok(created);
}

/** DELETE DebtCollection/{id}/: the agency rejects the case; its invoices become Rejected (10). */
export function rejectCase(t: Tenant, id: string): Outcome<true> {
  const c = t.cases.get(id);
  if (!c) return notFound(`Debt collection case ${id}`);
  const at = nowMs(t);
  for (const invoiceId of c.invoiceIds) {
    const inv = t.invoices.get(invoiceId)!;
    const dcStatus = nextInvoiceStatus(inv.dcStatus, "reject") ?? inv.dcStatus;
    putInvoice(t, { ...inv, dcStatus, caseId: undefined, debtCollectionCode: undefined, lastChanged: at }, at);
  }
  deleteCase(t, id, at);
  t.counters.casesDeleted++;
  return ok(true);
}

export function addInvoicesToCase(t: Tenant, req: z.output<typeof addInvoicesToCaseRequest>): Outcome<DebtCase> {
  const c = t.cases.get(req.caseId);
  if (!c) return notFound(`Debt collection case ${req.caseId}`);
  const invoices = availableInvoices(t, req.invoiceIds);
  if (!invoices.ok) return invoices;
  const at = nowMs(t);
  const updated: DebtCase = { ...c, invoiceIds: [...c.invoiceIds, ...req.invoiceIds], lastChanged: at };
  putCase(t, updated, at);
  for (const inv of invoices.value) stamp(t, inv, updated, at);
  return ok(updated);
}

/**
 * type_debtcollectionmergecasesrequest.md: one case remains with code = caseNo; the others are
 * deleted. [infer] The first case id is kept, the agency balances are added up, and the merged
 * case is Active if any of them was.
 */
export function mergeCases(t: Tenant, req: z.output<typeof mergeCasesRequest>): Outcome<DebtCase> {
  if (new Set(req.caseIds).size !== req.caseIds.length) return validationFailed("A case is listed more than once", { caseIds: "Duplicate case id" });
  const cases: DebtCase[] = [];
  for (const id of req.caseIds) {
    const c = t.cases.get(id);
    if (!c) return notFound(`Debt collection case ${id}`);
    cases.push(c);
  }
  const at = nowMs(t);
  const [keep, ...rest] = cases as [DebtCase, ...DebtCase[]];
  const merged: DebtCase = {
    ...keep,
    code: req.caseNo,
    externalCaseUrl: req.externalCaseUrl ?? keep.externalCaseUrl,
    invoiceIds: cases.flatMap((c) => c.invoiceIds),
    balanceAgencyMinor: cases.reduce((sum, c) => sum + c.balanceAgencyMinor, 0),
    status: cases.some((c) => c.status === DebtCollectionCaseStatus.Active) ? DebtCollectionCaseStatus.Active : DebtCollectionCaseStatus.Closed,
    lastChanged: at,
  };
  for (const c of rest) deleteCase(t, c.id, at);
  putCase(t, merged, at);
  for (const id of merged.invoiceIds) stamp(t, t.invoices.get(id)!, merged, at);
  return ok(merged);
}

/**
 * route_post_debtcollection_updatestatus_.md: "will by default set the status … to Active, but can
 * also close … cases"; the balance is replaced when given.
 */
export function updateStatus(t: Tenant, req: z.output<typeof statusUpdateRequest>): Outcome<DebtCase> {
  const c = t.cases.get(req.caseId);
  if (!c) return notFound(`Debt collection case ${req.caseId}`);
  const at = nowMs(t);
  const isCaseClosed = req.isCaseClosed === true;
  const updated: DebtCase = {
    ...c,
    status: isCaseClosed ? DebtCollectionCaseStatus.Closed : DebtCollectionCaseStatus.Active,
    statusText: req.statusText,
    balanceAgencyMinor: req.updatedBalanceAgency ?? c.balanceAgencyMinor,
    lastChanged: at,
  };
  putCase(t, updated, at);
  const log = t.counters.statusUpdates.get(c.id) ?? [];
  log.push({ statusText: req.statusText, isCaseClosed, at });
  t.counters.statusUpdates.set(c.id, log);
  return ok(updated);
}
