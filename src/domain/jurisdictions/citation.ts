import { childPath, type JsonObject, readObject, readString, ruleSetError } from "./json-reader.js";

/**
 * A short citation of a rule's legal basis for the people who read a letter, the portal or the
 * API — "inkassoforskriften § 1-2" / "Debt Collection Regulations § 1-2" — kept apart from the
 * research note in `source` (which names the pages the figure was checked against). Every row of
 * the shipped rule files carries one; a deployment's replacement file may leave it out.
 *
 * English is always there. Norwegian (`nb`) is on every Norwegian and Finnish row and on the
 * Swedish rows too (the Swedish statute's own name, which is what a Norwegian reader sees);
 * Swedish (`sv`) is on every Swedish row (issue 16). A reader in a language a citation lacks
 * falls back to `en`.
 */
export interface Citation {
  readonly nb: string;
  readonly en: string;
  readonly sv?: string;
}

export function readOptionalCitation(obj: JsonObject, key: string, path: string): Citation | null {
  if (obj[key] === undefined) return null;
  const citePath = childPath(path, key);
  const value = readObject(obj[key], citePath, ["nb", "en", "sv"]);
  if (value["nb"] === undefined || value["en"] === undefined) throw ruleSetError(citePath, "needs both nb and en (sv is optional)");
  const nb = readString(value, "nb", citePath);
  const en = readString(value, "en", citePath);
  return value["sv"] === undefined ? { nb, en } : { nb, en, sv: readString(value, "sv", citePath) };
}

/**
 * The distinct citations of the rows a result was built from, joined per language; null when none
 * has one. `sv` is given only when every citation has it (otherwise a Swedish reader gets `en`).
 */
export function joinCitations(...citations: readonly (Citation | null)[]): Citation | null {
  const present = citations.filter((c): c is Citation => c !== null);
  if (present.length === 0) return null;
  const join = (texts: readonly string[]) => [...new Set(texts)].join("; ");
  const nb = join(present.map((c) => c.nb));
  const en = join(present.map((c) => c.en));
  const sv = present.map((c) => c.sv).filter((t): t is string => t !== undefined);
  return sv.length === present.length ? { nb, en, sv: join(sv) } : { nb, en };
}
