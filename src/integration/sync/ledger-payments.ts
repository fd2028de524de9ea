import { reversePayment } from "../../collection/actions/reverse-payment.js";
import { applyCaseAction } from "../../collection/actions/case-action.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { recordReportedPayment } from "../../collection/cases/case-store.js";
import { DomainError } from "../../domain/errors.js";
import type { LedgerMatchedItem } from "../ledger-connector.js";
import { caseLinksByKid, type CaseLink } from "./case-links.js";
import { scopedRef, sourceOf, type SyncContext } from "./sync-context.js";
import { nextWatermark } from "./watermark.js";

/**
 * Step 3: what happened to the invoices in the ledger — the debtor paid the creditor directly, a
 * credit note, a write-off (tapsføring), a reversal — read since the watermark and recorded on
 * the case. Payments and credit notes go through the case side's `recordPayment` (allocation,
 * timeline, status update to the outbox); reversals through `reversePayment`; write-offs (and
 * reversals whose payment is not on the case) through the case store's `recordReportedPayment`
 * (a `payments` row and a `ledger-payment-reported` timeline row, for the case side to act on). Each item is
 * recorded once: `external_ref` is the integration and the ledger's match item id.
 */

/** Vouchers the agency posts itself carry this `externalImportReference` prefix; they are not news to the case. */
export const AGENCY_VOUCHER_PREFIX = "fordring:";

export interface LedgerPaymentsOptions {
  readonly overlapMs: number;
}

export async function readLedgerPayments(ctx: SyncContext, options: LedgerPaymentsOptions): Promise<void> {
  const { integration, report } = ctx;
  ctx.runState.paymentsRead = true;
  const batch = await ctx.connector.matchedItemsSince(integration.watermark ?? new Date(0));
  for (const u of batch.unreadable) report.setAside("payments", u.ref, u.error);
  const kids = [...new Set(batch.items.map((g) => g.kid).filter((k): k is string => k !== null))];
  const links = await caseLinksByKid(ctx.database, integration.creditorId, integration.id, kids);
  let newestSeen: Date | null = null;
  let earliestSetAside: Date | null = null;
  let unreadable = batch.unreadable.length > 0;
  for (const group of batch.items) {
    for (const item of group.items) if (item.lastChanged && (!newestSeen || item.lastChanged > newestSeen)) newestSeen = item.lastChanged;
    const link = group.kid === null ? undefined : links.get(group.kid);
    if (!link) {
      // Another agency's case, or an invoice we rejected: not ours to record.
      report.count("matchesNotOurs", group.items.length);
      continue;
    }
    for (const item of group.items) {
      if (!(await recordOrSetAside(ctx, link, item))) {
        if (item.lastChanged === null) unreadable = true;
        else if (!earliestSetAside || item.lastChanged < earliestSetAside) earliestSetAside = item.lastChanged;
      }
    }
  }
  const watermark = nextWatermark({ previous: integration.watermark, newestSeen, earliestSetAside, unreadable, overlapMs: options.overlapMs });
  if (watermark !== integration.watermark) await ctx.database.query("update ledger_integrations set watermark = $2 where id = $1", [integration.id, watermark]);
}

/** Every item matched against one case's invoice (read when the ledger takes the case). Never throws: failures are set aside. */
export async function recordInvoicePayments(ctx: SyncContext, link: CaseLink): Promise<void> {
  try {
    const batch = await ctx.connector.matchedItems(link.invoiceId);
    for (const u of batch.unreadable) ctx.report.setAside("payments", u.ref, u.error);
    for (const item of batch.items) await recordOrSetAside(ctx, link, item);
  } catch (e) {
    ctx.report.setAside("payments", link.invoiceId, e, { invoiceNumber: link.invoiceNumber });
  }
}

async function recordOrSetAside(ctx: SyncContext, link: CaseLink, item: LedgerMatchedItem): Promise<boolean> {
  try {
    ctx.report.count(await recordItem(ctx, link, item));
    return true;
  } catch (e) {
    ctx.report.setAside("payments", item.id, e, { invoiceNumber: link.invoiceNumber });
    return false;
  }
}

type Channel = "creditor" | "credit-note" | "write-off" | "reversal" | "marked-paid";

/** The reason on the timeline when the creditor marked the invoice paid in its ledger (in the case's language of the staff: Swedish for a Swedish creditor's ledger text, and English). */
export const MARKED_PAID_REASON = "Fakturan markerades som betald i bokföringen (MARKED_PAID): borgenären har avslutat fordringen direkt med gäldenären, så ärendet återkallas. / The invoice was marked paid in the ledger: the creditor settled it directly with the debtor, so the case is withdrawn.";

