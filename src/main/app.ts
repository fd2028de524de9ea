import { readFileSync } from "node:fs";
import type { PgBoss } from "pg-boss";
import { SecretBox } from "../access/secret-box.js";
import { buildServer, type Server } from "../api/server.js";
import type { AppContext } from "../api/context.js";
import { clockFromConfig, type Clock } from "../platform/clock.js";
import { assertNoDemoAgency, type Config, type Role } from "../platform/config.js";
import { createMetrics, type Metrics } from "../platform/metrics.js";
import { readOperationalFigures } from "../read-models/operations.js";
import { openDatabase } from "../platform/db/database.js";
import { startJobQueue } from "../platform/jobs.js";
import { startTracing, traceJobs, type Tracing } from "../platform/tracing.js";
import { createLogger } from "../platform/logger.js";
import { loadRuleBook } from "../platform/rule-book.js";

/**
 * The composition root: the one module that knows every part and wires them together — the
 * configuration read once (src/platform/config.ts), the database, the rule book, the clock, the
 * job queue and worker, the demo, and the HTTP server. It sits above api/, worker/ and demo/ (and
 * is handed to the CLI's `serve` by src/main/fordring.ts), so no lower layer imports upward.
 */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export interface RunningApp {
  ctx: AppContext;
  server: Server;
  url: string;
  role: Role;
  metrics: Metrics;
  /** Set when OpenTelemetry traces are on (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  tracing?: Tracing;
  /**
   * Graceful shutdown: /health/ready answers 503 at once, no new connections, requests and jobs in
   * flight finish, then the database closes — within `FORDRING_SHUTDOWN_TIMEOUT` seconds; past it
   * resolves "deadline" (the caller exits with work still in flight). Logged at both ends.
   */
  stop(reason?: string): Promise<"done" | "deadline">;
}

/**
 * Starts the product: database (server or embedded, migrated), the job queue and worker in the
 * same process unless `FORDRING_WORKER=off`, and the HTTP server.
 */
export interface StartOptions {
  clock?: Clock;
  /** Serve the portal (built first when missing or stale). */
  portal?: boolean;
  /** The demo: seed it into an empty database, or bring its PowerOffice sandbox back. */
  demo?: boolean;
  /** Progress lines for long first-time work (the portal build, the demo seeding). */
  say?: (line: string) => void;
  /** `serve --role`: the HTTP API, the job worker, or both (default: `FORDRING_ROLE`, else all). */
  role?: Role;
}

