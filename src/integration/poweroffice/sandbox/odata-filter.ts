import { parseDateTimeText } from "./wire-values.js";

/**
 * Parser for the OData `$filter` subset PowerOffice Go documents (filtering.md): comparison
 * operators eq ne gt ge lt le, logical and or not, parentheses, the functions tolower() and
 * startswith() (plus toupper, endswith and contains from the same OData v3 family), and the
 * literals 'string', numbers, true/false/null, DateTime'…', DateTimeOffset'…' and Guids
 * (guid'…' or bare). Property names are paths of PascalCase segments (`MailAddress/City`).
 * Precedence follows the OData spec: not > comparison > and > or.
 */
export class ODataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ODataError";
  }
}

export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type LogicalOp = "and" | "or";

export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "date"; epochMs: number }
  | { type: "datetimeoffset"; epochMs: number }
  | { type: "guid"; value: string };

export type FilterExpr =
  | { kind: "literal"; literal: Literal }
  | { kind: "property"; path: string }
  | { kind: "call"; name: string; args: FilterExpr[] }
  | { kind: "not"; operand: FilterExpr }
  | { kind: "compare"; op: ComparisonOp; left: FilterExpr; right: FilterExpr }
  | { kind: "logical"; op: LogicalOp; left: FilterExpr; right: FilterExpr };

type Token =
  | { t: "("; pos: number }
  | { t: ")"; pos: number }
  | { t: ","; pos: number }
  | { t: "word"; value: string; pos: number }
  | { t: "literal"; literal: Literal; pos: number };

const COMPARISON = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDlLfF]?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;

export function parseFilter(text: string): FilterExpr {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ODataError("The $filter expression is empty");
  const parser = new Parser(tokens);
  const expr = parser.or();
  parser.end();
  return expr;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ t: c, pos: i });
      i++;
    } else if (c === "'") {
      const [value, end] = readQuoted(text, i);
      tokens.push({ t: "literal", literal: { type: "string", value }, pos: i });
      i = end;
    } else {
      const rest = text.slice(i);
      const guid = GUID.exec(rest);
      if (guid && !/[0-9A-Za-z_]/.test(rest.charAt(guid[0].length))) {
        tokens.push({ t: "literal", literal: { type: "guid", value: guid[0].toLowerCase() }, pos: i });
        i += guid[0].length;
        continue;
      }
      const num = NUMBER.exec(rest);
      if (num) {
        const value = Number(num[0].replace(/[mMdDlLfF]$/, ""));
        tokens.push({ t: "literal", literal: { type: "number", value }, pos: i });
        i += num[0].length;
        continue;
      }
      const word = WORD.exec(rest);
      if (!word) throw new ODataError(`Syntax error: character '${c}' is not valid at position ${i}`);
      i += word[0].length;
      if (text[i] === "'") {
        const [body, end] = readQuoted(text, i);
        tokens.push({ t: "literal", literal: typedLiteral(word[0], body, i), pos: i });
        i = end;
      } else {
        tokens.push({ t: "word", value: word[0], pos: i - word[0].length });
      }
    }
  }
  return tokens;
}

/** Reads `'…'` starting at the quote; `''` inside is one quote. Returns the text and the index after. */
function readQuoted(text: string, start: number): [string, number] {
  let value = "";
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw new ODataError(`Unterminated string literal at position ${start}`);
    const c = text[i]!;
    if (c === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return [value, i + 1];
    }
    value += c;
    i++;
  }
}

function typedLiteral(prefix: string, body: string, pos: number): Literal {
  const kind = prefix.toLowerCase();
  if (kind === "datetime" || kind === "datetimeoffset") {
    const ms = parseDateTimeText(body);
    if (ms === null) throw new ODataError(`Unrecognized '${prefix}' literal '${prefix}'${body}'' at position ${pos}`);
    return { type: kind === "datetime" ? "date" : "datetimeoffset", epochMs: ms };
  }
  if (kind === "guid") {
    if (!GUID.test(body) || body.length !== 36) throw new ODataError(`Unrecognized 'Edm.Guid' literal 'guid'${body}''`);
    return { type: "guid", value: body.toLowerCase() };
  }
  throw new ODataError(`Unrecognized literal type '${prefix}' at position ${pos}`);
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  or(): FilterExpr {
    let left = this.and();
    while (this.isWord("or")) {
      this.i++;
      left = { kind: "logical", op: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.comparison();
    while (this.isWord("and")) {
      this.i++;
      left = { kind: "logical", op: "and", left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): FilterExpr {
    let left = this.unary();
    for (;;) {
      const tok = this.tokens[this.i];
      if (tok?.t !== "word" || !COMPARISON.has(tok.value)) return left;
      this.i++;
      left = { kind: "compare", op: tok.value as ComparisonOp, left, right: this.unary() };
    }
  }

  private unary(): FilterExpr {
    if (this.isWord("not")) {
      this.i++;
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): FilterExpr {
    const tok = this.tokens[this.i];
    if (!tok) throw new ODataError("Expression expected at the end of the $filter");
    this.i++;
    if (tok.t === "(") {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (tok.t === "literal") return { kind: "literal", literal: tok.literal };
    if (tok.t === "word") {
      if (tok.value === "true" || tok.value === "false") return { kind: "literal", literal: { type: "boolean", value: tok.value === "true" } };
      if (tok.value === "null") return { kind: "literal", literal: { type: "null" } };
      if (COMPARISON.has(tok.value) || tok.value === "and" || tok.value === "or") {
        throw new ODataError(`Expression expected at position ${tok.pos}, found operator '${tok.value}'`);
      }
      if (this.tokens[this.i]?.t === "(") {
        this.i++;
        const args: FilterExpr[] = [];
        if (this.tokens[this.i]?.t !== ")") {
          args.push(this.or());
          while (this.tokens[this.i]?.t === ",") {
            this.i++;
            args.push(this.or());
          }
        }
        this.expect(")");
        return { kind: "call", name: tok.value, args };
      }
      return { kind: "property", path: tok.value };
    }
    throw new ODataError(`Syntax error at position ${tok.pos}: unexpected '${tok.t}'`);
  }

  end(): void {
    const tok = this.tokens[this.i];
    if (tok) throw new ODataError(`Syntax error at position ${tok.pos}: unexpected ${tok.t === "word" ? `'${tok.value}'` : `'${tok.t}'`}`);
  }

  private isWord(value: string): boolean {
    const tok = this.tokens[this.i];
    return tok?.t === "word" && tok.value === value;
  }

  private expect(t: ")"): void {
    const tok = this.tokens[this.i];
    if (tok?.t !== t) throw new ODataError(`')' expected${tok ? ` at position ${tok.pos}` : " at the end of the $filter"}`);
    this.i++;
  }
}
