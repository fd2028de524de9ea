import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import { recordPayment } from "../actions/record-payment.js";
import type { IncomingPayment } from "../bank-files/index.js";
import { bankExternalRef, bankPaymentColumns, duplicateReason, likelyRepeats, reasonColumns, recordable, refusalReason, trustedKid, unmatchedReason, type ImportEnv, type LineOutcome, type UnmatchedReason } from "./bank-lines.js";

/**
 * One bank line at a time, each under its own savepoint, through `recordPayment` — the reference
 * behaviour the set-based path (`apply-chunk.ts`) must equal, and its fallback when a chunk fails.
 * One line that cannot be applied (dated after today, before the case's last principal change, …)
 * is queued with its reason; it never takes the rest of the file down.
 */
export async function applyLine(tx: Queryable, p: IncomingPayment, env: ImportEnv): Promise<LineOutcome> {
  const kid = trustedKid(p);
  const [found] = kid ? await tx.query<{ id: string; currency: string }>("select id, currency from cases where kid = $1 union all select c.id, c.currency from payment_plan_kids k join cases c on c.id = k.case_id where k.kid = $1", [kid]) : [];
  const caseId = found?.id ?? null;
  const c = bankPaymentColumns(p);
  const [row] = await tx.query<{ id: string }>(
    `insert into bank_payments (bank_file_id, line_ref, reference, reference_valid, amount_minor, currency, booked_on, payer, bank_reference, raw, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'unmatched') returning id`,
    [env.bankFileId, c.line_ref, c.reference, c.reference_valid, c.amount_minor, c.currency, c.booked_on, c.payer ? JSON.stringify(c.payer) : null, c.bank_reference, c.raw],
  );
  const bankPaymentId = row!.id;
  let reason: UnmatchedReason = unmatchedReason(p, found ?? null);
  const repeat = caseId && found && recordable(p, found) ? (await likelyRepeats(tx, env.bankFileId, [p])).get(0) : undefined;
  if (repeat) reason = repeat;
  else if (caseId && found && recordable(p, found)) {
    await tx.query("savepoint bank_line");
    try {
      const result = await recordPayment(tx, {
        caseId,
        amountMinor: p.amount.amount,
        receivedOn: p.bookedOn,
        channel: "agency",
        source: "bank",
        externalRef: bankExternalRef(env.sha256, p),
        reference: p.reference.value,
        today: env.today,
        actor: env.actor,
        rules: env.rules,
        agency: env.agency,
      });
      await tx.query("release savepoint bank_line");
      if (result.recorded) {
        const [m] = await tx.query<{ creditor_id: string }>(
          "update bank_payments set status = 'matched', case_id = $2, payment_id = $3, creditor_id = (select creditor_id from cases where id = $2) where id = $1 returning creditor_id",
          [bankPaymentId, caseId, result.paymentId],
        );
        return { status: "matched", caseId, creditorId: m!.creditor_id, paymentId: result.paymentId, reason: null, bankPaymentId };
      }
      const dup = duplicateReason(p);
      const r = reasonColumns(dup);
      await tx.query("update bank_payments set status = 'duplicate', case_id = $2, payment_id = $3, note = $4, reason_code = $5, reason_data = $6 where id = $1", [
        bankPaymentId,
        caseId,
        result.paymentId,
        r.note,
        r.reason_code,
        JSON.stringify(r.reason_data),
      ]);
      return { status: "duplicate", caseId, creditorId: null, paymentId: result.paymentId, reason: dup, bankPaymentId };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      await tx.query("rollback to savepoint bank_line");
      await tx.query("release savepoint bank_line");
      reason = refusalReason(e);
    }
  }
  const r = reasonColumns(reason);
  await tx.query("update bank_payments set note = $2, reason_code = $3, reason_data = $4 where id = $1", [bankPaymentId, r.note, r.reason_code, JSON.stringify(r.reason_data)]);
  return { status: "unmatched", caseId: null, creditorId: null, paymentId: null, reason, bankPaymentId };
}
