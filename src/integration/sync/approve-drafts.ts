import { loadCreditor } from "../../collection/cases/creditor.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { parseCurrency, type Currency } from "../../domain/money.js";
import type { Database } from "../../platform/db/database.js";
import type { DraftBasis } from "./import-batch.js";
import { openLinkedCases, type LinkedClaim } from "./open-linked-cases.js";
import type { StoredReason } from "./transfer-decision.js";

/**
 * The draft list (utkast inkasso, docs/POWEROFFICE.md "Transfer policy and the draft list"): invoices the sync judged transferable but
 * held for a person — manual mode, or held back in automatic mode. Approving opens their cases by
 * the sync's own path (openLinkedCases: `case-opened` outbox row, `ledger-invoice-linked`
 * timeline row) and marks them `transferred`; the next sync registers them in the ledger and reads
 * the payments booked on them since they were judged. Approving twice opens one case: a claim is
 * locked, and only a draft without a case is opened. Anything else is refused with its reason,
 * per claim, and the rest go on.
 */
export interface ApproveDraftsInput {
  readonly creditorId: string;
  /** The claims to approve, or every draft of the creditor. */
  readonly claimIds: readonly string[] | "all";
  readonly actor: string;
  readonly today: LocalDate;
}

export interface ApproveDraftsResult {
  readonly approved: number;
  readonly cases: { claimId: string; caseId: string; caseNumber: string }[];
  readonly refused: { claimId: string; reason: string }[];
}

interface Eligibility {
  readonly status?: string;
  readonly reasons?: readonly StoredReason[];
  readonly eligibleOn?: string | null;
  readonly basis?: DraftBasis;
}

interface ClaimRow {
  id: string;
  creditor_id: string;
  transfer_state: string | null;
  eligibility: Eligibility | null;
  debtor_id: string;
  due_date: string;
  open_minor: number;
  invoice_number: string;
  case_number: string | null;
}

/** Claims approved per transaction. */
const CHUNK = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function approveDrafts(database: Database, input: ApproveDraftsInput): Promise<ApproveDraftsResult> {
  const creditor = await loadCreditor(database, input.creditorId);
  const refused: { claimId: string; reason: string }[] = [];
  let ids: string[];
  if (input.claimIds === "all") {
    const rows = await database.query<{ id: string }>("select id from claims where creditor_id = $1 and transfer_state = 'draft' order by due_date, invoice_number", [creditor.id]);
    ids = rows.map((r) => r.id);
  } else {
    ids = [];
    for (const id of new Set(input.claimIds)) {
      if (UUID.test(id)) ids.push(id.toLowerCase());
      else refused.push({ claimId: id, reason: `"${id}" is not a claim id` });
    }
  }

  const cases: ApproveDraftsResult["cases"] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await database.transaction(async (tx) => {
      const rows = await tx.query<ClaimRow>(
        `select cl.id, cl.creditor_id, cl.transfer_state, cl.eligibility, cl.debtor_id, cl.due_date, cl.open_minor, cl.invoice_number, k.case_number
           from claims cl left join cases k on k.claim_id = cl.id where cl.id = any($1::uuid[]) for update of cl`,
        [chunk],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // An invoice number already registered as a case is a duplicate (docs/RULES.md § 8).
      const numbers = await tx.query<{ invoice_number: string; case_number: string }>(
        `select cl.invoice_number, k.case_number from claims cl join cases k on k.claim_id = cl.id where cl.creditor_id = $1 and cl.invoice_number = any($2::text[])`,
        [creditor.id, rows.map((r) => r.invoice_number)],
      );
      const caseOfNumber = new Map(numbers.map((n) => [n.invoice_number, n.case_number]));
      const toOpen: LinkedClaim[] = [];
      for (const id of chunk) {
        const row = byId.get(id);
        const reason = row === undefined || row.creditor_id !== creditor.id ? `no claim ${id} of creditor ${creditor.code}` : refusal(row, caseOfNumber);
        if (reason !== null) {
          refused.push({ claimId: id, reason });
          continue;
        }
        const basis = row!.eligibility!.basis!;
        caseOfNumber.set(row!.invoice_number, "(approved now)");
        toOpen.push({
          claimId: row!.id,
          debtorId: row!.debtor_id,
          debtorType: basis.debtorType,
          dueDate: LocalDate.parse(row!.due_date),
          principalMinor: row!.open_minor,
          ledgerNotice: basis.ledgerNotice ? { sentOn: LocalDate.parse(basis.ledgerNotice.sentOn), deadline: LocalDate.parse(basis.ledgerNotice.deadline) } : null,
          integrationId: basis.integrationId,
          kind: basis.kind,
          invoiceId: basis.invoiceId,
          invoiceNumber: row!.invoice_number,
          preTransferItemIds: basis.preTransferItemIds,
        });
      }
      const opened = await openLinkedCases(tx, creditor, toOpen, input.today, input.actor);
      if (opened.length > 0) {
        await tx.query(
          `update claims set eligibility = eligibility || jsonb_build_object('approvedBy', $2::text, 'approvedOn', $3::text) where id = any($1::uuid[])`,
          [opened.map((o) => o.claimId), input.actor, input.today.toString()],
        );
      }
      for (const o of opened) cases.push({ claimId: o.claimId, caseId: o.caseId, caseNumber: o.caseNumber });
    });
  }
  return { approved: cases.length, cases, refused };
}

