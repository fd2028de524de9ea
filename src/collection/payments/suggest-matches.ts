import type { Queryable } from "../../platform/db/database.js";
import type { IncomingPayment } from "../bank-files/index.js";

/**
 * Suggestions for a payment without a usable KID, for the manual-match queue: open cases whose
 * invoice number appears in the payment's text, then open cases whose open balance equals the
 * amount and whose debtor's name resembles the payer's. A person decides; nothing is matched here.
 *
 * Set-based: the suggestions for many queued payments come from two queries (one pass over the
 * open cases), so a file with thousands of unknown KIDs does not scan the book once per line.
 * Candidates are taken in case-number order, so the same book gives the same suggestions.
 */
export interface MatchSuggestion {
  caseId: string;
  caseNumber: string;
  why: string;
}

/** What the suggestions are drawn from: the payment's texts, its amount and the payer's name. */
export interface SuggestionRequest {
  text: string;
  amountMinor: number;
  payerName: string;
}

const MAX_SUGGESTIONS = 5;
const MAX_BY_BALANCE = 20;
const MAX_NUMBERS = 10;

export function suggestionRequest(p: IncomingPayment): SuggestionRequest {
  return {
    text: [p.reference.value, p.message ?? "", ...(p.extraReferences ?? []).map((r) => r.value)].join(" "),
    amountMinor: p.amount.amount,
    payerName: p.payer?.name ?? "",
  };
}

export async function suggestMatches(tx: Queryable, p: IncomingPayment): Promise<MatchSuggestion[]> {
  const [out] = await suggestMatchesFor(tx, [suggestionRequest(p)]);
  return out!;
}

/** The suggestions for each request, in the requests' order. */
export async function suggestMatchesFor(tx: Queryable, requests: readonly SuggestionRequest[]): Promise<MatchSuggestion[][]> {
  const out: MatchSuggestion[][] = requests.map(() => []);
  if (requests.length === 0) return out;
  const lineOf: number[] = [];
  const numbers: string[] = [];
  requests.forEach((r, i) => {
    for (const n of [...new Set(r.text.match(/\d{3,}/g) ?? [])].slice(0, MAX_NUMBERS)) {
      lineOf.push(i);
      numbers.push(n);
    }
  });
  if (numbers.length) {
    const rows = await tx.query<{ i: number; id: string; case_number: string; invoice_number: string }>(
      `select x.i, c.id, c.case_number, cl.invoice_number
         from unnest($1::int4[], $2::text[]) as x(i, n)
         join claims cl on cl.invoice_number = x.n
         join cases c on c.claim_id = cl.id
        where c.closed_on is null
        order by x.i, c.case_number`,
      [lineOf, numbers],
    );
    for (const r of rows) {
      const list = out[r.i]!;
      if (list.length < MAX_SUGGESTIONS && !list.some((o) => o.caseId === r.id)) list.push({ caseId: r.id, caseNumber: r.case_number, why: `invoice number ${r.invoice_number} in the payment text` });
    }
  }
  const byBalance = await tx.query<{ i: number; id: string; case_number: string; name: string }>(
    `select i, id, case_number, name from (
       select x.i, c.id, c.case_number, d.name, row_number() over (partition by x.i order by c.case_number) as k
         from unnest($1::int8[]) with ordinality as x(amount, i)
         join cases c
           on (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor)
              + (c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) = x.amount
         join debtors d on d.id = c.debtor_id
        where c.closed_on is null
     ) s where k <= ${MAX_BY_BALANCE}
     order by i, case_number`,
    [requests.map((r) => r.amountMinor)],
  );
  for (const r of byBalance) {
    const i = Number(r.i) - 1;
    const list = out[i]!;
    if (list.some((o) => o.caseId === r.id)) continue;
    const payer = requests[i]!.payerName.toLowerCase();
    const sameName = payer !== "" && r.name.toLowerCase().split(/\s+/).some((w) => w.length > 2 && payer.includes(w));
    list.push({ caseId: r.id, caseNumber: r.case_number, why: sameName ? `open balance equals the amount and the payer's name resembles ${r.name}` : "open balance equals the amount" });
  }
  return out.map((list) => list.slice(0, MAX_SUGGESTIONS));
}
