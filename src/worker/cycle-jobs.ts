import type { PgBoss } from "pg-boss";
import type { SecretBox } from "../access/secret-box.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { runCycleDay, type CycleCounts } from "../collection/engine/daily-cycle.js";
import { renderQueuedLetters } from "../collection/letters/render-queued.js";
import type { Clock } from "../platform/clock.js";
import type { Config } from "../platform/config.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { Metrics } from "../platform/metrics.js";
import type { RuleBook } from "../platform/rule-book.js";
import { channelsFrom, type DeliveryChannels } from "../delivery/delivery-config.js";

/**
 * The daily cycle on pg-boss: a cron job each morning fans out one `cycle-day` job per active
 * creditor for the business date, with the singleton key (creditor, date, step) so the same day
 * is never queued twice; each job runs the creditor's day (itself idempotent) and then queues
 * the letters for rendering. Failed jobs are retried with backoff.
 */
export const QUEUES = {
  schedule: "cycle-schedule",
  day: "cycle-day",
  letters: "render-letters",
  deliver: "deliver-letters",
  digest: "daily-digest",
  weeklyList: "weekly-list",
  letterStatus: "letter-status",
  printBatch: "print-batch",
  sync: "ledger-sync",
  webhooks: "webhooks",
  settle: "settlements",
  debtorInfo: "debtor-info",
} as const;

/** A running job's worker refreshes it every half of this; a job silent for longer is retried elsewhere (pg-boss's minimum is 10). */
const HEARTBEAT_SECONDS = 20;

export interface WorkerDeps {
  boss: PgBoss;
  /** For webhook signatures; without it no webhooks are sent. */
  secrets?: SecretBox;
  database: Database;
  rules: RuleBook;
  clock: Clock;
  logger: Logger;
  timezone: string;
  /** What the jobs take from the configuration: the agency on letters, the ledger keys, the portal's address, the webhook address check. */
  config: Pick<Config, "agency" | "credentialVariables" | "publicUrl" | "webhooksAllowPrivate" | "lettersRefused" | "delivery"> & Partial<Pick<Config, "brregUrl" | "creditBureau">>;
  /** The letters' delivery channels; built from `config.delivery` (src/delivery/delivery-config.ts) when not given. */
  delivery?: DeliveryChannels;
  /** Where the cycle's duration is measured (`/metrics`). */
  metrics?: Pick<Metrics, "cycleDuration">;
}

