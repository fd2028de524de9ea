import { enumValue, type EnumDef } from "./enums.js";
import { ODataError, parseFilter, type FilterExpr, type Literal } from "./odata-filter.js";

/**
 * The query options of PowerOffice Go list routes (filtering.md): `$filter`, `$orderby`, `$top`,
 * `$skip`, also given as one `?options=<odata>` parameter (route_get_debtcollection__options__options_.md).
 * `count` is the number of matching rows regardless of `$top`/`$skip`.
 */

/** How a PascalCase property reads from a row. date = DateTime, datetimeoffset = LastChanged/Created. */
export type FieldType = "string" | "number" | "boolean" | "date" | "datetimeoffset" | "guid" | { enum: EnumDef };
/** Row values: dates as epoch ms, guids lowercase, enums as their number, money as a decimal number. */
export type FieldValue = string | number | boolean | null | undefined;
export interface FieldDef<T> {
  readonly type: FieldType;
  readonly get: (row: T) => FieldValue;
}
export type EntitySchema<T> = Readonly<Record<string, FieldDef<T>>>;

export interface OrderKey {
  readonly path: string;
  readonly descending: boolean;
}
export interface ODataQuery {
  readonly filter?: FilterExpr;
  readonly orderby: readonly OrderKey[];
  readonly top?: number;
  readonly skip?: number;
}

export type QueryParams = Readonly<Record<string, unknown>>;

/** Reads the options from a parsed query string. Throws ODataError. */
export function parseQueryOptions(query: QueryParams): ODataQuery {
  const merged: Record<string, string> = {};
  const options = single(query["options"]);
  if (options !== undefined) {
    for (const [k, v] of new URLSearchParams(options)) merged[k] = v;
  }
  for (const key of ["$filter", "$orderby", "$top", "$skip"]) {
    const v = single(query[key]);
    if (v !== undefined) merged[key] = v;
  }
  const filterText = merged["$filter"];
  const filter = filterText !== undefined && filterText.trim() !== "" ? parseFilter(filterText) : undefined;
  const orderby = parseOrderBy(merged["$orderby"]);
  const top = parseCount("$top", merged["$top"]);
  const skip = parseCount("$skip", merged["$skip"]);
  // filtering.md: "$orderby … Must be included when using $skip and/or $top".
  if ((top !== undefined || skip !== undefined) && orderby.length === 0) {
    throw new ODataError("The query specified in the URI is not valid. $orderby is required when $top or $skip is used");
  }
  return { filter, orderby, top, skip };
}

function single(v: unknown): string | undefined {
  if (Array.isArray(v)) throw new ODataError("A query option is given more than once");
  return typeof v === "string" ? v : undefined;
}

function parseOrderBy(text: string | undefined): OrderKey[] {
  if (text === undefined || text.trim() === "") return [];
  return text.split(",").map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?\s*$/.exec(part);
    if (!m) throw new ODataError(`Syntax error in $orderby at '${part.trim()}'`);
    return { path: m[1]!, descending: m[2] === "desc" };
  });
}

function parseCount(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new ODataError(`Invalid value '${text}' for ${name} query option`);
  return Number(text.trim());
}

/** Filters, counts, orders and pages `rows`. Throws ODataError for unknown properties or type errors. */
export function applyQuery<T>(rows: Iterable<T>, query: ODataQuery, schema: EntitySchema<T>): { rows: T[]; count: number } {
  const predicate = query.filter ? compileFilter(query.filter, schema) : undefined;
  const compare = compileOrder(query.orderby, schema);
  const matching: T[] = [];
  for (const row of rows) if (!predicate || predicate(row)) matching.push(row);
  if (compare) matching.sort(compare);
  const skip = query.skip ?? 0;
  const page = query.top === undefined ? matching.slice(skip) : matching.slice(skip, skip + query.top);
  return { rows: page, count: matching.length };
}

type ExprType = "string" | "number" | "boolean" | "date" | "datetimeoffset" | "guid" | "null" | "enum";
interface Compiled<T> {
  readonly type: ExprType;
  readonly enumDef?: EnumDef;
  /** True for literals: their value does not depend on the row. */
  readonly constant?: boolean;
  readonly eval: (row: T) => FieldValue;
}

/** Binds `expr` to `schema` (unknown properties and type mismatches fail here, not per row). */
export function compileFilter<T>(expr: FilterExpr, schema: EntitySchema<T>): (row: T) => boolean {
  const compiled = compile(expr, schema);
  if (compiled.type !== "boolean") throw new ODataError("The $filter expression must evaluate to a single boolean value");
  return (row) => compiled.eval(row) === true;
}

function compile<T>(expr: FilterExpr, schema: EntitySchema<T>): Compiled<T> {
  switch (expr.kind) {
    case "literal":
      return literal(expr.literal);
    case "property": {
      const field = lookup(schema, expr.path);
      const t = field.type;
      return typeof t === "object" ? { type: "enum", enumDef: t.enum, eval: field.get } : { type: t, eval: field.get };
    }
    case "not": {
      const operand = compile(expr.operand, schema);
      if (operand.type !== "boolean") throw new ODataError("The 'not' operator needs a boolean operand");
      return { type: "boolean", eval: (row) => operand.eval(row) !== true };
    }
    case "logical": {
      const left = compile(expr.left, schema);
      const right = compile(expr.right, schema);
      if (left.type !== "boolean" || right.type !== "boolean") throw new ODataError(`The '${expr.op}' operator needs boolean operands`);
      return expr.op === "and"
        ? { type: "boolean", eval: (row) => left.eval(row) === true && right.eval(row) === true }
        : { type: "boolean", eval: (row) => left.eval(row) === true || right.eval(row) === true };
    }
    case "compare":
      return comparison(expr.op, compile(expr.left, schema), compile(expr.right, schema));
    case "call":
      return call(expr.name, expr.args.map((a) => compile(a, schema)));
  }
}

