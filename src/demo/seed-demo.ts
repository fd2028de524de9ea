import path from "node:path";
import { upsertCreditor } from "../collection/cases/register.js";
import { runCycleDay } from "../collection/engine/daily-cycle.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";
import { deliverQueuedLetters } from "../delivery/deliver-letters.js";
import type { DemoDelivery } from "./demo-delivery.js";
import { renderQueuedLetters } from "../collection/letters/render-queued.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import { connectorFactory, credentialsFromEnv } from "../integration/connector-for.js";
import { addLedgerIntegration } from "../integration/sync/integrations.js";
import { syncCreditor, type SyncDeps } from "../integration/sync/sync-creditor.js";
import { simulatedClock } from "../platform/clock.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { RuleBook } from "../platform/rule-book.js";
import { createDemoUsers } from "./demo-users.js";
import { announceSettlements } from "../notifications/settlement-mails.js";
import { notifyWaiting } from "../notifications/waiting.js";
import { DemoLedger } from "./demo-ledger.js";
import { planClient } from "./demo-plan.js";
import { CLIENT_PROFILES, DEMO_FIRM, DEMO_LOGINS, type ClientProfile } from "./demo-profiles.js";
import { createDemoClock, createDemoSandbox, demoApplicationKey, demoCredentials, serveDemoSandbox, SNAPSHOT_FILE } from "./demo-sandbox.js";
import { demoCounts, type DemoCounts } from "./demo-counts.js";
import { simulateDays, SIMULATED_DAYS } from "./simulate-days.js";
import { seedSwedishClient } from "./demo-sweden.js";
import { connectDemoExtraLedgers, registerVismaNetClient, startDemoExtraLedgers, type DemoExtraLedgers } from "./demo-ledgers.js";

/**
 * `npm start` on an empty embedded database: a demo that looks like a working agency. An
 * accounting firm with three clients whose PowerOffice Go ledgers (an in-process sandbox) hold a
 * few hundred invoices (a Swedish client and a fourth Norwegian one on Procountor and Visma.net
 * sandboxes: demo-sweden.ts, demo-ledgers.ts); then `SIMULATED_DAYS` days are lived through one by one — the ledgers'
 * own dunning and approvals, the sync, the daily cycle, payments to the creditor and to the
 * agency (OCR giro files), people's actions on cases, monthly settlements — so the portal opens
 * on notices, payment demands, paid and paused cases, a dispute, cases waiting for approval,
 * blocked invoices and settlements. The same `today` gives the same demo.
 */
export interface SeedDemoDeps {
  readonly database: Database;
  readonly rules: RuleBook;
  readonly logger: Logger;
  readonly today: LocalDate;
  readonly progress: (step: string, done: number, total: number) => void;
  /** Where the ledgers link each case: `${publicUrl}/cases/<id>`. */
  readonly publicUrl: string;
  /** The embedded database's directory: the sandbox's ledgers are kept in it (demo-poweroffice.json). Omitted: not kept. */
  readonly dataDir?: string;
  /** The port the sandbox should listen on (default: any free one). */
  readonly sandboxPort?: number;
  /** The business time zone (default Europe/Oslo). */
  readonly timezone?: string;
  /** The agency on the letters (Config.agency). */
  readonly agency: LetterAgency;
  /** The configured POWEROFFICE_APPLICATION_KEY, which the demo clients then accept too. */
  readonly applicationKey?: string;
  /** Where the demo's letters go (src/demo/demo-delivery.ts): each simulated day's letters are rendered and sent that day. Omitted: they are only rendered. */
  readonly delivery?: DemoDelivery;
}

export interface DemoInfo {
  readonly firmId: string;
  readonly creditors: { id: string; code: string; name: string }[];
  readonly logins: { email: string; password: string; role: string }[];
  readonly sandbox: { url: string; stop(): Promise<void> };
  /** The demo clients' keys, for the syncs' `env:NAME` credentials (Config.credentialVariables). */
  readonly credentials: Record<string, string>;
  readonly counts: DemoCounts;
}

const META_KEY = "demo";

/** True once a demo seeding has finished in this database (`startDemoSandbox` then brings its ledgers back). */
export async function isDemoSeeded(database: Database): Promise<boolean> {
  return (await demoStatus(database)) === "ready";
}

async function demoStatus(database: Database): Promise<"ready" | "seeding" | null> {
  const [row] = await database.query<{ status: "ready" | "seeding" }>("select value->>'status' as status from app_meta where key = $1", [META_KEY]);
  return row?.status ?? null;
}

