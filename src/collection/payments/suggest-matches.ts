import type { Queryable } from "../../platform/db/database.js";
import type { IncomingPayment } from "../bank-files/index.js";

/**
 * Suggestions for a payment without a usable KID, for the manual-match queue: open cases whose
 * invoice number appears in the payment's text, then open cases whose open balance equals the
 * amount and whose debtor's name resembles the payer's. A person decides; nothing is matched here.
 */
export interface MatchSuggestion {
  caseId: string;
  caseNumber: string;
  why: string;
}

export async function suggestMatches(tx: Queryable, p: IncomingPayment): Promise<MatchSuggestion[]> {
  const out: MatchSuggestion[] = [];
  const text = [p.reference.value, p.message ?? "", ...(p.extraReferences ?? []).map((r) => r.value)].join(" ");
  const numbers = [...new Set(text.match(/\d{3,}/g) ?? [])].slice(0, 10);
  if (numbers.length) {
    const rows = await tx.query<{ id: string; case_number: string; invoice_number: string }>(
      `select c.id, c.case_number, cl.invoice_number from cases c join claims cl on cl.id = c.claim_id
        where c.closed_on is null and cl.invoice_number = any($1::text[]) limit 5`,
      [numbers],
    );
    for (const r of rows) out.push({ caseId: r.id, caseNumber: r.case_number, why: `invoice number ${r.invoice_number} in the payment text` });
  }
  const rows = await tx.query<{ id: string; case_number: string; name: string }>(
    `select c.id, c.case_number, d.name from cases c join debtors d on d.id = c.debtor_id
      where c.closed_on is null
        and (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor)
            + (c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) = $1
      limit 20`,
    [p.amount.amount],
  );
  const payer = (p.payer?.name ?? "").toLowerCase();
  for (const r of rows) {
    if (out.some((o) => o.caseId === r.id)) continue;
    const sameName = payer !== "" && r.name.toLowerCase().split(/\s+/).some((w) => w.length > 2 && payer.includes(w));
    out.push({ caseId: r.id, caseNumber: r.case_number, why: sameName ? `open balance equals the amount and the payer's name resembles ${r.name}` : "open balance equals the amount" });
  }
  return out.slice(0, 5);
}
