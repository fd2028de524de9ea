import type { Database } from "../platform/db/database.js";
import { creditorAudience } from "./audience.js";
import { clientMailLocale, syncFailedMail } from "./client-mails.js";
import type { Mailer } from "./mailer.js";
import { notifyUsers } from "./notifications.js";
import { sendOnce } from "./send-once.js";

/** A ledger integration whose latest finished sync failed, with the first failed run of its streak. */
export interface FailureStreak {
  readonly integrationId: string;
  readonly creditorId: string;
  readonly creditor: string;
  readonly ledger: string;
  /** The first failed run after the last run that worked: the streak's key. */
  readonly firstRunId: string;
  readonly failedOn: string;
  readonly runs: number;
  /** The latest run's step errors (code and the ledger's or our detail). */
  readonly errors: readonly { code: string; detail: string }[];
}

/**
 * The failure streaks now: per active integration whose latest finished run is `failed`, the
 * failed runs since the last run that worked (`ok` or `partial`; an `abandoned` run, a process
 * that stopped, neither starts nor ends a streak).
 */
export async function currentFailureStreaks(database: Database): Promise<FailureStreak[]> {
  const rows = await database.query<{ integration_id: string; creditor_id: string; creditor: string; kind: string; first_run_id: string; failed_on: string; runs: number; items: { ref?: string; error?: { code?: string; detail?: string } }[]; error: string | null }>(
    `with latest as (
       select distinct on (r.integration_id) r.integration_id, r.creditor_id, r.status, r.items, r.error
         from sync_runs r join ledger_integrations li on li.id = r.integration_id and li.active
        where r.status in ('ok', 'partial', 'failed') order by r.integration_id, r.started_at desc),
     streak as (
       select l.*, r.id as run_id, r.business_date, r.started_at
         from latest l join sync_runs r on r.integration_id = l.integration_id and r.status = 'failed'
          and r.started_at > coalesce((select max(w.started_at) from sync_runs w where w.integration_id = l.integration_id and w.status in ('ok', 'partial')), '-infinity')
        where l.status = 'failed')
     select distinct on (s.integration_id) s.integration_id, s.creditor_id, c.name as creditor, li.kind, s.run_id as first_run_id, s.business_date as failed_on,
            count(*) over (partition by s.integration_id)::int as runs, s.items, s.error
       from streak s join creditors c on c.id = s.creditor_id join ledger_integrations li on li.id = s.integration_id
      order by s.integration_id, s.started_at`,
  );
  return rows.map((r) => {
    const stepErrors = (r.items ?? []).filter((i) => i.ref === "step" && i.error?.code).map((i) => ({ code: i.error!.code!, detail: i.error!.detail ?? "" }));
    return {
      integrationId: r.integration_id, creditorId: r.creditor_id, creditor: r.creditor, ledger: r.kind, firstRunId: r.first_run_id, failedOn: r.failed_on, runs: r.runs,
      errors: stepErrors.length > 0 ? stepErrors : [{ code: "other", detail: r.error ?? "" }],
    };
  });
}

/**
 * A failed sync to the creditor's people: a notification in the portal and (when e-mail is
 * configured) an e-mail with the error in words, once per failure streak — the key is the streak's
 * first failed run, so the next failures of the same streak send nothing, and a failure after a
 * run that worked again starts a new streak and is told again. Runs after every sync.
 */
export async function announceSyncFailures(database: Database, o: { mailer: Mailer | null; portalUrl: string }): Promise<{ notified: number; sent: number }> {
  let notified = 0;
  let sent = 0;
  for (const s of await currentFailureStreaks(database)) {
    const audience = await creditorAudience(database, s.creditorId);
    notified += await notifyUsers(database, audience.map((u) => u.userId), { kind: "sync-failed", key: s.firstRunId, creditorId: s.creditorId, data: { ledger: s.ledger, failedOn: s.failedOn, codes: [...new Set(s.errors.map((e) => e.code))] } });
    if (!o.mailer) continue;
    for (const u of audience) {
      const mail = syncFailedMail(clientMailLocale(u.locale), { name: u.name, creditor: s.creditor, ledger: s.ledger, failedOn: s.failedOn, errors: s.errors, url: o.portalUrl ? `${o.portalUrl}/creditors/${s.creditorId}` : "" });
      if (await sendOnce(database, o.mailer, { userId: u.userId, kind: "sync-failed", key: s.firstRunId }, { to: u.email, ...mail })) sent++;
    }
  }
  return { notified, sent };
}
