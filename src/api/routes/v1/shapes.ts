import { z } from "zod";
import { ROLES } from "../../../access/roles.js";
import { DomainError } from "../../../domain/errors.js";

/** Shapes shared by the /v1 routes (docs/API.md). */
export const Amount = z.string().describe('a decimal amount in the currency, e.g. "1250.00"').meta({ example: "1250.00" });
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").describe("a calendar date, YYYY-MM-DD");
export const Instant = z.string().describe("an instant, ISO 8601");
export const Id = z.uuid().describe("an id");
export const Cursor = z.string().max(200).optional().describe("the `nextCursor` of the previous page");
export const Limit = z.coerce.number().int().min(1).max(200).default(50);

export const User = z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string() });
export const Membership = z.object({ role: z.enum(ROLES), firmId: z.string().nullable(), creditorId: z.string().nullable(), firmName: z.string().nullable(), creditorName: z.string().nullable() });

export const Address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  postcode: z.string().min(1).max(20),
  city: z.string().min(1).max(100),
  country: z.string().length(2).default("NO"),
});
export const Contact = z.object({ name: z.string().min(1).max(200), email: z.email(), phone: z.string().max(40).optional() });

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Øre → "1250.00". */
export function money(minor: number | string | null | undefined): string {
  const n = Number(minor ?? 0);
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** "1250.00" → øre; refuses anything that is not a plain decimal with at most two decimals. */
export function parseAmount(text: string, field: string): number {
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new DomainError("invalid_input", `"${text}" is not an amount like 1250.00`, field);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0")));
}

export const iso = (d: Date | string | null | undefined) => (d === null || d === undefined ? null : new Date(d).toISOString());

/** Opaque cursors: base64url of a JSON array of the last row's sort keys. */
export function encodeCursor(keys: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === arity) return v;
  } catch {
    /* fall through */
  }
  throw new DomainError("invalid_input", "not a cursor this list gave out", "cursor");
}