function lookup<T>(schema: EntitySchema<T>, path: string): FieldDef<T> {
  const field = Object.prototype.hasOwnProperty.call(schema, path) ? schema[path] : undefined;
  if (!field) {
    // filtering.md: filter fields must be PascalCase, even though the JSON is camelCase.
    throw new ODataError(`Could not find a property named '${path}' on type. Property names in filters are case sensitive (PascalCase)`);
  }
  return field;
}

function literal<T>(lit: Literal): Compiled<T> {
  switch (lit.type) {
    case "null":
      return { type: "null", constant: true, eval: () => null };
    case "date":
    case "datetimeoffset":
      return { type: lit.type, constant: true, eval: () => lit.epochMs };
    default:
      return { type: lit.type, constant: true, eval: () => lit.value };
  }
}

function comparison<T>(op: string, left: Compiled<T>, right: Compiled<T>): Compiled<T> {
  const [l, r] = coerce(left, right);
  const ordering = op !== "eq" && op !== "ne";
  if (ordering && (l.type === "boolean" || l.type === "guid" || l.type === "null" || r.type === "null")) {
    throw new ODataError(`The operator '${op}' is not defined for operands of type '${l.type}' and '${r.type}'`);
  }
  const test = OPS[op]!;
  return {
    type: "boolean",
    eval: (row) => {
      const a = l.eval(row) ?? null;
      const b = r.eval(row) ?? null;
      if (a === null || b === null) return op === "eq" ? a === b : op === "ne" ? a !== b : false;
      return test(a < b ? -1 : a > b ? 1 : 0);
    },
  };
}

const OPS: Record<string, (c: number) => boolean> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  ge: (c) => c >= 0,
  lt: (c) => c < 0,
  le: (c) => c <= 0,
};

/** Makes both sides one type or fails the way the vendor's OData stack does ("incompatible types"). */
function coerce<T>(left: Compiled<T>, right: Compiled<T>): [Compiled<T>, Compiled<T>] {
  if (left.type === right.type || left.type === "null" || right.type === "null") return [left, right];
  if (left.type === "enum") return [left, enumOperand(left.enumDef!, right)];
  if (right.type === "enum") return [enumOperand(right.enumDef!, left), right];
  // A Guid property may be compared with a quoted Guid.
  if (left.type === "guid" && right.type === "string") return [left, lowered(right, "guid")];
  if (right.type === "guid" && left.type === "string") return [lowered(left, "guid"), right];
  // filtering.md: LastChanged/Created are DateTimeOffset and "must hence be specified as such";
  // a DateTime literal against them (or the reverse) is a type error, as on the real service.
  throw new ODataError(`A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${right.type}'`);
}

function enumOperand<T>(def: EnumDef, other: Compiled<T>): Compiled<T> {
  if (!other.constant || (other.type !== "number" && other.type !== "string")) {
    throw new ODataError(`A binary operator with incompatible types was detected. Found operand types 'enum' and '${other.type}'`);
  }
  const raw = other.eval(undefined as T);
  const value = typeof raw === "number" || typeof raw === "string" ? enumValue(def, raw) : undefined;
  if (value === undefined) throw new ODataError(`The value '${String(raw)}' is not a member of the enumeration`);
  return { type: "enum", eval: () => value };
}

function lowered<T>(c: Compiled<T>, type: ExprType): Compiled<T> {
  return { type, eval: (row) => (typeof c.eval(row) === "string" ? (c.eval(row) as string).toLowerCase() : c.eval(row)) };
}

function call<T>(name: string, args: Compiled<T>[]): Compiled<T> {
  const strings = (n: number): void => {
    if (args.length !== n) throw new ODataError(`The function '${name}' takes ${n} argument(s), got ${args.length}`);
    for (const a of args) {
      if (a.type !== "string" && a.type !== "null") throw new ODataError(`The function '${name}' needs string arguments, got '${a.type}'`);
    }
  };
  const str = (a: Compiled<T>, row: T): string | null => {
    const v = a.eval(row);
    return typeof v === "string" ? v : null;
  };
  switch (name) {
    case "tolower":
    case "toupper": {
      strings(1);
      const arg = args[0]!;
      const f = name === "tolower" ? (s: string) => s.toLowerCase() : (s: string) => s.toUpperCase();
      return { type: "string", eval: (row) => (str(arg, row) === null ? null : f(str(arg, row)!)) };
    }
    case "startswith":
    case "endswith":
    case "contains": {
      strings(2);
      const [a, b] = [args[0]!, args[1]!];
      const f =
        name === "startswith" ? (x: string, y: string) => x.startsWith(y) : name === "endswith" ? (x: string, y: string) => x.endsWith(y) : (x: string, y: string) => x.includes(y);
      return {
        type: "boolean",
        eval: (row) => {
          const x = str(a, row);
          const y = str(b, row);
          return x !== null && y !== null && f(x, y);
        },
      };
    }
    default:
      throw new ODataError(`Unknown function '${name}'`);
  }
}

function compileOrder<T>(keys: readonly OrderKey[], schema: EntitySchema<T>): ((a: T, b: T) => number) | undefined {
  if (keys.length === 0) return undefined;
  const getters = keys.map((k) => ({ get: lookup(schema, k.path).get, sign: k.descending ? -1 : 1 }));
  return (a, b) => {
    for (const { get, sign } of getters) {
      const x = get(a) ?? null;
      const y = get(b) ?? null;
      if (x === y) continue;
      // Nulls sort first ascending, as SQL Server does.
      if (x === null) return -sign;
      if (y === null) return sign;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}
