import { LocalDate, norwegianDate } from "../../domain/calendar/local-date.js";
import { withReason, type ReasonText } from "../../domain/case/index.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { appendTimeline } from "../cases/case-store.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { RegistryUnavailable, type CompanyRegistry, type CompanyStatus } from "./company-registry.js";
import { recordInsolvency } from "./insolvency.js";

/**
 * The company register checked for a creditor's open cases against business debtors with an
 * organisation number (not already held by an insolvency), each lookup logged (`debtor_checks`:
 * purpose, actor, outcome). Bankrupt → the insolvency hold and a claim notice to the estate
 * (`recordInsolvency`); under winding-up or forced dissolution, or deleted → the case handler is
 * told (needs-attention) — the claim must be reported to the liquidation, or the debtor no longer
 * exists. A register that is down is logged as `unavailable` and the case is checked again on the
 * next run: nothing is skipped silently, nothing is taken as "all clear".
 */
export interface CompanyCheckCounts {
  checked: number;
  bankrupt: number;
  attention: number;
  unavailable: number;
}

export async function checkCompanyStatuses(tx: Queryable, creditorId: string, registry: CompanyRegistry, ctx: { today: LocalDate; actor: string; purpose: string; rules: RuleBook; agency: LetterAgency }): Promise<CompanyCheckCounts> {
  const counts: CompanyCheckCounts = { checked: 0, bankrupt: 0, attention: 0, unavailable: 0 };
  const rows = await tx.query<{ id: string; org_number: string }>(
    `select c.id, d.org_number from cases c join debtors d on d.id = c.debtor_id
      where c.creditor_id = $1 and c.closed_on is null and d.type = 'business' and d.org_number is not null and coalesce(c.hold_kind, '') <> 'insolvency'
        and not exists (select 1 from debtor_checks k where k.case_id = c.id and k.source = 'company-register' and k.checked_on = $2 and k.outcome <> 'unavailable')
      order by c.id`,
    [creditorId, ctx.today.toString()],
  );
  for (const r of rows) {
    let status: CompanyStatus | null = null;
    let outcome = "unavailable";
    try {
      status = await registry.lookup(r.org_number);
      outcome = !status.found ? "not-found" : status.deletedOn ? "deleted" : status.bankrupt ? "bankrupt" : status.windingUp || status.forcedDissolution ? "winding-up" : "ok";
    } catch (e) {
      if (!(e instanceof RegistryUnavailable)) throw e;
    }
    await tx.query("insert into debtor_checks (creditor_id, case_id, source, subject, purpose, actor, checked_on, outcome, data) values ($1, $2, 'company-register', $3, $4, $5, $6, $7, $8)", [
      creditorId, r.id, r.org_number, ctx.purpose, ctx.actor, ctx.today.toString(), outcome, status ? JSON.stringify(status) : null,
    ]);
    if (outcome === "unavailable") {
      counts.unavailable++;
      continue;
    }
    counts.checked++;
    if (outcome === "bankrupt" && status?.found) {
      const on = status.bankruptcyDate ? LocalDate.parse(status.bankruptcyDate) : ctx.today;
      const done = await recordInsolvency(tx, { caseId: r.id, kind: "bankruptcy", on, today: ctx.today, actor: ctx.actor, rules: ctx.rules, agency: ctx.agency, source: "Enhetsregisteret" });
      if (done.ok) counts.bankrupt++;
      continue;
    }
    if (outcome === "winding-up" || outcome === "deleted" || outcome === "not-found") {
      counts.attention++;
      const deletedOn = status?.found && status.deletedOn ? status.deletedOn : null;
      const why: ReasonText =
        outcome === "deleted"
          ? { nb: `Skyldneren ${r.org_number} er slettet i Enhetsregisteret${deletedOn ? ` ${norwegianDate(deletedOn)}` : ""}`, en: `the debtor ${r.org_number} was deleted from Enhetsregisteret${deletedOn ? ` on ${deletedOn}` : ""}` }
          : outcome === "not-found"
            ? { nb: `Ingen enhet ${r.org_number} i Enhetsregisteret`, en: `no entity ${r.org_number} in Enhetsregisteret` }
            : { nb: `Skyldneren ${r.org_number} er under avvikling: meld kravet i avviklingen`, en: `the debtor ${r.org_number} is being wound up: report the claim to the liquidation` };
      await appendTimeline(tx, [{ creditorId, caseId: r.id, on: ctx.today.toString(), actor: ctx.actor, type: "needs-attention", stage: null, ...withReason({ event: "company-status", outcome, orgNumber: r.org_number }, why), dedupeKey: `company-status:${outcome}` }]);
    }
  }
  return counts;
}