function refusal(row: ClaimRow, caseOfNumber: ReadonlyMap<string, string>): string | null {
  if (row.case_number !== null) return `already transferred (case ${row.case_number})`;
  const e = row.eligibility;
  const why = (e?.reasons ?? []).filter((r) => r.blocking || row.transfer_state !== "blocked").map((r) => r.text.en).join("; ");
  switch (row.transfer_state) {
    case "draft":
      break;
    case null:
      return "not judged for transfer yet (the next ledger sync judges it)";
    case "waiting":
      return `not a draft: it is waiting${e?.eligibleOn ? ` until ${e.eligibleOn}` : ""}${why ? ` (${why})` : ""}`;
    case "blocked":
      return `not a draft: it is blocked${why ? ` (${why})` : ""}`;
    default:
      return `not a draft: it is ${row.transfer_state}`;
  }
  if (!e?.basis) return "the draft has no ledger link (the next ledger sync judges it again)";
  const other = caseOfNumber.get(row.invoice_number);
  if (other !== undefined) return `invoice number ${row.invoice_number} is already on case ${other}`;
  return null;
}

/** The creditor's invoices in one transfer state, with the decision kept on each: what the draft list shows. */
export interface TransferListItem {
  readonly claimId: string;
  readonly invoiceNumber: string;
  readonly debtor: string;
  readonly dueDate: string;
  readonly openMinor: number;
  /** The invoice's currency, which `openMinor` is in. */
  readonly currency: Currency;
  readonly state: string;
  readonly eligibleOn: string | null;
  readonly judgedOn: string | null;
  readonly reasons: readonly StoredReason[];
}

export async function listTransferClaims(database: Database, o: { creditorId: string; state: "draft" | "waiting" | "blocked" | "transferred" }): Promise<TransferListItem[]> {
  const rows = await database.query<{ id: string; invoice_number: string; debtor: string; due_date: string; open_minor: number; currency: string; transfer_state: string; eligibility: (Eligibility & { judgedOn?: string }) | null }>(
    `select cl.id, cl.invoice_number, d.name as debtor, cl.due_date, cl.open_minor, cl.currency, cl.transfer_state, cl.eligibility
       from claims cl join debtors d on d.id = cl.debtor_id where cl.creditor_id = $1 and cl.transfer_state = $2 order by cl.due_date, cl.invoice_number`,
    [o.creditorId, o.state],
  );
  return rows.map((r) => ({
    claimId: r.id,
    invoiceNumber: r.invoice_number,
    debtor: r.debtor,
    dueDate: r.due_date,
    openMinor: r.open_minor,
    currency: parseCurrency(r.currency, "claim.currency"),
    state: r.transfer_state,
    eligibleOn: r.eligibility?.eligibleOn ?? null,
    judgedOn: r.eligibility?.judgedOn ?? null,
    reasons: r.eligibility?.reasons ?? [],
  }));
}
