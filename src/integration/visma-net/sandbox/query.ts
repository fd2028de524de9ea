import { SandboxLedgerError } from "./company.js";

/**
 * The list endpoints' query conventions from the OpenAPI document: a value filter with its
 * `…Condition` (`>`, `<`, `>=`, `<=`; "mutually inclusive": one without the other is refused),
 * the accepted date formats, and `pageNumber`/`pageSize` limited to the max page size.
 */
export type Query = Readonly<Record<string, string | undefined>>;

const DATE_FORMATS = [/^(\d{4}-\d{2}-\d{2})$/, /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,3})?$/];

/** yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.FFF], yyyy-MM-ddTHH:mm:ss[.FFF] (read as UTC). */
export function parseFilterInstant(text: string, name: string): number {
  for (const re of DATE_FORMATS) {
    const m = re.exec(text.trim());
    if (!m) continue;
    const iso = m[2] ? `${m[1]}T${m[2]}${m[3] ?? ""}Z` : `${m[1]}T00:00:00Z`;
    const t = Date.parse(iso);
    if (!Number.isNaN(t)) return t;
  }
  throw new SandboxLedgerError(400, `${name}: '${text}' is not in an accepted format (yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, yyyy-MM-ddTHH:mm:ss[.FFF])`);
}

export type Comparison = (value: number) => boolean;

function comparison(condition: string, pivot: number, name: string): Comparison {
  switch (condition.trim()) {
    case ">":
      return (v) => v > pivot;
    case "<":
      return (v) => v < pivot;
    case ">=":
      return (v) => v >= pivot;
    case "<=":
      return (v) => v <= pivot;
    default:
      throw new SandboxLedgerError(400, `${name}Condition: '${condition}' is not one of >, <, >=, <=`);
  }
}

/** A `name` + `nameCondition` filter on an instant or date, or undefined when neither is given. */
export function conditionFilter(q: Query, name: string): Comparison | undefined {
  const value = q[name];
  const condition = q[`${name}Condition`];
  if (value === undefined && condition === undefined) return undefined;
  if (value === undefined || condition === undefined) throw new SandboxLedgerError(400, `${name} and ${name}Condition are mutually inclusive: give both or neither`);
  return comparison(condition, parseFilterInstant(value, name), name);
}

export function intParam(q: Query, name: string): number | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new SandboxLedgerError(400, `${name}: '${v}' is not an integer`);
  return Number(v);
}

export interface Page<T> {
  readonly rows: T[];
  readonly totalCount: number;
}

/** pageNumber from 1; a pageSize above the max is limited to it (the document's wording). */
export function paginate<T>(items: readonly T[], q: Query, maxPageSize: number): Page<T> {
  const pageNumber = intParam(q, "pageNumber") ?? 1;
  const requested = intParam(q, "pageSize") ?? maxPageSize;
  if (pageNumber < 1) throw new SandboxLedgerError(400, `pageNumber: ${pageNumber} must be 1 or more`);
  if (requested < 1) throw new SandboxLedgerError(400, `pageSize: ${requested} must be 1 or more`);
  const size = Math.min(requested, maxPageSize);
  return { rows: items.slice((pageNumber - 1) * size, pageNumber * size), totalCount: items.length };
}