async function recordItem(ctx: SyncContext, link: CaseLink, item: LedgerMatchedItem): Promise<string> {
  if (link.preTransferItemIds.includes(item.id)) return "matchesBeforeTransfer";
  if (item.externalImportReference?.startsWith(AGENCY_VOUCHER_PREFIX)) return "matchesPostedByUs";
  const source = sourceOf(ctx);
  const externalRef = scopedRef(ctx, item.id);
  const [known] = await ctx.database.query("select 1 from payments where creditor_id = $1 and source = $2 and external_ref = $3", [link.creditorId, source, externalRef]);
  if (known) return "matchesAlreadyRecorded";
  if (item.currency !== link.currency) throw new DomainError("unsupported_currency", `match ${item.id} is in ${item.currency}; case ${link.caseNumber} runs in ${link.currency}`, "currency");
  // The ledger posts a payment as a credit (negative); the case sees what it takes off the debt.
  const reduction = -item.amountMinor;
  if (reduction === 0) return "matchesOfZero";
  const channel: Channel = item.kind === "reversal" || reduction < 0 ? "reversal" : item.kind === "write-off" ? "write-off" : item.kind === "credit-note" ? "credit-note" : item.kind === "marked-paid" ? "marked-paid" : "creditor";
  const reference = `${item.voucherType} ${item.voucherNo ?? ""}`.trim();
  await ctx.database.transaction(async (tx) => {
    if (channel === "marked-paid") {
      // Settled with the creditor: the amount is paid to the creditor; what the case still holds
      // (costs, interest, a rest) is not pursued — the case is withdrawn, its costs following the
      // creditor's agreement (the withdrawal rule), with the reason on the timeline.
      const paid = await recordPayment(tx, { caseId: link.caseId, amountMinor: reduction, receivedOn: item.voucherDate, channel: "creditor", source, externalRef, reference: `${reference} (MARKED_PAID)`, today: ctx.today, actor: ctx.actor, rules: ctx.rules, agency: ctx.agency });
      if (paid.recorded && paid.stage !== "closed") {
        const withdrawn = await applyCaseAction(tx, { caseId: link.caseId, event: { type: "withdraw" }, today: ctx.today, actor: ctx.actor, note: MARKED_PAID_REASON, rules: ctx.rules, agency: ctx.agency });
        if (!withdrawn.ok) throw new DomainError("refused", `case ${link.caseNumber}: marked paid in the ledger, but the case could not be withdrawn: ${withdrawn.text.en}`, "case");
      }
      return;
    }
    if (channel === "creditor" || channel === "credit-note") {
      await recordPayment(tx, {
        caseId: link.caseId,
        amountMinor: reduction,
        receivedOn: item.voucherDate,
        channel,
        source,
        externalRef,
        reference,
        today: ctx.today,
        actor: ctx.actor,
        rules: ctx.rules,
        agency: ctx.agency,
      });
      return;
    }
    if (channel === "reversal") {
      // Undo the payment it reverses on the case (reopening it if that payment had closed it).
      await tx.query("savepoint ledger_reversal");
      try {
        await reversePayment(tx, { caseId: link.caseId, amountMinor: -reduction, on: item.voucherDate, source, externalRef, reference, today: ctx.today, actor: ctx.actor, rules: ctx.rules, agency: ctx.agency });
        await tx.query("release savepoint ledger_reversal");
        return;
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== "not_found") throw e;
        // No payment of that amount on the case: recorded as reported, for a person to look at.
        await tx.query("rollback to savepoint ledger_reversal");
      }
    }
    // A write-off (tapsføring) is the creditor's bookkeeping: the claim stays in collection
    // (surveillance), so it is recorded on the timeline and changes no balance. A reversal whose
    // payment cannot be found is recorded the same way. A reversal is negative (money taken back).
    await recordReportedPayment(tx, {
      creditorId: link.creditorId,
      caseId: link.caseId,
      receivedOn: item.voucherDate,
      amountMinor: reduction,
      currency: item.currency,
      channel,
      source,
      externalRef,
      reference,
      today: ctx.today,
      actor: ctx.actor,
      data: { channel, amount: reduction, voucherDate: item.voucherDate.toString(), voucherType: item.voucherType, voucherNo: item.voucherNo, ledgerItemId: item.id },
    });
  });
  return channel === "marked-paid" ? "markedPaidRecorded" : channel === "creditor" ? "paymentsRecorded" : channel === "credit-note" ? "creditNotesRecorded" : channel === "write-off" ? "writeOffsRecorded" : "reversalsRecorded";
}
