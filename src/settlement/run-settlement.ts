import { randomUUID } from "node:crypto";
import { LocalDate } from "../domain/calendar/local-date.js";
import type { Bucket } from "../domain/allocation.js";
import { DomainError } from "../domain/errors.js";
import { parseCurrency } from "../domain/money.js";
import { postingProposal, settle, type SettlementAgreement, type SettlementCaseInput, type Settlement, type Voucher } from "../domain/settlement/index.js";
import type { Database } from "../platform/db/database.js";
import { INSERT_OUTBOX_SQL, outboxMessage, outboxRecords } from "../platform/outbox-messages.js";
import { toWire } from "../platform/wire.js";
import { settlementSettings } from "./settlement-settings.js";

/**
 * The settlement run for one creditor and period (docs/SETTLEMENT.md), in one transaction: what the
 * agency received and what the creditor received directly that is not yet settled, and the
 * charges billed to the creditor, go through the rule core's `settle` under the creditor's
 * agreement (its settlement settings: interest, commission, VAT); the result and its
 * balanced posting proposal are stored; every allocation and charge taken in is marked with the
 * settlement (unique), so nothing is settled twice; the voucher is queued for the ledger.
 *
 * A period with nothing in it that is not settled already is not a settlement: nothing is stored
 * or queued, and `settlePeriod` says so (`settled: false`). Withdrawal costs charged to the
 * creditor are something to settle even when nothing was collected. A voucher is queued only when
 * the posting proposal has lines: a ledger refuses a voucher without any, and a settlement that
 * moves nothing in the creditor's books (money the creditor received directly, all principal, no
 * commission) still settles its items but has nothing to post.
 */
export interface SettlementRun {
  settled: true;
  settlementId: string;
  duplicate: boolean;
  cases: number;
  payout: string;
  invoiceToCreditor: string;
  outcome: Settlement["outcome"];
  /** Whether its voucher went to the outbox: not when the posting proposal has no lines. */
  voucherQueued: boolean;
  settlement: ReturnType<typeof toWire<Settlement>>;
  voucher: ReturnType<typeof toWire<Voucher>>;
}

/** The period holds no payment and no charge to the creditor that is not settled already. */
export interface NothingToSettle {
  settled: false;
  creditorId: string;
  period: { from: string; to: string };
  cases: 0;
  payout: "0.00";
  invoiceToCreditor: "0.00";
  reason: string;
}

export type SettlementRunResult = SettlementRun | NothingToSettle;

export interface SettlementRunInput {
  creditorId: string;
  from: LocalDate;
  to: LocalDate;
  settledOn: LocalDate;
  /** Default: the creditor's, from its settlement settings (settlement-settings.ts). */
  agreement?: SettlementAgreement;
  /**
   * Also take in what is dated before `from` and not settled yet (a payment the bank reported
   * late, into a period already settled): the scheduled runs do, so nothing waits forever.
   */
  includeEarlier?: boolean;
}

/**
 * What a settlement takes in, as SQL over `allocations a join payments p` and `charges ch`: money
 * received (by the agency or directly by the creditor), and charges billed to the creditor, that no
 * settlement took before. The run, and the schedule's search for what is due, read the same.
 */
export const UNSETTLED_ALLOCATION = `p.channel in ('agency', 'creditor') and a.amount_minor > 0 and not exists (select 1 from settlement_items s where s.item = 'allocation:' || a.id)`;
export const UNSETTLED_CHARGE = `ch.payer = 'creditor' and not exists (select 1 from settlement_items s where s.item = 'charge:' || ch.id)`;

/** The period's settlement, for a caller that expects one: a period with nothing to settle is refused (`nothing_to_settle`). */
export async function runSettlement(database: Database, input: SettlementRunInput): Promise<SettlementRun> {
  const run = await settlePeriod(database, input);
  if (!run.settled) throw new DomainError("nothing_to_settle", `${run.period.from}–${run.period.to}: ${run.reason}`, "period");
  return run;
}

