import { LocalDate } from "../../../domain/calendar/local-date.js";
import { LedgerError, ledgerResponse, type LedgerAddress, type LedgerCustomer, type MatchedItemKind } from "../../ledger-connector.js";

/**
 * Procountor's models read into our terms, checked field by field: an item that does not fit is
 * refused with a LedgerError naming the field (the connector sets it aside with the raw text).
 * Amounts are JSON decimals in the invoice currency; read exactly to minor units.
 */
type Obj = Record<string, unknown>;

export function fail(what: string, raw: unknown): never {
  throw new LedgerError("invalid", what, { retryable: false, response: ledgerResponse(200, JSON.stringify(raw) ?? "undefined"), vendorCode: "UnreadableItem" });
}

export function obj(v: unknown, what: string): Obj {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(`${what} is not an object`, v);
  return v as Obj;
}

export function int(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v)) fail(`${what}.${key} is not an integer`, o);
  return v;
}

export function text(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** A decimal with at most two decimals, as minor units. */
export function minor(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${what}.${key} is not a number`, o);
  const fixed = v.toFixed(2);
  if (Number(fixed) !== v) fail(`${what}.${key} = ${v} has more than two decimals`, o);
  return Number(fixed.replace(".", ""));
}

export function date(o: Obj, key: string, what: string): LocalDate {
  const v = o[key];
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(`${what}.${key} is not a date`, o);
  try {
    return LocalDate.parse(v);
  } catch {
    return fail(`${what}.${key} = ${v} is not a calendar date`, o);
  }
}

export function instant(o: Obj, key: string): Date | null {
  const v = o[key];
  if (typeof v !== "string") return null;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Procountor writes countries as enum names; the ones a Nordic agency meets, to ISO 3166-1 alpha-2. */
const COUNTRIES: Readonly<Record<string, string>> = {
  SWEDEN: "SE", NORWAY: "NO", FINLAND: "FI", DENMARK: "DK", ICELAND: "IS", ESTONIA: "EE", GERMANY: "DE", UNITED_KINGDOM: "GB", ALAND_ISLANDS: "AX",
};

/** An address with street, postcode and city; null when any is missing (Procountor Inkasso: "Fakturor med saknad adressinformation kan inte överföras"). */
export function readAddress(raw: unknown, defaultCountry: string): LedgerAddress | null {
  if (raw === null || typeof raw !== "object") return null;
  const a = raw as Obj;
  const street = text(a, "street");
  const zip = text(a, "zip");
  const city = text(a, "city");
  if (!street || !zip || !city) return null;
  const countryName = text(a, "country");
  const country = countryName ? COUNTRIES[countryName] : defaultCountry;
  if (!country) fail(`address country ${countryName} is not one the connector knows`, raw);
  const specifier = text(a, "specifier");
  return { line1: street, ...(specifier ? { line2: specifier } : {}), postcode: zip, city, country };
}

/** A Swedish personnummer (YYYYMMDDNNNN or YYMMDD-NNNN) gives the birth date; other identifiers none. */
function birthDateOf(identifier: string | undefined): LocalDate | null {
  const m = identifier ? /^(\d{8})-?\d{4}$/.exec(identifier) : null;
  if (!m) return null;
  try {
    return LocalDate.parse(`${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}`);
  } catch {
    return null;
  }
}

/** GET /businesspartners/{id} (BusinessPartner) → our customer. */
export function readPartner(raw: unknown, ref: string, defaultCountry: string): LedgerCustomer {
  const p = obj(raw, "business partner");
  const name = text(p, "name");
  if (!name) fail(`business partner ${ref} has no name`, raw);
  const invoicing = (p["invoicingInfo"] ?? {}) as Obj;
  const registry = (p["registryInfo"] ?? {}) as Obj;
  const identifier = text(invoicing, "identifier");
  const isPerson = p["type"] === "PERSON" || invoicing["identifierType"] === "PERSONAL_ID";
  const contacts = Array.isArray(p["contactPersons"]) ? (p["contactPersons"] as Obj[]) : [];
  const groups = Array.isArray(registry["partnerGroups"]) ? (registry["partnerGroups"] as Obj[]).map((g) => text(g, "name")).filter((g): g is string => g !== undefined) : [];
  return {
    ref,
    name,
    isPerson,
    orgNumber: isPerson ? null : (identifier ?? null),
    birthDate: isPerson ? birthDateOf(identifier) : null,
    email: text(invoicing, "email") ?? contacts.map((c) => text(c, "email")).find((e) => e !== undefined) ?? null,
    phone: text(registry, "phone") ?? text(registry, "mobilePhone") ?? null,
    address: readAddress(p["billingAddress"], defaultCountry) ?? readAddress(p["address"], defaultCountry),
    doNotTransfer: false,
    groups,
  };
}

/** The invoice's own counterparty, for an invoice without a business partner. */
export function readCounterParty(raw: Obj, ref: string, defaultCountry: string): LedgerCustomer {
  const cp = obj(raw["counterParty"], "invoice.counterParty");
  const address = (cp["counterPartyAddress"] ?? {}) as Obj;
  const name = text(address, "name") ?? fail("invoice.counterParty has no name", raw);
  const identifier = text(cp, "identifier");
  const person = birthDateOf(identifier);
  return {
    ref,
    name,
    isPerson: person !== null,
    orgNumber: person ? null : (identifier ?? null),
    birthDate: person,
    email: text(cp, "email") ?? null,
    phone: null,
    address: readAddress(address, defaultCountry),
    doNotTransfer: false,
  };
}

/** PaymentEvent.type → what it is to the case. Credit notes are allocated as COMPENSATIONINVOICE [uncertain]. */
export function kindOfEvent(type: string, amountMinor: number): MatchedItemKind {
  if (amountMinor < 0) return "reversal";
  if (type === "CREDITLOSS") return "write-off";
  if (type === "COMPENSATIONINVOICE" || type === "INVOICE_TO_INVOICE") return "credit-note";
  if (type === "CORRECTION" || type === "ADJUSTMENT" || type === "CASHDISCOUNT" || type === "SETOFF") return "other";
  return "payment";
}
