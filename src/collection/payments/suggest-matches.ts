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
export type MatchSuggestion = { caseId: string; caseNumber: string; why: string } & SuggestionBasis;

/**
 * Why a case is suggested, as a code with the facts its text needs (the portal words it in the
 * reader's language; `why` is the English text): the case's invoice number is in the payment's
 * text, or its open balance equals the amount (in minor units of the case's currency, which is the payment's) — and the payer's name resembles the debtor's.
 */
export type SuggestionBasis =
  | { basis: "invoice_number"; invoiceNumber: string }
  | { basis: "same_amount"; amountMinor: number }
  | { basis: "same_amount_and_name"; amountMinor: number; debtorName: string };

export const SUGGESTION_BASES = ["invoice_number", "same_amount", "same_amount_and_name"] as const satisfies readonly SuggestionBasis["basis"][];

/** What the suggestions are drawn from: the payment's texts, its amount and currency, and the payer's name. */
export interface SuggestionRequest {
  text: string;
  amountMinor: number;
  currency: string;
  payerName: string;
}

const MAX_SUGGESTIONS = 5;
const MAX_BY_BALANCE = 20;
const MAX_NUMBERS = 10;

export function suggestionRequest(p: IncomingPayment): SuggestionRequest {
  return {
    text: [p.reference.value, p.message ?? "", ...(p.extraReferences ?? []).map((r) => r.value)].join(" "),
    amountMinor: p.amount.amount,
    currency: p.amount.currency,
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
      if (list.length < MAX_SUGGESTIONS && !list.some((o) => o.caseId === r.id)) list.push(suggestion(r.id, r.case_number, { basis: "invoice_number", invoiceNumber: r.invoice_number }));
    }
  }
  const byBalance = await tx.query<{ i: number; id: string; case_number: string; name: string }>(
    `select i, id, case_number, name from (
       select x.i, c.id, c.case_number, d.name, row_number() over (partition by x.i order by c.case_number) as k
         from unnest($1::int8[], $2::text[]) with ordinality as x(amount, currency, i)
         join cases c
           on c.balance_minor = x.amount and c.currency = x.currency
         join debtors d on d.id = c.debtor_id
        where c.closed_on is null
     ) s where k <= ${MAX_BY_BALANCE}
     order by i, case_number`,
    // A case's balance is in the case's currency: an amount in another currency is not compared with it.
    [requests.map((r) => r.amountMinor), requests.map((r) => r.currency)],
  );
  for (const r of byBalance) {
    const i = Number(r.i) - 1;
    const list = out[i]!;
    if (list.some((o) => o.caseId === r.id)) continue;
    const payer = requests[i]!.payerName.toLowerCase();
    const sameName = payer !== "" && r.name.toLowerCase().split(/\s+/).some((w) => w.length > 2 && payer.includes(w));
    const amountMinor = requests[i]!.amountMinor;
    list.push(suggestion(r.id, r.case_number, sameName ? { basis: "same_amount_and_name", amountMinor, debtorName: r.name } : { basis: "same_amount", amountMinor }));
  }
  return out.map((list) => list.slice(0, MAX_SUGGESTIONS));
}

function suggestion(caseId: string, caseNumber: string, basis: SuggestionBasis): MatchSuggestion {
  return { caseId, caseNumber, why: whyText(basis), ...basis };
}

/** The English text of a basis, as stored in `why`. */
export function whyText(b: SuggestionBasis): string {
  switch (b.basis) {
    case "invoice_number":
      return `invoice number ${b.invoiceNumber} in the payment text`;
    case "same_amount":
      return "open balance equals the amount";
    case "same_amount_and_name":
      return `open balance equals the amount and the payer's name resembles ${b.debtorName}`;
  }
}

/**
 * The basis of a stored suggestion, from its own fields (never from its `why` text); null when it
 * has none, or a code without its facts. Suggestions stored before the fields existed got them
 * from migration 0013_backfill_bank_payment_reasons.
 */
export function basisOf(stored: { why?: unknown; basis?: unknown; invoiceNumber?: unknown; amountMinor?: unknown; debtorName?: unknown }): SuggestionBasis | null {
  const { basis, invoiceNumber, amountMinor, debtorName } = stored;
  if (basis === "invoice_number" && typeof invoiceNumber === "string") return { basis, invoiceNumber };
  if (basis === "same_amount" && typeof amountMinor === "number") return { basis, amountMinor };
  if (basis === "same_amount_and_name" && typeof amountMinor === "number" && typeof debtorName === "string") return { basis, amountMinor, debtorName };
  return null;
}
