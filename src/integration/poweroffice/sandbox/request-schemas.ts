import { z } from "zod";
import { fail, ok, type Outcome } from "./api-error.js";
import { minorFromWireNumber, parseDateText } from "./wire-values.js";

/**
 * Request bodies, checked against the vendor's documented types (type_*.md and
 * swagger_debtcollection_schemas_EXCERPT.md, where every schema has "additionalProperties": false).
 * Property names bind case-insensitively, as the vendor's .NET binder does, so `cID`, `cid` and
 * `CID` are one property; a property the type does not have fails with `validation.fields`.
 * Amounts become øre exactly; dates become epoch days.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const guid = z
  .string()
  .regex(GUID, "must be a Guid")
  .transform((s) => s.toLowerCase());

const amount = z.number().transform((x, ctx) => {
  const minor = minorFromWireNumber(x);
  if (minor === null) {
    ctx.addIssue({ code: "custom", message: "must be an amount with at most 2 decimals" });
    return z.NEVER;
  }
  return minor;
});

const date = z.string().transform((s, ctx) => {
  const d = parseDateText(s);
  if (d === null) {
    ctx.addIssue({ code: "custom", message: "must be a date such as 2024-01-31" });
    return z.NEVER;
  }
  return d;
});

const text = (max?: number) => (max === undefined ? z.string() : z.string().max(max, `must be at most ${max} characters`));

/** A strict object whose input property names match case-insensitively. */
function ciObject<S extends z.ZodRawShape>(shape: S) {
  const byLower = new Map(Object.keys(shape).map((k) => [k.toLowerCase(), k]));
  return z.preprocess((input) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) out[byLower.get(k.toLowerCase()) ?? k] = v;
    return out;
  }, z.strictObject(shape));
}

/** DebtCollectionInvoice's read-only properties (type_debtcollectioninvoice.md): accepted, ignored. */
const readOnlyInvoiceFields = Object.fromEntries(
  [
    "customerCode", "invoiceDate", "invoiceNo", "dueDate", "originalAmount", "remainingAmount", "currencyCode", "cid", "lastChanged",
    "lastReminderSentDate", "lastReminderDueDate", "lastReminderVoucherType", "lastReminderEmailAddress", "invoiceEmailAddress",
    "externalImportReference", "originalPostedAmount",
  ].map((k) => [k, z.unknown().optional()]),
);

/** route_post_debtcollection_.md + swagger DebtCollectionCase (`code` and `invoices` writable). */
export const debtCollectionCaseRequest = ciObject({
  id: guid.nullish(),
  code: text().nullish(),
  status: z.union([z.number(), z.string()]).nullish(),
  invoices: z.array(ciObject({ id: guid, ...readOnlyInvoiceFields })).nullish(),
  externalCaseUrl: text().nullish(),
  balanceAgency: amount.nullish(),
  lastChanged: z.unknown().optional(),
  invoiceLastChanged: z.unknown().optional(),
});

/** type_debtcollectionaddinvoicestocaserequest.md */
export const addInvoicesToCaseRequest = ciObject({
  caseId: guid,
  invoiceIds: z.array(guid).min(1, "must name at least one invoice"),
});

/** type_debtcollectionmergecasesrequest.md */
export const mergeCasesRequest = ciObject({
  caseIds: z.array(guid).min(2, "must name at least two cases"),
  caseNo: text().min(1, "is required"),
  externalCaseUrl: text().nullish(),
});

/** type_debtcollectionstatusupdaterequest.md: CaseId and StatusText are "Required". */
export const statusUpdateRequest = ciObject({
  caseId: guid,
  statusText: text().min(1, "is required"),
  isCaseClosed: z.boolean().nullish(),
  updatedBalanceAgency: amount.nullish(),
});

/** type_matchrequest.md */
export const matchRequest = ciObject({
  entryIds: z.array(z.number().int()).min(2, "must name at least two entries"),
  matchDate: date.nullish(),
});

/** type_manualjournalvoucherline.md, as in the request signature of route_post_voucher_manualjournalvoucher_.md */
const manualJournalVoucherLine = ciObject({
  date: date.nullish(),
  currencyRate: z.number().nullish(),
  currencyCode: text().nullish(),
  cid: text(25).nullish(),
  customMatchingReference: text().nullish(),
  id: z.number().int().nullish(),
  amount,
  projectCode: text().nullish(),
  departmentCode: text().nullish(),
  dim1Code: text().nullish(),
  dim2Code: text().nullish(),
  dim3Code: text().nullish(),
  locationCode: text().nullish(),
  productCode: text().nullish(),
  quantity: z.number().nullish(),
  accountCode: z.number().int(),
  vatCode: text().nullish(),
  vatReturnSpecification: z.union([z.number(), z.string()]).nullish(),
  description: text().nullish(),
  externalImportLineReference: text(50).nullish(),
  agricultureDepartment: z.union([z.number(), z.string()]).nullish(),
});

/** type_manualjournalvoucher.md: ExternalImportReference "Max length is 50", SAF-T ids 35. */
export const manualJournalVoucherRequest = ciObject({
  description: text().nullish(),
  lines: z.array(manualJournalVoucherLine).min(1, "a voucher needs lines"),
  id: guid.nullish(),
  voucherDate: date.nullish(),
  importedVoucherNo: z.number().int().nullish(),
  projectCode: text().nullish(),
  departmentCode: text().nullish(),
  dim1Code: text().nullish(),
  dim2Code: text().nullish(),
  dim3Code: text().nullish(),
  locationCode: text().nullish(),
  currencyCode: text().nullish(),
  externalImportReference: text(50).nullish(),
  saftSourceId: text(35).nullish(),
  saftBatchId: text(35).nullish(),
});

export type DebtCollectionCaseRequest = z.output<typeof debtCollectionCaseRequest>;
export type ManualJournalVoucherRequest = z.output<typeof manualJournalVoucherRequest>;

/** Parses a body; failures become success=false with one message per property path. */
export function parseRequest<S extends z.ZodType>(schema: S, body: unknown): Outcome<z.output<S>> {
  if (body === undefined || body === null || body === "") return fail("ValidationException", "The request body is empty", { "": "A request body is required" });
  const result = schema.safeParse(body);
  if (result.success) return ok(result.data);
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const base = pathText(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] = "Unknown property";
    } else {
      fields[base] ??= issue.code === "invalid_type" && issue.input === undefined ? "Required" : issue.message;
    }
  }
  const [first] = Object.entries(fields);
  return fail("ValidationException", `The request is invalid${first ? `: ${first[0] || "body"} ${first[1]}` : ""}`, fields);
}

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
