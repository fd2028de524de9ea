import fs from "node:fs";
import path from "node:path";
import { DomainError } from "../domain/errors.js";
import type { FinnishRuleSet } from "../domain/jurisdictions/fi/fi-rule-set.js";
import type { NorwegianRuleSet } from "../domain/jurisdictions/no/no-rule-set.js";
import { JURISDICTIONS, parseRuleSet, rulesFor, type Jurisdiction, type RuleSet } from "../domain/jurisdictions/rule-set.js";
import type { SwedishRuleSet } from "../domain/jurisdictions/se/se-rule-set.js";

/**
 * The rule tables in force in this deployment: the shipped ones (src/domain/jurisdictions/*),
 * each replaceable by `<FORDRING_RULES_DIR>/<no|se|fi>.json` with the same shape. A replacement
 * goes through the same validator as the shipped data; an invalid one stops the start with the
 * file and the JSON path of the problem.
 */
export interface RuleBook {
  NO: NorwegianRuleSet;
  SE: SwedishRuleSet;
  FI: FinnishRuleSet;
  /** Where each jurisdiction's tables came from: "shipped" or the replacement file's path. */
  origin: Record<Jurisdiction, string>;
}

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    message: string,
  ) {
    super(`rule file ${file}${field ? ` at ${field}` : ""}: ${message}`);
    this.name = "RuleFileError";
  }
}

export function loadRuleBook(rulesDir?: string): RuleBook {
  const book = { NO: rulesFor("NO"), SE: rulesFor("SE"), FI: rulesFor("FI"), origin: { NO: "shipped", SE: "shipped", FI: "shipped" } } as RuleBook;
  if (!rulesDir) return book;
  if (!fs.existsSync(rulesDir)) throw new RuleFileError(rulesDir, undefined, "FORDRING_RULES_DIR does not exist");
  for (const j of JURISDICTIONS) {
    const file = path.join(rulesDir, `${j.toLowerCase()}.json`);
    if (!fs.existsSync(file)) continue;
    const set = readRuleFile(file);
    if (set.jurisdiction !== j) throw new RuleFileError(file, "jurisdiction", `says "${set.jurisdiction}" but the file is for ${j}`);
    (book as unknown as Record<Jurisdiction, RuleSet>)[j] = set;
    book.origin[j] = file;
  }
  return book;
}

function readRuleFile(file: string): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new RuleFileError(file, undefined, `is not valid JSON (${(e as Error).message})`);
  }
  try {
    return parseRuleSet(json);
  } catch (e) {
    if (e instanceof DomainError) throw new RuleFileError(file, e.field, e.message);
    throw e;
  }
}
