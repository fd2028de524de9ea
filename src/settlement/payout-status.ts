import { createHash } from "node:crypto";
import { writeAudit } from "../access/audit.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import type { Database, Queryable } from "../platform/db/database.js";
import { describeReasons, readPain002, type PayoutStatus, type ReportedStatus } from "./pain002.js";
import { settlementPayoutFile, type PayoutFile } from "./payout.js";
import type { Pain001Version } from "./pain001.js";

/**
 * Payouts and the bank's answers to them (docs/SETTLEMENT.md, "Payout status"):
 *
 * - `issuePayoutFile` writes a settlement's payout file (pain.001) and records it in `payouts`
 *   (attempt 1; asked again, the same attempt's file is written again: the same payment);
 * - `importPayoutStatusReport` reads a pain.002 from the bank and sets the status of each payout
 *   it names — accepted, rejected with the reason, partially accepted, pending, received — the
 *   most specific level the bank reported (the payment, else its batch, else the whole file);
 * - `reissuePayout` writes a new file (attempt n + 1, new ids) for a payout the bank rejected, to
 *   the creditor's account as it is now; only a rejected payout can be re-issued, so a payout is
 *   never sent twice.
 */
export interface PayoutFileRequest {
  readonly settlementId: string;
  readonly version: Pain001Version;
  readonly debtor: { readonly name: string; readonly iban: string; readonly bic: string };
  readonly createdAt: Date;
  readonly today: LocalDate;
}

/** The settlement's current payout file (its latest attempt, or the first), recorded in `payouts`. */
export async function issuePayoutFile(db: Database, req: PayoutFileRequest): Promise<PayoutFile> {
  return db.transaction(async (tx) => {
    await lockSettlement(tx, req.settlementId);
    const [latest] = await tx.query<{ attempt: number }>("select attempt from payouts where settlement_id = $1 order by attempt desc limit 1", [req.settlementId]);
    const file = await settlementPayoutFile(tx, { ...req, attempt: latest?.attempt ?? 1 });
    await record(tx, req.settlementId, file);
    return file;
  });
}

/** A new payout file for a payout the bank rejected: attempt n + 1 with ids of its own. */
export async function reissuePayout(db: Database, req: PayoutFileRequest & { readonly actor: string }): Promise<PayoutFile> {
  return db.transaction(async (tx) => {
    await lockSettlement(tx, req.settlementId);
    const [latest] = await tx.query<{ attempt: number; status: string; reason: string | null }>("select attempt, status, reason from payouts where settlement_id = $1 order by attempt desc limit 1", [req.settlementId]);
    if (!latest) throw new DomainError("not_rejected", `settlement ${req.settlementId} has no payout file yet: write it first; only a payout the bank rejected is re-issued`, "settlementId");
    if (latest.status !== "rejected") {
      throw new DomainError("not_rejected", `the payout of settlement ${req.settlementId} (attempt ${latest.attempt}) is ${latest.status.replace("_", " ")}, not rejected: a new file could pay the creditor twice`, "settlementId");
    }
    const file = await settlementPayoutFile(tx, { ...req, attempt: latest.attempt + 1 });
    await record(tx, req.settlementId, file);
    await writeAudit(tx, {
      actorKind: req.actor.startsWith("cli:") ? "system" : "user",
      actorId: null,
      actorLabel: req.actor,
      firmId: null,
      creditorId: file.creditor.id,
      action: "payout.reissue",
      target: req.settlementId,
      ip: null,
      outcome: "ok",
      details: { attempt: file.attempt, messageId: file.messageId, account: file.creditor.account, rejectedBecause: latest.reason },
    });
    return file;
  });
}

async function lockSettlement(tx: Queryable, settlementId: string): Promise<void> {
  const [s] = await tx.query<{ id: string }>("select id from settlements where id = $1 for update", [settlementId]);
  if (!s) throw new DomainError("not_found", `no settlement ${settlementId}`, "settlementId");
}

async function record(tx: Queryable, settlementId: string, f: PayoutFile): Promise<void> {
  await tx.query(
    `insert into payouts (settlement_id, creditor_id, attempt, message_id, end_to_end_id, amount_minor, currency, account)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (settlement_id, attempt) do nothing`,
    [settlementId, f.creditor.id, f.attempt, f.messageId, f.endToEndId, f.amountMinor, f.currency, f.creditor.account],
  );
}

export interface AppliedStatus {
  readonly settlementId: string;
  readonly creditorCode: string;
  readonly attempt: number;
  readonly messageId: string;
  readonly endToEndId: string;
  readonly status: PayoutStatus;
  readonly code: string;
  readonly reason: string | null;
  /** The payout had a final answer (accepted or rejected) and this report's was only received/pending: kept as it was. */
  readonly kept?: true;
}

export interface UnmatchedStatus {
  readonly where: string;
  readonly endToEndId: string | null;
  readonly paymentInformationId: string | null;
  readonly code: string;
  readonly reason: string | null;
  readonly why: string;
}

export interface StatusImport {
  readonly reportId: string;
  readonly messageId: string;
  readonly originalMessageId: string;
  readonly groupStatus: string | null;
  readonly applied: readonly AppliedStatus[];
  readonly unmatched: readonly UnmatchedStatus[];
}

const FINAL: readonly string[] = ["accepted", "rejected"];