export async function registerCycleJobs(deps: WorkerDeps): Promise<void> {
  const { boss } = deps;
  await boss.createQueue(QUEUES.schedule, { policy: "exclusive" });
  // heartbeatSeconds: a job whose worker died (killed, its machine gone) is failed and retried by
  // another worker within about a minute (pg-boss's supervisor), not after its 15-minute expiry.
  await boss.createQueue(QUEUES.day, { policy: "standard", retryLimit: 5, retryBackoff: true, retryDelay: 30, heartbeatSeconds: HEARTBEAT_SECONDS });
  await boss.createQueue(QUEUES.letters, { policy: "exclusive", retryLimit: 3, retryBackoff: true, heartbeatSeconds: HEARTBEAT_SECONDS });
  await boss.createQueue(QUEUES.sync, { policy: "exclusive", retryLimit: 3, retryBackoff: true, retryDelay: 60, heartbeatSeconds: HEARTBEAT_SECONDS });
  // The ledgers first (05:30), so the day's cycle (06:00) sees yesterday's payments and new transfers.
  await boss.schedule(QUEUES.sync, "30 5 * * *", {}, { tz: deps.timezone });
  await boss.schedule(QUEUES.schedule, "0 6 * * *", {}, { tz: deps.timezone });
  // The settlements that fall due by each creditor's frequency (07:00, after the morning's bank files and sync).
  await boss.createQueue(QUEUES.settle, { policy: "exclusive", retryLimit: 3, retryBackoff: true, retryDelay: 300, heartbeatSeconds: HEARTBEAT_SECONDS });
  await boss.schedule(QUEUES.settle, "0 7 * * *", {}, { tz: deps.timezone });

  await boss.work(QUEUES.sync, async () => {
    const { ledgerSyncDeps, syncAllCreditors } = await import("../integration/sync/index.js");
    const results = await syncAllCreditors(deps.database, ledgerSyncDeps({ clock: deps.clock, rules: deps.rules, config: deps.config, ...(deps.secrets ? { secrets: deps.secrets } : {}), trigger: "daily" }));
    deps.logger.info({ creditors: results.length }, "ledger sync done");
    const failures = await announceAfter(deps, (mailer) => import("../notifications/sync-failures.js").then((m) => m.announceSyncFailures(deps.database, { mailer, portalUrl: deps.config.publicUrl ?? "" })));
    return { creditors: results.length, failures };
  });

  await boss.work(QUEUES.settle, async () => {
    const { settleAllDue } = await import("../settlement/settle-due.js");
    const result = await settleAllDue(deps.database, deps.clock.today(), (code, r) => {
      if ("error" in r) deps.logger.error({ err: r.error, creditor: code }, "scheduled settlement failed");
    });
    deps.logger.info(result, "scheduled settlements done");
    const announced = await announceAfter(deps, (mailer) =>
      import("../notifications/settlement-mails.js").then((m) => m.announceSettlements(deps.database, { today: deps.clock.today(), mailer, agency: deps.config.agency, portalUrl: deps.config.publicUrl ?? "" })),
    );
    return { ...result, announced };
  });

  // Debtor information (src/collection/debtor-info/debtor-info-round.ts): hourly; a register or
  // bureau that was down brings the round back in 15 minutes instead of the next hour.
  await boss.createQueue(QUEUES.debtorInfo, { policy: "exclusive", retryLimit: 3, retryBackoff: true, retryDelay: 120, heartbeatSeconds: HEARTBEAT_SECONDS });
  await boss.schedule(QUEUES.debtorInfo, "15 * * * *", {}, { tz: deps.timezone });
  await boss.work(QUEUES.debtorInfo, async () => {
    const { runDebtorInfoRound } = await import("../collection/debtor-info/debtor-info-round.js");
    const { companyRegistryOf } = await import("../collection/debtor-info/company-registry.js");
    const { creditBureauOf } = await import("../collection/debtor-info/credit-bureau.js");
    const registry = companyRegistryOf({ brregUrl: deps.config.brregUrl ?? null });
    const bureau = creditBureauOf({ creditBureau: deps.config.creditBureau ?? null });
    const round = await runDebtorInfoRound(deps.database, { rules: deps.rules, agency: deps.config.agency, today: deps.clock.today(), ...(registry ? { registry } : {}), ...(bureau ? { bureau } : {}), ...(deps.secrets ? { box: deps.secrets } : {}) });
    if (round.retryNeeded) await boss.send(QUEUES.debtorInfo, {}, { singletonKey: "debtor-info-retry", startAfter: 900 });
    deps.logger.info(round, "debtor information round done");
    return round;
  });

  await boss.work(QUEUES.schedule, async () => {
    await enqueueDay(deps, deps.clock.today());
  });
  await boss.work<{ creditorId: string; date: string }>(QUEUES.day, { pollingIntervalSeconds: 2 }, async ([job]) => {
    const timer = deps.metrics?.cycleDuration.startTimer();
    let counts: CycleCounts;
    try {
      counts = await runCycleDay(deps.database, job!.data.creditorId, LocalDate.parse(job!.data.date), { rules: deps.rules, agency: deps.config.agency });
      timer?.({ outcome: "ok" });
    } catch (e) {
      timer?.({ outcome: "error" });
      throw e;
    }
    deps.logger.info({ counts }, "cycle day done");
    await boss.send(QUEUES.letters, {}, { singletonKey: "render" });
    return counts;
  });
  if (deps.secrets) {
    const box = deps.secrets;
    await boss.createQueue(QUEUES.webhooks, { policy: "exclusive" });
    await boss.schedule(QUEUES.webhooks, "* * * * *", {}, { tz: deps.timezone });
    await boss.work(QUEUES.webhooks, async () => {
      const { collectWebhookEvents, deliverWebhooks } = await import("../webhooks/webhooks.js");
      const queued = await deps.database.transaction((tx) => collectWebhookEvents(tx));
      const { postWebhook } = await import("../webhooks/address-check.js");
      const allowPrivate = deps.config.webhooksAllowPrivate;
      const sent = await deliverWebhooks(deps.database, {
        box,
        fetch: (url, init) => postWebhook(url, init, allowPrivate),
        now: () => new Date(),
      });
      return { queued, ...sent };
    });
  }
  await boss.work(QUEUES.letters, async () => {
    const n = await renderQueuedLetters(deps.database, 200);
    if (n === 200) await boss.send(QUEUES.letters, {}, { singletonKey: "render" });
    await boss.send(QUEUES.deliver, {}, { singletonKey: "deliver" });
    return { rendered: n };
  });
  await registerDeliveryJobs(deps);
}

