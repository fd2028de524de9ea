import { randomUUID } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { planOpening, type ClaimToOpen as DomainClaimToOpen } from "../../domain/case/index.js";
import type { Queryable } from "../../platform/db/database.js";
import { claimsWithCases, drawCaseNumbers, writeOpenings } from "./case-store.js";
import type { CreditorContext } from "./creditor.js";

/**
 * Transfer: exactly one case per claim (the unique index on `cases.claim_id` makes a second
 * attempt a no-op), with a case number and a KID from the agency-wide sequence, the first
 * timeline row, and the write-back of the case number to the ledger as an outbox row — all in
 * the caller's transaction. Set-based: load (which claims have a case), draw the numbers, plan
 * each opening (`planOpening`; a collection notice the ledger already sent is judged by the rule
 * core), write them through the case store — a constant number of statements for any number of
 * claims.
 */
export type ClaimToOpen = DomainClaimToOpen;

export interface OpenedCase {
  caseId: string;
  claimId: string;
  caseNumber: string;
  kid: string;
}

/** Where case numbers come from: the agency-wide sequence, or (a what-if run that is rolled back) numbers of its own. */
export type CaseNumberSource = (tx: Queryable, count: number) => Promise<number[]>;

export async function openCases(tx: Queryable, creditor: CreditorContext, claims: readonly ClaimToOpen[], today: LocalDate, actor: string, numbers: CaseNumberSource = drawCaseNumbers): Promise<OpenedCase[]> {
  const existing = await claimsWithCases(tx, claims.map((c) => c.claimId));
  const seen = new Set<string>();
  const toOpen = claims.filter((c) => {
    if (existing.has(c.claimId) || seen.has(c.claimId)) return false;
    seen.add(c.claimId);
    return true;
  });
  if (toOpen.length === 0) return [];
  const drawn = await numbers(tx, toOpen.length);
  const openings = toOpen.map((c, i) => planOpening(c, { caseId: randomUUID(), number: drawn[i]!, creditor, today }));
  const written = await writeOpenings(tx, creditor.id, openings, today, actor);
  return written.map((o) => ({ caseId: o.caseId, claimId: o.claimId, caseNumber: o.caseNumber, kid: o.kid }));
}