export async function seedDemo(deps: SeedDemoDeps): Promise<DemoInfo> {
  const { database, logger, today } = deps;
  const status = await demoStatus(database);
  if (status === "ready") throw new DomainError("conflict", "the demo is seeded already; delete the data directory to start a new one", "database");
  if (status === "seeding") throw new DomainError("conflict", "an earlier demo seeding did not finish; delete the data directory to start again", "database");
  const [{ n: creditorCount }] = (await database.query<{ n: number }>("select count(*)::int as n from creditors")) as [{ n: number }];
  if (creditorCount > 0) throw new DomainError("conflict", "the database holds creditors already; the demo is seeded only into an empty database", "database");
  const started = Date.now();
  // Claim the demo first: a second seeding started at the same time stops here.
  await database.query("insert into app_meta (key, value) values ($1, $2)", [META_KEY, JSON.stringify({ status: "seeding", today: today.toString() })]);

  const firstDay = today.minusDays(SIMULATED_DAYS);
  const live = simulatedClock(today, deps.timezone ?? "Europe/Oslo");
  const clock = createDemoClock(Date.UTC(firstDay.year, firstDay.month - 1, firstDay.day, 5));
  const demo = createDemoSandbox({ clock, generation: 0, applicationKey: deps.applicationKey });
  const snapshotPath = deps.dataDir ? path.join(deps.dataDir, SNAPSHOT_FILE) : null;
  const running = await serveDemoSandbox(demo, { snapshotPath, port: deps.sandboxPort ?? 0 });
  // Saved once at the end, not after each of the seeding's thousands of writes.
  running.persist(false);
  let extra: DemoExtraLedgers | undefined;
  try {
    deps.progress("ledgers", 0, CLIENT_PROFILES.length);
    const [firm] = (await database.query<{ id: string }>("insert into accounting_firms (name, org_number, address, contact) values ($1, $2, $3, $4) returning id", [
      DEMO_FIRM.name,
      DEMO_FIRM.orgNumber,
      JSON.stringify(DEMO_FIRM.address),
      JSON.stringify(DEMO_FIRM.contact),
    ])) as [{ id: string }];
    const clients: DemoClient[] = [];
    for (const [i, profile] of CLIENT_PROFILES.entries()) {
      const creditorId = await registerCreditor(database, profile, firm.id, running.url);
      const ledger = new DemoLedger(planClient(profile, i, today), demo.sandbox.ledgerFor(profile.clientKey));
      ledger.addCustomers();
      clients.push({ profile, creditorId, ledger });
      deps.progress("ledgers", i + 1, CLIENT_PROFILES.length);
    }

    let current = firstDay;
    const sync: SyncDeps = {
      clock: { now: () => clock.now(), today: () => current },
      rules: deps.rules,
      agency: deps.agency,
      publicUrl: deps.publicUrl,
      actor: "system:ledger-sync:poweroffice",
      connectorFor: connectorFactory({
        fetch: demo.fetch,
        credentials: (ref) => ({ applicationKey: demoApplicationKey(deps.applicationKey), clientKey: CLIENT_PROFILES.find((p) => `env:${p.clientKeyEnv}` === ref)!.clientKey }),
        powerOffice: {
          clock,
          sleep: async (ms) => clock.advance(ms),
          random: () => 0.5,
        },
      }),
    };
    await simulateDays({
      database,
      rules: deps.rules,
      agency: deps.agency,
      logger,
      clients,
      firstDay,
      today,
      setDay: (day) => {
        current = day;
        clock.set(dayStartMs(day, today, live, clock.now().getTime()));
      },
      sync: (creditorId) => syncCreditor(database, creditorId, sync),
      cycle: (creditorId, day) => runCycleDay(database, creditorId, day, { rules: deps.rules, agency: deps.agency }),
      endOfDay: async (day) => {
        if (deps.delivery) await deliverDemoDay(database, deps.delivery, day);
      },
      progress: (done, total) => deps.progress("days", done, total),
    });
    // The Swedish client (issue 16): its own days, in SEK under Swedish law, BgMax files to the agency's Bankgiro.
    const swedish = await seedSwedishClient({
      database,
      rules: deps.rules,
      logger,
      agency: deps.agency,
      firmId: firm.id,
      firstDay,
      today,
      endOfDay: async (day) => {
        if (deps.delivery) await deliverDemoDay(database, deps.delivery, day);
      },
    });
    clock.goLive(live);
    // The Swedish client's Procountor ledger and a fourth Norwegian client's Visma.net ledger (issues 17, 18): synced once today.
    extra = await startDemoExtraLedgers({ seededOn: today, clock: live, dataDir: deps.dataDir, restore: false });
    const visma = await registerVismaNetClient(database, firm.id);
    await connectDemoExtraLedgers(database, { swedishCreditorId: swedish.id, vismaNetCreditorId: visma.id, ledgers: extra });
    const extraSync: SyncDeps = {
      clock: live,
      rules: deps.rules,
      agency: deps.agency,
      publicUrl: deps.publicUrl,
      // What the worker's syncs use (ledgerSyncDeps): HTTP to the sandboxes, `env:NAME` credentials.
      connectorFor: connectorFactory({ fetch: (url, init) => fetch(url, init), credentials: credentialsFromEnv(extra.credentials), powerOffice: { clock: live } }),
    };
    for (const creditorId of [swedish.id, visma.id]) {
      const result = await syncCreditor(database, creditorId, extraSync);
      const failed = result.integrations.filter((i) => i.status !== "ok");
      if (failed.length > 0) {
        const items = await database.query("select items from sync_runs where id = any($1::uuid[])", [failed.map((f) => f.runId)]);
        throw new Error(`the demo's first sync of ${creditorId} failed: ${JSON.stringify(items)}`);
      }
    }
    await renderAll(database, deps.progress);
    deps.progress("users", 0, DEMO_LOGINS.length);
    const logins = await createDemoUsers(database, { firmId: firm.id, creditorIds: new Map(clients.map((c) => [c.profile.code, c.creditorId])) });
    deps.progress("users", DEMO_LOGINS.length, DEMO_LOGINS.length);
    // The bell starts with what the worker would have told the demo's people (src/notifications): the last week's settlements and what waits today.
    await announceSettlements(database, { today, mailer: null, agency: deps.agency, portalUrl: deps.publicUrl });
    await notifyWaiting(database, today);
    running.persist(true);
    await running.save();
    const counts = await demoCounts(database);
    const creditors = [...clients.map((c) => ({ id: c.creditorId, code: c.profile.code, name: c.profile.name })), swedish, visma];
    await database.query("update app_meta set value = $2, updated_at = now() where key = $1", [
      META_KEY,
      JSON.stringify({ status: "ready", today: today.toString(), firmId: firm.id, creditors, sandboxUrl: running.url }),
    ]);
    logger.info({ ms: Date.now() - started, cases: counts.cases, letters: counts.letters }, "demo seeded");
    const ledgers = extra;
    return {
      firmId: firm.id,
      creditors,
      logins,
      sandbox: {
        url: running.url,
        stop: async () => {
          await Promise.all([running.stop(), ledgers.stop()]);
        },
      },
      credentials: { ...demoCredentials(deps.applicationKey), ...ledgers.credentials },
      counts,
    };
  } catch (e) {
    await running.stop().catch(() => undefined);
    await extra?.stop().catch(() => undefined);
    throw e;
  }
}