/**
 * Delivery after rendering (src/delivery/): each run sends up to 200 letters and queues itself
 * again while there are more; every ten minutes a run picks up letters waiting for a channel that
 * was down (they back off inside); every 30 minutes the channels' statuses are read back; the
 * day's print batch is (re)written five minutes after the last run that put letters on paper.
 */
async function registerDeliveryJobs(deps: WorkerDeps): Promise<void> {
  const { boss } = deps;
  // 07:30: what waits (drafts, gates) as portal notifications, and the daily digest e-mail when e-mail is configured (src/notifications).
  const mail = deps.config.delivery.email;
  await boss.createQueue(QUEUES.digest, { policy: "exclusive", retryLimit: 3, retryBackoff: true, retryDelay: 300 });
  await boss.schedule(QUEUES.digest, "30 7 * * *", {}, { tz: deps.timezone });
  await boss.work(QUEUES.digest, async () => {
    const { notifyWaiting } = await import("../notifications/waiting.js");
    const notified = await notifyWaiting(deps.database, deps.clock.today());
    if (!mail) return { notified };
    const { sendDailyDigests } = await import("../notifications/daily-digest.js");
    const { smtpMailer } = await import("../notifications/mailer.js");
    const mailer = smtpMailer(mail);
    try {
      const digests = await sendDailyDigests(deps.database, mailer, { today: deps.clock.today(), portalUrl: deps.config.publicUrl ?? "" });
      // Cases newly waiting for approval before a legal step: one e-mail per case to each person who may approve it.
      const { sendLegalApprovalMails } = await import("../notifications/legal-approval-mail.js");
      const legalApprovals = await sendLegalApprovalMails(deps.database, mailer, { portalUrl: deps.config.publicUrl ?? "" });
      return { notified, ...digests, legalApprovals: legalApprovals.sent };
    } finally {
      mailer.close();
    }
  });
  // Mondays 07:45: the weekly collection list (inkassoliste) of last week, when e-mail is configured.
  if (mail) {
    await boss.createQueue(QUEUES.weeklyList, { policy: "exclusive", retryLimit: 3, retryBackoff: true, retryDelay: 300 });
    await boss.schedule(QUEUES.weeklyList, "45 7 * * 1", {}, { tz: deps.timezone });
    await boss.work(QUEUES.weeklyList, async () => {
      const { sendWeeklyLists } = await import("../notifications/weekly-list.js");
      const { smtpMailer } = await import("../notifications/mailer.js");
      const mailer = smtpMailer(mail);
      try {
        return await sendWeeklyLists(deps.database, mailer, { today: deps.clock.today(), portalUrl: deps.config.publicUrl ?? "" });
      } finally {
        mailer.close();
      }
    });
  }
  const channels = deps.delivery ?? channelsFrom(deps.config.delivery);
  await boss.createQueue(QUEUES.deliver, { policy: "exclusive", retryLimit: 5, retryBackoff: true, retryDelay: 60, heartbeatSeconds: HEARTBEAT_SECONDS });
  await boss.createQueue(QUEUES.letterStatus, { policy: "exclusive" });
  await boss.createQueue(QUEUES.printBatch, { policy: "standard", retryLimit: 3, retryBackoff: true });
  await boss.schedule(QUEUES.deliver, "*/10 * * * *", {}, { tz: deps.timezone });
  await boss.schedule(QUEUES.letterStatus, "*/30 * * * *", {}, { tz: deps.timezone });
  await boss.work(QUEUES.deliver, async () => {
    const { deliverQueuedLetters } = await import("../delivery/deliver-letters.js");
    const today = deps.clock.today();
    // Outside the demo, no letter leaves until the agency's identity is complete (said at start, src/main/app.ts).
    if (deps.config.lettersRefused.length > 0) {
      deps.logger.warn({ reasons: deps.config.lettersRefused }, "letters are not sent: the agency's identity is not complete");
      return { refused: deps.config.lettersRefused };
    }
    const counts = await deliverQueuedLetters({ database: deps.database, channels, today, lettersRefused: deps.config.lettersRefused, swedishRules: deps.rules.SE, ...(deps.secrets ? { box: deps.secrets } : {}) }, 200);
    const handled = counts.sent + counts.failed + counts.cancelled + counts.inDoubt;
    if (handled + counts.waiting === 200) await boss.send(QUEUES.deliver, {}, { singletonKey: "deliver" });
    if (channels.paper && counts.sent > 0) await boss.send(QUEUES.printBatch, { date: today.toString() }, { singletonKey: `print-${today}`, startAfter: 300 });
    deps.logger.info({ counts }, "letters delivered");
    return counts;
  });
  await boss.work(QUEUES.letterStatus, async () => {
    const { refreshLetterStatuses } = await import("../delivery/deliver-letters.js");
    return refreshLetterStatuses({ database: deps.database, channels });
  });
  await boss.work<{ date: string }>(QUEUES.printBatch, async ([job]) => {
    const batch = await channels.paper?.writeBatch(LocalDate.parse(job!.data.date));
    if (batch) deps.logger.info({ date: batch.date, letters: batch.letters.length, file: batch.pdfFile }, "print batch written");
    return { letters: batch?.letters.length ?? 0 };
  });
}

