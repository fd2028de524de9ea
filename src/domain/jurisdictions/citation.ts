import { childPath, type JsonObject, readObject, readString, ruleSetError } from "./json-reader.js";

/**
 * A short citation of a rule's legal basis for the people who read a letter, the portal or the
 * API — "inkassoforskriften § 1-2" / "Debt Collection Regulations § 1-2" — kept apart from the
 * research note in `source` (which names the pages the figure was checked against). Every row of
 * the shipped rule files carries one; a deployment's replacement file may leave it out.
 */
export interface Citation {
  readonly nb: string;
  readonly en: string;
}

export function readOptionalCitation(obj: JsonObject, key: string, path: string): Citation | null {
  if (obj[key] === undefined) return null;
  const citePath = childPath(path, key);
  const value = readObject(obj[key], citePath, ["nb", "en"]);
  if (value["nb"] === undefined || value["en"] === undefined) throw ruleSetError(citePath, "needs both nb and en");
  return { nb: readString(value, "nb", citePath), en: readString(value, "en", citePath) };
}

/** The distinct citations of the rows a result was built from, joined per language; null when none has one. */
export function joinCitations(...citations: readonly (Citation | null)[]): Citation | null {
  const present = citations.filter((c): c is Citation => c !== null);
  if (present.length === 0) return null;
  const join = (texts: readonly string[]) => [...new Set(texts)].join("; ");
  return { nb: join(present.map((c) => c.nb)), en: join(present.map((c) => c.en)) };
}
