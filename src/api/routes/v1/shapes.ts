import { z } from "zod";
import { ROLES } from "../../../access/roles.js";
import { MAX_TRANSFER_DELAY_DAYS } from "../../../collection/transfer-policy.js";
import { daysInMonth } from "../../../domain/calendar/local-date.js";
import { DomainError } from "../../../domain/errors.js";
import { CURRENCIES, formatDecimal, parseMoney, type Currency } from "../../../domain/money.js";

/** Shapes shared by the /v1 routes (docs/API.md). */
export const Amount = z.string().describe('a decimal amount in the currency, e.g. "1250.00"').meta({ example: "1250.00" });
export const CurrencyCode = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]).describe("an ISO 4217 currency code");
/** True for `YYYY-MM-DD` naming a day that exists (not 2025-02-30, not 2025-13-01). */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isCalendarDate, "not a calendar date (no such day)")
  .describe("a calendar date, YYYY-MM-DD");
export const Instant = z.string().describe("an instant, ISO 8601");
export const Id = z.uuid().describe("an id");
export const Cursor = z.string().max(200).optional().describe("the `nextCursor` of the previous page");
export const Limit = z.coerce.number().int().min(1).max(200).default(50);

/** A transfer delay in days (`settings.transfer.delayDays`), bounded by the transfer policy's own limit. */
export const TransferDelayDays = z.number().int().min(0).max(MAX_TRANSFER_DELAY_DAYS);

export const User = z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string() }).meta({ id: "User" });
export const Membership = z.object({ role: z.enum(ROLES), firmId: z.string().nullable(), creditorId: z.string().nullable(), firmName: z.string().nullable(), creditorName: z.string().nullable() }).meta({ id: "Membership" });

export const Address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  postcode: z.string().min(1).max(20),
  city: z.string().min(1).max(100),
  country: z.string().length(2).default("NO"),
}).meta({ id: "Address" });
export const Contact = z.object({ name: z.string().min(1).max(200), email: z.email(), phone: z.string().max(40).optional() }).meta({ id: "Contact" });

/** One input that failed: where (`body.transfer.delayDays`, `query.from`) and what is wrong with it. */
export const FieldProblem = z.object({ field: z.string().describe('where, e.g. "body.transfer.delayDays"'), message: z.string() }).meta({ id: "FieldProblem" });

/**
 * Every error's body (src/api/errors.ts): an RFC 9457 problem (`application/problem+json`) —
 * `type`, `title`, `status`, `detail` — with the code (`code`) and the failing inputs (`errors`)
 * as extension members. `error` repeats the code, words, field and issues in the shape answers
 * had before RFC 9457, for clients written against it. Named `ErrorBody` in the OpenAPI
 * document's components, so the portal's client reads the same shape the server sends.
 */
export const ErrorBody = z
  .object({
    type: z.string().describe("the kind of problem as a URI, `urn:fordring:problem:<code>` (docs/API.md, Errors)"),
    title: z.string().describe("the kind of problem in words, the same for every answer with this type"),
    status: z.number().int().describe("the HTTP status code"),
    detail: z.string().describe("what went wrong this time, in words"),
    code: z.string().describe("what went wrong, as a code (invalid_request, not_found, conflict, …)"),
    errors: z.array(FieldProblem).optional().describe("the inputs that failed, one entry per field"),
    error: z
      .object({
        code: z.string().describe("the same as `code`"),
        message: z.string().describe("the same as `detail`"),
        field: z.string().optional().describe("the input the error is about, when it is about one"),
        issues: z.array(FieldProblem).optional().describe("each field that failed validation (400 invalid_request)"),
      })
      .describe("the code, words and fields as answers had them before RFC 9457 (kept for existing clients)"),
  })
  .meta({ id: "ErrorBody" });

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * Amounts on the wire are decimal strings ("1250.00") in the currency the answer names beside them
 * (`currency`). Every currency the platform handles has the same number of decimals (`CURRENCIES`:
 * two), so writing and reading the decimal string does not depend on which one: `DECIMALS_OF` is
 * any of them, and the check below stops the start if a currency with other decimals is added
 * (then each amount must be written with its own currency).
 */
const DECIMALS_OF: Currency = (() => {
  const all = Object.keys(CURRENCIES) as Currency[];
  if (new Set(all.map((c) => CURRENCIES[c])).size !== 1) throw new Error("the currencies have different decimals: write each wire amount with its own currency");
  return all[0]!;
})();

/** Minor units → "1250.00" (the wire format, `formatDecimal`). */
export function money(minor: number | string | null | undefined): string {
  return formatDecimal({ amount: Number(minor ?? 0), currency: DECIMALS_OF });
}

/** "1250.00" → minor units, exactly (`parseMoney`); anything else is a 400 naming the field. */
export function parseAmount(text: string, field: string): number {
  return parseMoney(text, DECIMALS_OF, field).amount;
}

export const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());

/** Opaque cursors: base64url of a JSON array of the last row's sort keys. */
export function encodeCursor(keys: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}
/** What a cursor position may hold: a date key, a row id, or any text (a case number). */
export const CursorKey = {
  date: (v: unknown): v is string => typeof v === "string" && isCalendarDate(v),
  uuid: (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  text: (v: unknown): v is string => typeof v === "string" && v.length <= 200,
} as const;

/** The sort keys a cursor holds, each checked; a cursor this list did not give out is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, keys: readonly ((v: unknown) => v is string)[]): string[] | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    v = null;
  }
  if (Array.isArray(v) && v.length === keys.length && keys.every((ok, i) => ok(v[i]))) return v as string[];
  throw new DomainError("invalid_input", "not a cursor this list gave out", "cursor");
}