export interface DemoClient {
  readonly profile: ClientProfile;
  readonly creditorId: string;
  readonly ledger: DemoLedger;
}

/** The creditor, active, under the firm, with its payout account and its PowerOffice integration. */
async function registerCreditor(database: Database, p: ClientProfile, firmId: string, sandboxUrl: string): Promise<string> {
  const creditorId = await upsertCreditor(database, { code: p.code, name: p.name, orgNumber: p.orgNumber, address: p.address, firmId, collection: p.collection, transfer: { preset: "poweroffice-modhi", ...p.transfer } });
  await database.query(
    `update creditors set status = 'active', active = true, activated_at = now(), bank_account = $2, contact = $3 where id = $1`,
    [creditorId, JSON.stringify({ ...p.bankAccount, active: true }), JSON.stringify({ name: DEMO_FIRM.contact.name, email: DEMO_FIRM.contact.email })],
  );
  await addLedgerIntegration(database, { creditorId, kind: "poweroffice", credentialsRef: `env:${p.clientKeyEnv}`, settings: { baseUrl: sandboxUrl }, canCreateCases: true });
  return creditorId;
}

/**
 * The instant the sandbox stamps a simulated day with: 05:00 UTC, never earlier than what was
 * stamped before; on the last day never later than two hours before the live clock, so that
 * after the seeding the worker's syncs (on the live clock) do not see stamps from their future.
 */
function dayStartMs(day: LocalDate, today: LocalDate, live: { now(): Date }, previousMs: number): number {
  let ms = Date.UTC(day.year, day.month - 1, day.day, 5);
  if (day.equals(today)) ms = Math.min(ms, live.now().getTime() - 2 * 3_600_000);
  return Math.max(ms, previousMs + 1_000);
}

/** The day's letters rendered and sent that day, as the worker does (the print batch written when paper got any). */
async function deliverDemoDay(database: Database, delivery: DemoDelivery, day: LocalDate): Promise<void> {
  while ((await renderQueuedLetters(database, 50)) > 0);
  await delivery.refreshRecipients(database);
  let paper = 0;
  for (;;) {
    const counts = await deliverQueuedLetters({ database, channels: delivery.channels, today: day, lettersRefused: [] }, 200);
    paper += counts.sent;
    if (counts.sent + counts.failed + counts.cancelled + counts.inDoubt + counts.waiting < 200) break;
  }
  if (paper > 0) await delivery.channels.paper?.writeBatch(day);
}

async function renderAll(database: Database, progress: SeedDemoDeps["progress"]): Promise<void> {
  const [{ n: total }] = (await database.query<{ n: number }>("select count(*)::int as n from letters where status = 'queued'")) as [{ n: number }];
  let done = 0;
  progress("letters", 0, total);
  for (;;) {
    const n = await renderQueuedLetters(database, 25);
    if (n === 0) break;
    done += n;
    progress("letters", Math.min(done, total), total);
  }
}
