import { scopeCondition, scopeParams, type CreditorScope } from "../access/tenant.js";
import { isCurrency, parseMoney, type Currency } from "../domain/money.js";
import type { Queryable } from "../platform/db/database.js";

/**
 * Settlement and performance reporting (issue 20 item 5): for a period, across the clients the
 * caller may see, per currency (amounts in different currencies are never added):
 *
 * - per month: **collected** (payments received, to the agency and directly to the creditor), and
 *   from the settlements dated that month **settled gross** (what they took in), **the agency's
 *   share** (its costs, interest where agreed, commission and VAT: `agencyTotal`), **paid out**
 *   and **invoiced** to the creditor. Each settlement reconciles when settled gross − direct
 *   payments = the agency's share + paid out − invoiced (the remittance's own identity);
 * - per client: the same sums, the **recovery rate** (principal paid ÷ principal on the cases
 *   opened in the period), **days to payment** (opened → closed as paid, for cases closed paid in
 *   the period) and how many cases were opened and closed;
 * - **outcome by stage**: the cases closed in the period by the stage they closed from and why.
 *
 * Minor units throughout; rates as basis points (integers), days as a sum and a count.
 */
export interface PerformanceFigures {
  collectedMinor: number;
  settledGrossMinor: number;
  agencyShareMinor: number;
  paidOutMinor: number;
  invoicedMinor: number;
}

export interface CurrencyReport {
  currency: Currency;
  months: (PerformanceFigures & { month: string })[];
  clients: (PerformanceFigures & {
    creditorId: string;
    code: string;
    name: string;
    casesOpened: number;
    principalOpenedMinor: number;
    principalRecoveredMinor: number;
    /** principalRecovered ÷ principalOpened in basis points (10 000 = 100 %), null without cases. */
    recoveryRateBp: number | null;
    paidCases: number;
    daysToPaymentTotal: number;
    casesClosed: number;
  })[];
  totals: PerformanceFigures & { casesOpened: number; principalOpenedMinor: number; principalRecoveredMinor: number; recoveryRateBp: number | null; paidCases: number; daysToPaymentTotal: number; casesClosed: number; settlements: number; settlementsNotReconciled: number };
  outcomeByStage: { stage: string; reason: string; cases: number; principalMinor: number }[];
}

export interface PerformanceReport {
  from: string;
  to: string;
  currencies: CurrencyReport[];
}

const ZERO: PerformanceFigures = { collectedMinor: 0, settledGrossMinor: 0, agencyShareMinor: 0, paidOutMinor: 0, invoicedMinor: 0 };

const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : null);

interface SettlementTotalsWire {
  receivedByAgency: string;
  direct: Record<string, string>;
  agencyTotal: string;
}