export async function startApp(configured: Config, options: StartOptions = {}): Promise<RunningApp> {
  assertNoDemoAgency(configured);
  let config = configured;
  const logger = createLogger(config.logLevel);
  // Outside the demo no letter leaves until the agency's identity is complete and valid: say so now, not at the first letter.
  if (config.lettersRefused.length > 0) {
    logger.warn({ reasons: config.lettersRefused }, "no letter will be sent until the agency's identity is set (FORDRING_AGENCY_*; README)");
    (options.say ?? (() => undefined))(`No letter will be sent until the agency's identity is complete:\n${config.lettersRefused.map((r) => `  - ${r}`).join("\n")}`);
  }
  const rules = loadRuleBook(config.rulesDir);
  const say = options.say ?? (() => undefined);
  const role = options.role ?? config.role;
  // A worker process serves only its probes (/health*, /metrics): no API, no portal, no demo.
  const runApi = role !== "worker";
  const runWorker = role !== "api" && config.worker === "embedded";
  let portalDist: string | undefined;
  if (options.portal && runApi) {
    const { DEFAULT_PORTAL_DIST, ensurePortalBuilt } = await import("../api/portal.js");
    await ensurePortalBuilt(DEFAULT_PORTAL_DIST, say);
    portalDist = DEFAULT_PORTAL_DIST;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPool });
  let jobs: PgBoss | undefined;
  let tracing: Tracing | undefined;
  let demoSandbox: { stop(): Promise<void> } | undefined;
  let demoDelivery: import("../demo/demo-delivery.js").DemoDelivery | undefined;
  let demoCreditBureau: import("../collection/debtor-info/sandbox/credit-bureau-sandbox.js").CreditBureauSandbox | undefined;
  try {
    const clock = options.clock ?? clockFromConfig(config);
    let demoText: string | undefined;
    const applicationKey = config.credentialVariables["POWEROFFICE_APPLICATION_KEY"];
    // The demo clients' keys join the configured variables for the syncs (a configured one wins).
    const withDemoCredentials = (credentials: Record<string, string>) => {
      config = { ...config, credentialVariables: Object.freeze({ ...credentials, ...config.credentialVariables }) };
    };
    // The demo's PowerOffice sandbox is a ledger address a client may be connected to in the portal (docs/DEMO.md).
    const allowDemoLedger = (url: string) => {
      config = { ...config, ledgerUrls: [...config.ledgerUrls, url.replace(/\/+$/, "")] };
    };
    if (options.demo && runApi) {
      // The demo's letters go to a Digipost sandbox and an SMTP server of its own (docs/DEMO.md).
      const { startDemoDelivery } = await import("../demo/demo-delivery.js");
      demoDelivery = await startDemoDelivery(config.dataDir);
      say(`Demo letters: Digipost sandbox ${demoDelivery.digipostUrl}, e-mail ${demoDelivery.smtpUrl} (saved in ${demoDelivery.mailDir}), print batches in ${demoDelivery.printDir}`);
      // Credit checks and payment remarks go to a credit bureau sandbox of its own, unless one is configured.
      if (!config.creditBureau) {
        const { startDemoCreditBureau } = await import("../demo/demo-credit-bureau.js");
        demoCreditBureau = await startDemoCreditBureau();
        config = { ...config, creditBureau: { url: demoCreditBureau.url, username: demoCreditBureau.username, password: demoCreditBureau.password } };
        say(`Demo credit bureau: sandbox ${demoCreditBureau.url}`);
      }
      const demo = await import("../demo/seed-demo.js");
      const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      if (await demo.isDemoSeeded(database)) {
        const { startDemoSandbox } = await import("../demo/demo-sandbox.js");
        const sandbox = await startDemoSandbox(database, config.dataDir, { clock, ...(applicationKey ? { applicationKey } : {}) });
        demoSandbox = sandbox;
        withDemoCredentials(sandbox.credentials);
        allowDemoLedger(sandbox.url);
        const { DEMO_LOGINS } = await import("../demo/demo-profiles.js");
        demoText = `Demo logins (portal at ${publicUrl}):\n${DEMO_LOGINS.map((l) => `  ${l.email}  ${l.password}  (${l.role})`).join("\n")}`;
      } else if ((await database.query("select 1 from creditors limit 1")).length === 0) {
        say("Seeding the demo (an accounting firm, its clients on PowerOffice, Procountor and Visma.net sandboxes, ~120 simulated days) — about a minute the first time …");
        const { progressLines, demoLoginText } = await import("../demo/demo-text.js");
        const info = await demo.seedDemo({
          database,
          rules,
          logger,
          today: clock.today(),
          progress: progressLines(say),
          publicUrl,
          dataDir: config.dataDir,
          timezone: config.timezone,
          agency: config.agency,
          delivery: demoDelivery,
          ...(applicationKey ? { applicationKey } : {}),
        });
        demoSandbox = info.sandbox;
        withDemoCredentials(info.credentials);
        allowDemoLedger(info.sandbox.url);
        demoText = demoLoginText(info, publicUrl);
      }
    }
    // The current key encrypts; FORDRING_SECRET_KEY_PREVIOUS keys still open what they made (docs/OPERATIONS.md).
    const secrets = SecretBox.fromConfig(config);
    if (!config.secretKey && config.databaseUrl) {
      logger.warn({ keyFile: `${config.dataDir}/secret.key` }, "FORDRING_SECRET_KEY is not set: the encryption key is a file next to this process; set the variable on a server deployment (and keep it out of database backups)");
    }
    const metrics = createMetrics({ figures: () => readOperationalFigures(database) });
    // OTEL_EXPORTER_OTLP_ENDPOINT: HTTP requests and jobs as spans; unset, the SDK is not loaded.
    tracing = await startTracing(config.tracing, VERSION);
    if (tracing) logger.info({ tracesUrl: config.tracing?.tracesUrl }, "OpenTelemetry traces on");
    if (runWorker) {
      jobs = await startJobQueue(database, logger);
      if (tracing) traceJobs(jobs, tracing);
      const { registerCycleJobs } = await import("../worker/cycle-jobs.js");
      await registerCycleJobs({ boss: jobs, database, rules, clock, logger, timezone: config.timezone, secrets, config, metrics, ...(demoDelivery ? { delivery: demoDelivery.channels } : {}) });
    }
    let draining = false;
    // FORDRING_WORKER=off makes an `all` process an API process: its readiness does not wait for a worker.
    const state = { role: runApi && !runWorker ? ("api" as const) : role, jobsRunning: () => jobs !== undefined && !draining, draining: () => draining };
    // E-mail to users: the configured SMTP server, else the demo's own (docs/OPERATIONS.md).
    const { smtpMailer } = await import("../notifications/mailer.js");
    const userMail = config.delivery.email ?? (demoDelivery ? { smtpUrl: demoDelivery.smtpUrl, from: (await import("../demo/demo-delivery.js")).DEMO_MAIL_FROM } : undefined);
    const ctx: AppContext = { config, database, clock, logger, rules, jobs, version: VERSION, secrets, ...(userMail ? { mailer: smtpMailer(userMail) } : {}) };
    const server = await buildServer(ctx, { ...(portalDist ? { portalDist } : {}), metrics, state, api: runApi, ...(tracing ? { tracing } : {}) });
    const url = await server.listen({ port: config.port, host: config.host });
    logger.info(
      { url, role, worker: runWorker, database: database.kind, dataDir: database.kind === "pglite" ? config.dataDir : undefined },
      `Fordring ${VERSION} (${role}) listening on ${url}${runApi ? ` (API docs: ${url}/docs)` : " (probes only: /health/live, /health/ready, /metrics)"}`,
    );
    if (demoText) say(demoText);
    let stopping: Promise<"done" | "deadline"> | undefined;
    const stop = (reason = "stop") =>
      (stopping ??= (async () => {
        draining = true;
        const deadline = config.shutdownTimeoutSeconds * 1000;
        const started = Date.now();
        logger.info({ reason, role, deadlineSeconds: config.shutdownTimeoutSeconds }, `shutting down (${reason}): finishing requests and jobs in flight, at most ${config.shutdownTimeoutSeconds} s`);
        const work = (async () => {
          await server.close();
          ctx.mailer?.close();
          await demoSandbox?.stop();
          await demoDelivery?.stop();
          await demoCreditBureau?.close();
          if (jobs) await jobs.stop({ graceful: true, timeout: Math.max(1_000, deadline - (Date.now() - started) - 500) });
          await database.close();
          await tracing?.shutdown().catch((err: unknown) => logger.warn({ err }, "could not export the last spans"));
          return "done" as const;
        })();
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([work, new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), deadline)))]);
        clearTimeout(timer);
        if (outcome === "done") logger.info({ reason, ms: Date.now() - started }, "shut down cleanly");
        else logger.error({ reason, ms: Date.now() - started }, `shutdown deadline (${config.shutdownTimeoutSeconds} s) passed with work in flight: exiting anyway (jobs in flight are retried by another worker)`);
        return outcome;
      })());
    return { ctx, server, url, role, metrics, ...(tracing ? { tracing } : {}), stop };
  } catch (e) {
    await demoSandbox?.stop().catch(() => undefined);
    if (jobs) await jobs.stop({ graceful: false }).catch(() => undefined);
    await demoDelivery?.stop().catch(() => undefined);
    await demoCreditBureau?.close().catch(() => undefined);
    await database.close();
    await tracing?.shutdown().catch(() => undefined);
    throw e;
  }
}
