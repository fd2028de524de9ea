import { readLiteral, readObject, readOptionalString } from "../json-reader.js";
import { type RateTable, readRateTable } from "../rate-table.js";

/**
 * Finnish late interest (docs/RULES.md § 3, Finland): viivästyskorko under korkolaki (633/1982) § 4
 * (viitekorko + 7 pp) and § 4 a for commercial contracts (viitekorko + 8 pp). Data only for now.
 */
export interface FinnishRuleSet {
  readonly jurisdiction: "FI";
  readonly currency: "EUR";
  readonly lateInterest: RateTable;
  readonly commercialLateInterest: RateTable;
}

export function parseFinnishRuleSet(json: unknown): FinnishRuleSet {
  const root = readObject(json, "", ["about", "jurisdiction", "currency", "lateInterest", "commercialLateInterest"]);
  readOptionalString(root, "about", "");
  readLiteral(root, "jurisdiction", "", ["FI"] as const);
  const currency = readLiteral(root, "currency", "", ["EUR"] as const);
  return {
    jurisdiction: "FI",
    currency,
    lateInterest: readRateTable(root["lateInterest"], "lateInterest", currency),
    commercialLateInterest: readRateTable(root["commercialLateInterest"], "commercialLateInterest", currency),
  };
}