export async function performanceReport(db: Queryable, q: { scope: CreditorScope; from: string; to: string }): Promise<PerformanceReport> {
  if (q.to < q.from) throw new RangeError(`the period ends (${q.to}) before it starts (${q.from})`);
  const scope = scopeParams(q.scope);
  const creditors = await db.query<{ id: string; code: string; name: string; currency: string }>(
    `select c.id, c.code, c.name, c.currency from creditors c where ${scopeCondition("c", 1)} order by c.code`,
    scope,
  );
  const ids = creditors.map((c) => c.id);
  const months = (await db.query<{ month: string }>("select to_char(m, 'YYYY-MM') as month from generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') m order by m", [q.from, q.to])).map((r) => r.month);
  const [payments, settlements, opened, closed] = await Promise.all([
    db.query<{ creditor_id: string; month: string; currency: string; amount: string }>(
      `select p.creditor_id, to_char(p.received_on, 'YYYY-MM') as month, p.currency, sum(p.amount_minor)::text as amount
         from payments p where p.creditor_id = any($1::uuid[]) and p.channel in ('agency', 'creditor') and p.received_on between $2 and $3
        group by 1, 2, 3`,
      [ids, q.from, q.to],
    ),
    db.query<{ creditor_id: string; month: string; currency: string; payout_minor: string; invoice_minor: string; totals: SettlementTotalsWire }>(
      `select s.creditor_id, to_char(s.settled_on, 'YYYY-MM') as month, s.result->>'currency' as currency, s.payout_minor::text, s.invoice_minor::text, s.result->'totals' as totals
         from settlements s where s.creditor_id = any($1::uuid[]) and s.settled_on between $2 and $3`,
      [ids, q.from, q.to],
    ),
    db.query<{ creditor_id: string; currency: string; n: number; principal: string; recovered: string }>(
      `select cs.creditor_id, cs.currency, count(*)::int as n, sum(cs.principal_minor)::text as principal, sum(cs.principal_paid_minor)::text as recovered
         from cases cs where cs.creditor_id = any($1::uuid[]) and cs.opened_on between $2 and $3 group by 1, 2`,
      [ids, q.from, q.to],
    ),
    db.query<{ creditor_id: string; currency: string; stage: string; reason: string; n: number; principal: string; days: number }>(
      `select cs.creditor_id, cs.currency, coalesce(cs.closed_from_stage, 'unknown') as stage, coalesce(cs.close_reason, 'unknown') as reason, count(*)::int as n,
              sum(cs.principal_minor)::text as principal, sum(cs.closed_on - cs.opened_on)::int as days
         from cases cs where cs.creditor_id = any($1::uuid[]) and cs.closed_on between $2 and $3 group by 1, 2, 3, 4`,
      [ids, q.from, q.to],
    ),
  ]);

  const reports = new Map<string, CurrencyReport>();
  const report = (currency: string): CurrencyReport => {
    let r = reports.get(currency);
    if (!r) {
      if (!isCurrency(currency)) throw new RangeError(`unknown currency ${currency}`);
      r = {
        currency,
        months: months.map((month) => ({ month, ...ZERO })),
        clients: [],
        totals: { ...ZERO, casesOpened: 0, principalOpenedMinor: 0, principalRecoveredMinor: 0, recoveryRateBp: null, paidCases: 0, daysToPaymentTotal: 0, casesClosed: 0, settlements: 0, settlementsNotReconciled: 0 },
        outcomeByStage: [],
      };
      reports.set(currency, r);
    }
    return r;
  };
  const client = (creditorId: string, currency: string) => {
    const r = report(currency);
    let c = r.clients.find((x) => x.creditorId === creditorId);
    if (!c) {
      const cr = creditors.find((x) => x.id === creditorId)!;
      c = { creditorId, code: cr.code, name: cr.name, ...ZERO, casesOpened: 0, principalOpenedMinor: 0, principalRecoveredMinor: 0, recoveryRateBp: null, paidCases: 0, daysToPaymentTotal: 0, casesClosed: 0 };
      r.clients.push(c);
    }
    return { r, c, m: (month: string) => r.months.find((x) => x.month === month)! };
  };
  const add = (targets: PerformanceFigures[], key: keyof PerformanceFigures, amount: number) => {
    for (const t of targets) t[key] += amount;
  };

  for (const p of payments) {
    const { r, c, m } = client(p.creditor_id, p.currency);
    add([r.totals, c, m(p.month)], "collectedMinor", Number(p.amount));
  }
  for (const s of settlements) {
    const { r, c, m } = client(s.creditor_id, s.currency);
    const cur = r.currency;
    const minor = (text: string) => parseMoney(text, cur).amount;
    const direct = Object.values(s.totals.direct).reduce((n, v) => n + minor(v), 0);
    const gross = minor(s.totals.receivedByAgency) + direct;
    const agency = minor(s.totals.agencyTotal);
    const targets = [r.totals, c, m(s.month)];
    add(targets, "settledGrossMinor", gross);
    add(targets, "agencyShareMinor", agency);
    add(targets, "paidOutMinor", Number(s.payout_minor));
    add(targets, "invoicedMinor", Number(s.invoice_minor));
    r.totals.settlements++;
    if (gross - direct !== agency + Number(s.payout_minor) - Number(s.invoice_minor)) r.totals.settlementsNotReconciled++;
  }
  for (const o of opened) {
    const { r, c } = client(o.creditor_id, o.currency);
    for (const t of [r.totals, c]) {
      t.casesOpened += o.n;
      t.principalOpenedMinor += Number(o.principal);
      t.principalRecoveredMinor += Number(o.recovered);
    }
  }
  for (const k of closed) {
    const { r, c } = client(k.creditor_id, k.currency);
    for (const t of [r.totals, c]) {
      t.casesClosed += k.n;
      if (k.reason === "paid") {
        t.paidCases += k.n;
        t.daysToPaymentTotal += k.days;
      }
    }
    const row = r.outcomeByStage.find((x) => x.stage === k.stage && x.reason === k.reason);
    if (row) {
      row.cases += k.n;
      row.principalMinor += Number(k.principal);
    } else r.outcomeByStage.push({ stage: k.stage, reason: k.reason, cases: k.n, principalMinor: Number(k.principal) });
  }
  for (const r of reports.values()) {
    for (const t of [r.totals, ...r.clients]) t.recoveryRateBp = bp(t.principalRecoveredMinor, t.principalOpenedMinor);
    r.clients.sort((a, b) => a.code.localeCompare(b.code));
    r.outcomeByStage.sort((a, b) => a.stage.localeCompare(b.stage) || a.reason.localeCompare(b.reason));
  }
  return { from: q.from, to: q.to, currencies: [...reports.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
