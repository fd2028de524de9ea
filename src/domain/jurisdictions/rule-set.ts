import { DomainError } from "../errors.js";
import { parseFinnishRuleSet, type FinnishRuleSet } from "./fi/fi-rule-set.js";
import fiRules from "./fi/fi-rules.json" with { type: "json" };
import { ruleSetError } from "./json-reader.js";
import { parseNorwegianRuleSet, type NorwegianRuleSet } from "./no/no-rule-set.js";
import noRules from "./no/no-rules.json" with { type: "json" };
import { parseSwedishRuleSet, type SwedishRuleSet } from "./se/se-rule-set.js";
import seRules from "./se/se-rules.json" with { type: "json" };

export type RuleSet = NorwegianRuleSet | SwedishRuleSet | FinnishRuleSet;
export type Jurisdiction = RuleSet["jurisdiction"];
export const JURISDICTIONS: readonly Jurisdiction[] = ["NO", "SE", "FI"];

/**
 * Checks and reads a rule file of any jurisdiction, chosen by its `jurisdiction` key. A
 * deployment's replacement file goes through this, exactly like the defaults below.
 */
export function parseRuleSet(json: unknown): RuleSet {
  const jurisdiction = typeof json === "object" && json !== null ? (json as Record<string, unknown>)["jurisdiction"] : undefined;
  switch (jurisdiction) {
    case "NO":
      return parseNorwegianRuleSet(json);
    case "SE":
      return parseSwedishRuleSet(json);
    case "FI":
      return parseFinnishRuleSet(json);
    default:
      throw ruleSetError("jurisdiction", `must be one of ${JURISDICTIONS.join(", ")}`);
  }
}

// The shipped defaults are validated once, when this module is loaded.
const DEFAULTS = {
  NO: parseNorwegianRuleSet(noRules),
  SE: parseSwedishRuleSet(seRules),
  FI: parseFinnishRuleSet(fiRules),
} as const;

export function isJurisdiction(code: string): code is Jurisdiction {
  return (JURISDICTIONS as readonly string[]).includes(code);
}

/** The shipped rule set of a jurisdiction. */
export function rulesFor(jurisdiction: "NO"): NorwegianRuleSet;
export function rulesFor(jurisdiction: "SE"): SwedishRuleSet;
export function rulesFor(jurisdiction: "FI"): FinnishRuleSet;
export function rulesFor(jurisdiction: string): RuleSet;
export function rulesFor(jurisdiction: string): RuleSet {
  if (!isJurisdiction(jurisdiction)) {
    throw new DomainError("unknown_jurisdiction", `unknown jurisdiction "${jurisdiction}" (known: ${JURISDICTIONS.join(", ")})`, "jurisdiction");
  }
  return DEFAULTS[jurisdiction];
}