/**
 * Imports a pain.002 status report. Refused whole (nothing stored) when it is not one, when it
 * answers a file Fordring did not write, or when the same report (by the bank's message id) was
 * imported before. What it names that no payout matches is listed in `unmatched`, not dropped.
 */
export async function importPayoutStatusReport(db: Database, xml: string, opts: { readonly now: Date; readonly actor: string }): Promise<StatusImport> {
  const report = readPain002(xml);
  const sha256 = createHash("sha256").update(xml).digest("hex");
  return db.transaction(async (tx) => {
    const [before] = await tx.query<{ imported_at: Date | string; imported_by: string }>("select imported_at, imported_by from payout_status_reports where message_id = $1", [report.messageId]);
    if (before) {
      throw new DomainError("already_imported", `status report ${report.messageId} was already imported on ${new Date(before.imported_at).toISOString().slice(0, 10)} (by ${before.imported_by}); nothing applied again`, "MsgId");
    }
    const payouts = await tx.query<{ id: string; settlement_id: string; attempt: number; message_id: string; end_to_end_id: string; status: string; code: string; creditor_id: string }>(
      `select p.id, p.settlement_id, p.attempt, p.message_id, p.end_to_end_id, p.status, c.code, p.creditor_id
         from payouts p join creditors c on c.id = p.creditor_id where p.message_id = $1 for update of p`,
      [report.originalMessageId],
    );
    if (payouts.length === 0) {
      throw new DomainError("unknown_payout_file", `the report answers payout file ${report.originalMessageId}, which Fordring did not write (no payout has that message id); nothing applied`, "OrgnlGrpInfAndSts/OrgnlMsgId");
    }
    // Each payout's most specific status: its own payment's, else its batch's, else the file's.
    const decided = new Map<string, { s: ReportedStatus; level: number }>();
    const unmatched: UnmatchedStatus[] = [];
    const decide = (id: string, s: ReportedStatus, level: number) => {
      const had = decided.get(id);
      if (!had || had.level <= level) decided.set(id, { s, level });
    };
    if (report.group) for (const p of payouts) decide(p.id, report.group, 0);
    report.batches.forEach((b, i) => {
      const where = `OrgnlPmtInfAndSts[${i + 1}]`;
      // Fordring's files have one batch whose PmtInfId is the message id.
      const inBatch = payouts.filter((p) => b.paymentInformationId === "" || b.paymentInformationId === p.message_id);
      if (b.status) {
        if (inBatch.length === 0) unmatched.push({ where, endToEndId: null, paymentInformationId: b.paymentInformationId, code: b.status.code, reason: describeReasons(b.status.reasons), why: "no payout file of Fordring has this payment information id" });
        for (const p of inBatch) decide(p.id, b.status, 1);
      }
      b.transactions.forEach((t, j) => {
        if (!t.status) return;
        const p = t.endToEndId === null ? undefined : payouts.find((x) => x.end_to_end_id === t.endToEndId);
        if (p) decide(p.id, t.status, 2);
        else unmatched.push({ where: `${where}/TxInfAndSts[${j + 1}]`, endToEndId: t.endToEndId, paymentInformationId: b.paymentInformationId, code: t.status.code, reason: describeReasons(t.status.reasons), why: t.endToEndId === null ? "the payment is not named by an end-to-end id" : "no payout in this file has this end-to-end id" });
      });
    });
    const [row] = await tx.query<{ id: string }>(
      `insert into payout_status_reports (message_id, original_message_id, group_status, report_created_at, sha256, outcome, imported_by, imported_at)
       values ($1, $2, $3, $4, $5, '{}', $6, $7) returning id`,
      [report.messageId, report.originalMessageId, report.group?.code ?? null, report.createdAt || null, sha256, opts.actor, opts.now],
    );
    const reportId = row!.id;
    const applied: AppliedStatus[] = [];
    for (const p of payouts) {
      const d = decided.get(p.id);
      if (!d) continue;
      const reason = describeReasons(d.s.reasons);
      const base = { settlementId: p.settlement_id, creditorCode: p.code, attempt: p.attempt, messageId: p.message_id, endToEndId: p.end_to_end_id, status: d.s.status, code: d.s.code, reason };
      if (FINAL.includes(p.status) && (d.s.status === "received" || d.s.status === "pending")) {
        applied.push({ ...base, kept: true });
        continue;
      }
      await tx.query("update payouts set status = $2, status_code = $3, reason = $4, status_report_id = $5, status_at = $6 where id = $1", [p.id, d.s.status, d.s.code, reason, reportId, opts.now]);
      applied.push(base);
      if (d.s.status === "rejected") {
        await writeAudit(tx, { actorKind: "system", actorId: null, actorLabel: opts.actor, firmId: null, creditorId: p.creditor_id, action: "payout.rejected", target: p.settlement_id, ip: null, outcome: "failed", details: { messageId: p.message_id, attempt: p.attempt, code: d.s.code, reason } });
      }
    }
    await tx.query("update payout_status_reports set outcome = $2 where id = $1", [reportId, JSON.stringify({ applied, unmatched })]);
    return { reportId, messageId: report.messageId, originalMessageId: report.originalMessageId, groupStatus: report.group?.code ?? null, applied, unmatched };
  });
}
