import { LocalDate } from "../calendar/local-date.js";
import { invalidInput } from "../errors.js";
import type { Citation } from "../jurisdictions/citation.js";
import type { Confidence } from "../jurisdictions/confidence.js";
import { rowOn } from "../jurisdictions/dated-row.js";
import type { SwedishRuleSet } from "../jurisdictions/se/se-rule-set.js";
import type { Money } from "../money.js";
import { kronor } from "./reason.js";

/**
 * The Swedish legal step: an application for betalningsföreläggande at Kronofogden (the
 * scenario's `legal-step`). Its cost is Kronofogden's ansökningsavgift, a dated row of
 * `se-rules.json` (300 kr; förordning (1992:1094) om avgifter vid Kronofogdemyndigheten), which
 * the debtor must repay when the claim is upheld (lag (1990:746) om betalningsföreläggande och
 * handräckning 48 §, background knowledge — see the row's note). Picked by the day the
 * application is made. Ombudsarvode (380 kr in practice) and enforcement fees are not modelled:
 * their legal basis is uncertain (docs/RULES.md).
 */
export interface SwedishLegalCost {
  readonly step: "payment-order-application";
  readonly amount: Money;
  readonly recoverable: boolean;
  readonly rule: string;
  readonly source: string;
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export function paymentOrderCosts({ on, rules }: { on: LocalDate; rules: SwedishRuleSet }): SwedishLegalCost {
  if (!(on instanceof LocalDate)) throw invalidInput("on", "is not a date");
  const row = rowOn(rules.legalCosts.paymentOrderApplication, on, "ansökningsavgift for betalningsföreläggande", "on");
  return {
    step: "payment-order-application",
    amount: row.amount,
    recoverable: row.recoverable,
    rule: `betalningsföreläggande: Kronofogden's ansökningsavgift ${kronor(row.amount.amount)} kr (${on.year})${row.recoverable ? ", recoverable from the debtor" : ""}`,
    source: row.source,
    citation: row.citation,
    confidence: row.confidence,
    note: row.note,
  };
}