/** The period's settlement, or that there is nothing to settle (an expected outcome, not an error). */
export async function settlePeriod(database: Database, input: SettlementRunInput): Promise<SettlementRunResult> {
  if (input.to.isBefore(input.from)) throw new DomainError("invalid_input", `the period ends (${input.to}) before it starts (${input.from})`, "to");
  if (input.settledOn.isBefore(input.to)) throw new DomainError("invalid_input", `a period is settled after it ends (${input.to}), not on ${input.settledOn}`, "settledOn");
  return database.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fordring:creditor:${input.creditorId}`]);
    const [existing] = await tx.query<{ id: string; result: unknown; voucher: unknown; queued: boolean }>(
      `select s.id, s.result, s.voucher, exists (select 1 from outbox o where o.idempotency_key = 'settlement-voucher:' || s.id::text) as queued
         from settlements s where s.creditor_id = $1 and s.period_from = $2 and s.period_to = $3`,
      [input.creditorId, input.from.toString(), input.to.toString()],
    );
    if (existing) return summary(existing.id, true, existing.queued, existing.result as ReturnType<typeof toWire<Settlement>>, existing.voucher as ReturnType<typeof toWire<Voucher>>);

    const allocations = await tx.query<{ id: number; case_id: string; payment_id: string; received_on: string; channel: string; bucket: Bucket; amount_minor: number }>(
      `select a.id, a.case_id, a.payment_id, p.received_on, p.channel, a.bucket, a.amount_minor
         from allocations a join payments p on p.id = a.payment_id
        where a.creditor_id = $1 and p.received_on <= $3 and ($4 or p.received_on >= $2) and ${UNSETTLED_ALLOCATION}
        order by a.id`,
      [input.creditorId, input.from.toString(), input.to.toString(), input.includeEarlier === true],
    );
    const charges = await tx.query<{ id: number; case_id: string; kind: string; on: string; amount_minor: number }>(
      `select ch.id, ch.case_id, ch.kind, ch."on", ch.amount_minor from charges ch
        where ch.creditor_id = $1 and ch."on" <= $3 and ($4 or ch."on" >= $2) and ${UNSETTLED_CHARGE}`,
      [input.creditorId, input.from.toString(), input.to.toString(), input.includeEarlier === true],
    );
    if (allocations.length === 0 && charges.length === 0) {
      const period = { from: input.from.toString(), to: input.to.toString() };
      const reason = "nothing to settle: no payment to the agency or to the creditor and no charge to the creditor that is not settled already; no settlement is stored and no voucher is queued";
      return { settled: false, creditorId: input.creditorId, period, cases: 0, payout: "0.00", invoiceToCreditor: "0.00", reason };
    }
    const caseIds = [...new Set([...allocations.map((a) => a.case_id), ...charges.map((c) => c.case_id)])];
    const facts = await tx.query<{ id: string; case_number: string; invoice_number: string; kid: string | null; customer: string }>(
      `select c.id, c.case_number, cl.invoice_number, cl.kid, d.external_id as customer
         from cases c join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id where c.id = any($1::uuid[])`,
      [caseIds],
    );
    // The creditor's currency: its cases, charges and payments are kept in it, and it is settled in it.
    const [creditor] = await tx.query<{ settings: unknown; currency: string }>("select settings, currency from creditors where id = $1", [input.creditorId]);
    if (!creditor) throw new DomainError("not_found", `no creditor ${input.creditorId}`, "creditorId");
    const currency = parseCurrency(creditor.currency, "creditor.currency");
    const inCurrency = (amount: number) => ({ amount, currency });
    const cases: SettlementCaseInput[] = facts.map((f) => {
      const of = (channel: string) =>
        allocations
          .filter((a) => a.case_id === f.id && a.channel === channel)
          .map((a) => ({ paymentId: a.payment_id, receivedOn: LocalDate.parse(a.received_on), bucket: a.bucket, amount: inCurrency(a.amount_minor) }));
      return {
        caseId: f.id,
        caseNumber: f.case_number,
        // Debtors mirrored from a ledger are keyed `<integration id>:<customer code>`.
        customerCode: f.customer.slice(f.customer.lastIndexOf(":") + 1),
        invoiceNumber: f.invoice_number,
        ...(f.kid ? { invoiceKid: f.kid } : {}),
        agencyAllocations: of("agency"),
        directAllocations: of("creditor"),
        creditorCharges: charges.filter((c) => c.case_id === f.id).map((c) => ({ kind: c.kind, on: LocalDate.parse(c.on), amount: inCurrency(c.amount_minor) })),
      };
    });
    const settlementId = randomUUID();
    const agreement = input.agreement ?? settlementSettings(creditor.settings, currency).agreement;
    const earliest = [...allocations.map((a) => a.received_on), ...charges.map((c) => c.on)].sort()[0];
    const lateFrom = input.includeEarlier && earliest !== undefined && earliest < input.from.toString() ? { lateFrom: LocalDate.parse(earliest) } : {};
    const settlement = settle({ settlementId, creditorId: input.creditorId, currency, period: { from: input.from, to: input.to }, ...lateFrom, settledOn: input.settledOn, agreement, cases });
    const voucher = postingProposal(settlement);
    const result = toWire(settlement);
    const wireVoucher = toWire(voucher);
    await tx.query(
      `insert into settlements (id, creditor_id, period_from, period_to, settled_on, result, voucher, payout_minor, invoice_minor) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [settlementId, input.creditorId, input.from.toString(), input.to.toString(), input.settledOn.toString(), JSON.stringify(result), JSON.stringify(wireVoucher), settlement.payout.amount, settlement.invoiceToCreditor.amount],
    );
    const items = [...allocations.map((a) => `allocation:${a.id}`), ...charges.map((c) => `charge:${c.id}`)];
    if (items.length) {
      await tx.query("insert into settlement_items (settlement_id, creditor_id, item) select $1, $2, unnest($3::text[])", [settlementId, input.creditorId, items]);
    }
    const voucherQueued = voucher.lines.length > 0;
    if (voucherQueued) {
      await tx.query(INSERT_OUTBOX_SQL, [outboxRecords(input.creditorId, [outboxMessage("settlement-voucher", `settlement-voucher:${settlementId}`, { settlementId })])]);
    }
    return summary(settlementId, false, voucherQueued, result, wireVoucher);
  });
}

function summary(settlementId: string, duplicate: boolean, voucherQueued: boolean, settlement: ReturnType<typeof toWire<Settlement>>, voucher: ReturnType<typeof toWire<Voucher>>): SettlementRun {
  return { settled: true, settlementId, duplicate, voucherQueued, cases: settlement.lines.length, payout: settlement.payout, invoiceToCreditor: settlement.invoiceToCreditor, outcome: settlement.outcome, settlement, voucher };
}
