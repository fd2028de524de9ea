import { rulesFor } from "../domain/jurisdictions/rule-set.js";

/**
 * The currency a figure summed over several creditors is in: the one their rows share. With no
 * row at all (an empty overview) it is the home jurisdiction's, Norway's (where Fordring runs
 * first); the rule set, not a literal, says which currency that is.
 */
export function sharedCurrency(currencies: readonly string[]): string {
  const distinct = [...new Set(currencies)];
  return distinct.length > 0 ? distinct.sort().join("+") : rulesFor("NO").currency;
}
