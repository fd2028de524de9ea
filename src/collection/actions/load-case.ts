import { DomainError } from "../../domain/errors.js";
import type { Queryable } from "../../platform/db/database.js";
import type { DueCaseRow } from "../engine/letter-for-case.js";

/**
 * Loads a case for a change: takes the creditor's advisory lock (the same one the daily cycle
 * holds, so an action and the cycle never interleave on one creditor) and locks the row.
 */
export async function lockCase(tx: Queryable, caseId: string): Promise<DueCaseRow> {
  const [head] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [caseId]);
  if (!head) throw new DomainError("not_found", `no case ${caseId}`, "caseId");
  await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`fordring:creditor:${head.creditor_id}`]);
  const [row] = await tx.query<DueCaseRow>(
    `select c.*, d.name as debtor_name, d.address as debtor_address, d.language as debtor_language, d.external_id as debtor_external_id,
            cl.invoice_number, cl.issue_date, cl.due_date as claim_due_date, cl.description
       from cases c join debtors d on d.id = c.debtor_id join claims cl on cl.id = c.claim_id
      where c.id = $1
      for update of c`,
    [caseId],
  );
  return row!;
}