/**
 * Tells the creditors' people about what a job just did (a settlement, a failed sync): portal
 * notifications always, e-mail when it is configured. A failure to tell is logged, not thrown: the
 * job's own work is done, and the next run tells what this one could not (each e-mail is sent once).
 */
async function announceAfter<T>(deps: WorkerDeps, announce: (mailer: import("../notifications/mailer.js").Mailer | null) => Promise<T>): Promise<T | { error: string }> {
  const mail = deps.config.delivery.email;
  const mailer = mail ? (await import("../notifications/mailer.js")).smtpMailer(mail) : null;
  try {
    return await announce(mailer);
  } catch (e) {
    deps.logger.error({ err: e }, "telling the creditors' people failed; the next run tries again");
    return { error: e instanceof Error ? e.message : String(e) };
  } finally {
    mailer?.close();
  }
}

/** Queues the day for every active creditor; a second call for the same date queues nothing. */
export async function enqueueDay(deps: Pick<WorkerDeps, "boss" | "database">, date: LocalDate): Promise<number> {
  const creditors = await deps.database.query<{ id: string }>("select id from creditors where active order by code");
  let queued = 0;
  for (const c of creditors) {
    const key = `${c.id}:${date}:advance`;
    const id = await deps.boss.send(QUEUES.day, { creditorId: c.id, date: date.toString() }, { singletonKey: key });
    if (id) queued++;
  }
  return queued;
}

/** The cycle for every active creditor on one date, in this process (the CLI's `fordring cycle`). */
export async function runDayForAll(database: Database, rules: RuleBook, agency: LetterAgency, date: LocalDate, onProgress?: (done: number, of: number, counts: CycleCounts) => void): Promise<CycleCounts[]> {
  const creditors = await database.query<{ id: string }>("select id from creditors where active order by code");
  const out: CycleCounts[] = [];
  for (const c of creditors) {
    const counts = await runCycleDay(database, c.id, date, { rules, agency });
    out.push(counts);
    onProgress?.(out.length, creditors.length, counts);
  }
  return out;
}
