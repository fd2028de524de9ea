import type { VatAddOnBasis } from "../../domain/fees/vat-add-on.js";
import { formatDecimal } from "../../domain/money.js";
import type { Database } from "../../platform/db/database.js";
import type { CaseRow } from "../cases/case-row.js";
import type { Scenario } from "./scenario-schema.js";

/**
 * The outcome per invoice: the timeline, letters, charges with their legal source, allocations,
 * and the closing balance split into principal, interest and costs. Ids that differ from run to
 * run (UUIDs) are replaced by stable labels, so the same input gives the same output.
 */
export interface ScenarioReport {
  start: string;
  end: string;
  /** The one currency every amount of the report is in. */
  currency: string;
  invoices: InvoiceReport[];
  skipped: { event: number; on: string; invoice: string; reason: string }[];
}

export interface InvoiceReport {
  invoice: string;
  /** As given in the scenario (inkassoforskriften § 2-2 second paragraph); not yet applied by the engine. */
  vatAddOnBasis?: VatAddOnBasis;
  caseNumber: string | null;
  kid: string | null;
  stage: string | null;
  hold: string | null;
  closed: { on: string; reason: string } | null;
  nextActionOn: string | null;
  /** The last day before the claim is time-barred (foreldelse / preskription), after every interruption. */
  limitationOn?: string | null;
  timeline: { on: string; type: string; stage: string | null; deadline?: string; letter?: string; amounts?: Record<string, string>; reason?: string }[];
  letters: { letter: string; kind: string; sentOn: string; deadline: string; total: string }[];
  charges: { on: string; kind: string; amount: string; payer: string; rule: string; source: string; confidence: string }[];
  allocations: { on: string; payment: string; channel: string; bucket: string; amount: string }[];
  balance: { principal: string; interest: string; costs: string; total: string; credit: string };
}

const nok = (amount: number) => formatDecimal({ amount: Number(amount), currency: "NOK" });

export async function scenarioReport(db: Database, creditorId: string, s: Scenario & { currency: string }, skipped: ScenarioReport["skipped"]): Promise<ScenarioReport> {
  const end = addDays(s.start, s.days - 1);
  const invoices: InvoiceReport[] = [];
  for (const inv of s.invoices) {
    const [c] = await db.query<CaseRow>(
      `select c.* from cases c join claims cl on cl.id = c.claim_id where cl.creditor_id = $1 and cl.source = 'scenario' and cl.external_id = $2`,
      [creditorId, inv.id],
    );
    if (!c) {
      invoices.push({ invoice: inv.id, ...basisOf(inv), caseNumber: null, kid: null, stage: null, hold: null, closed: null, nextActionOn: null, timeline: [], letters: [], charges: [], allocations: [], balance: { principal: inv.amount, interest: "0.00", costs: "0.00", total: inv.amount, credit: "0.00" } });
      continue;
    }
    const letters = await db.query<{ id: string; kind: string; sent_on: string; deadline: string; model: { total?: { amount: number } } | null }>(
      "select id, kind, sent_on, deadline, model from letters where case_id = $1 order by sent_on, kind",
      [c.id],
    );
    const label = new Map(letters.map((l) => [l.id, `${c.case_number}-${l.kind}-${l.sent_on}`]));
    const events = await db.query<{ on: string; type: string; stage: string | null; data: Record<string, unknown>; reason: string | null }>(
      `select "on", type, stage, data, reason from case_events where case_id = $1 order by id`,
      [c.id],
    );
    const charges = await db.query<{ on: string; kind: string; amount_minor: number; payer: string; rule: string; source: string; confidence: string }>(
      `select "on", kind, amount_minor, payer, rule, source, confidence from charges where case_id = $1 order by id`,
      [c.id],
    );
    const allocations = await db.query<{ received_on: string; amount_minor: number; channel: string; bucket: string; alloc: number }>(
      `select p.received_on, p.amount_minor, p.channel, a.bucket, a.amount_minor as alloc
         from allocations a join payments p on p.id = a.payment_id where a.case_id = $1 order by p.received_on, a.id`,
      [c.id],
    );
    const principal = c.principal_minor - c.principal_paid_minor;
    const interest = c.interest_accrued_minor - c.interest_paid_minor;
    const costs = c.fees_minor - c.fees_paid_minor + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor);
    invoices.push({
      invoice: inv.id,
      ...basisOf(inv),
      caseNumber: c.case_number,
      kid: c.kid,
      stage: c.stage,
      hold: c.hold_kind,
      closed: c.closed_on ? { on: c.closed_on, reason: c.close_reason ?? "" } : null,
      nextActionOn: c.next_action_on,
      limitationOn: c.limitation_on,
      timeline: events.map((e) => timelineEntry(e, label)),
      letters: letters.map((l) => ({ letter: label.get(l.id)!, kind: l.kind, sentOn: l.sent_on, deadline: l.deadline, total: nok(l.model?.total?.amount ?? 0) })),
      charges: charges.map((ch) => ({ on: ch.on, kind: ch.kind, amount: nok(ch.amount_minor), payer: ch.payer, rule: ch.rule, source: ch.source, confidence: ch.confidence })),
      allocations: allocations.map((a) => ({ on: a.received_on, payment: nok(a.amount_minor), channel: a.channel, bucket: a.bucket, amount: nok(a.alloc) })),
      balance: { principal: nok(principal), interest: nok(interest), costs: nok(costs), total: nok(principal + interest + costs), credit: nok(c.credit_minor) },
    });
  }
  return { start: s.start, end, currency: s.currency, invoices, skipped };
}

function timelineEntry(e: { on: string; type: string; stage: string | null; data: Record<string, unknown>; reason: string | null }, label: Map<string, string>): InvoiceReport["timeline"][number] {
  const d = e.data;
  const out: InvoiceReport["timeline"][number] = { on: e.on, type: e.type, stage: e.stage };
  if (typeof d.deadline === "string") out.deadline = d.deadline;
  if (typeof d.letterId === "string") out.letter = label.get(d.letterId) ?? d.letterId;
  const amounts: Record<string, string> = {};
  if (Array.isArray(d.charges)) for (const ch of d.charges as { kind: string; amount: number }[]) amounts[ch.kind] = nok(ch.amount);
  const payment = d.payment as { amount?: number } | undefined;
  if (payment?.amount) amounts.payment = nok(payment.amount);
  if (Array.isArray(d.allocations)) for (const a of d.allocations as { bucket: string; amount: number }[]) amounts[`to-${a.bucket}`] = nok(a.amount);
  if (typeof d.balanceAfter === "number") amounts.balanceAfter = nok(d.balanceAfter);
  if (typeof d.principal === "number") amounts.principal = nok(d.principal);
  if (Object.keys(amounts).length) out.amounts = amounts;
  if (e.reason) out.reason = e.reason;
  return out;
}

function basisOf(inv: Scenario["invoices"][number]): { vatAddOnBasis?: VatAddOnBasis } {
  return inv.vatAddOnBasis ? { vatAddOnBasis: inv.vatAddOnBasis } : {};
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
