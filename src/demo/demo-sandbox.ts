import fs from "node:fs/promises";
import path from "node:path";
import { DomainError } from "../domain/errors.js";
import type { FetchLike } from "../integration/poweroffice/connector/transport.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "../integration/poweroffice/sandbox/index.js";
import { systemClock } from "../platform/clock.js";
import type { Database } from "../platform/db/database.js";
import { CLIENT_PROFILES, DEMO_APPLICATION_KEY } from "./demo-profiles.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { pointExtraLedgersAt, startDemoExtraLedgers } from "./demo-ledgers.js";
import { restoreTenant, snapshotTenant, type TenantSnapshot } from "./sandbox-snapshot.js";

/**
 * The demo's PowerOffice Go sandbox: one client (ledger) per demo creditor, in this process,
 * listening on 127.0.0.1 so that the worker's syncs reach it like the real API. Its ledgers live
 * in memory and are written to `<data dir>/demo-poweroffice.json` after every write the agency
 * makes, so a restart (`startDemoSandbox`) brings them back on the same port when it is free, and
 * otherwise on another one, with the integrations pointed at it.
 */
export const SNAPSHOT_FILE = "demo-poweroffice.json";

/** The time the sandbox stamps with: set by hand while the demo's days are simulated, then the live clock. */
export interface DemoClock {
  now(): Date;
  set(ms: number): void;
  advance(ms: number): void;
  goLive(source: { now(): Date }): void;
}

export function createDemoClock(startMs: number): DemoClock {
  let manual = startMs;
  let live: { now(): Date } | null = null;
  return {
    now: () => (live ? live.now() : new Date(manual)),
    set: (ms) => {
      manual = ms;
    },
    advance: (ms) => {
      manual += ms;
    },
    goLive: (source) => {
      live = source;
    },
  };
}

/**
 * The application key the demo clients accept: the configured one (`POWEROFFICE_APPLICATION_KEY`,
 * Config.credentialVariables), so a real key in the environment does not get in the way.
 */
export function demoApplicationKey(configured: string | undefined): string {
  return configured ?? DEMO_APPLICATION_KEY;
}

/**
 * The syncs resolve `env:NAME` credentials from the configuration's variables (connector-for.ts):
 * the demo's client keys are public sandbox keys, so the composition root (src/main/app.ts) adds
 * these to the ones configured (a configured variable wins).
 */
export function demoCredentials(configuredApplicationKey: string | undefined): Record<string, string> {
  const env: Record<string, string> = { POWEROFFICE_APPLICATION_KEY: demoApplicationKey(configuredApplicationKey) };
  for (const p of CLIENT_PROFILES) env[p.clientKeyEnv] = p.clientKey;
  return env;
}

export interface DemoSandbox {
  readonly sandbox: PowerOfficeSandbox;
  /** Answers the connector in-process (no socket), for the seeding. */
  readonly fetch: FetchLike;
  readonly generation: number;
  /** Called after every write request; the persistence hooks in here. */
  onWrite: () => void;
}

export function createDemoSandbox(o: { clock: { now(): Date }; generation: number; applicationKey: string | undefined }): DemoSandbox {
  const sandbox = createPowerOfficeSandbox({
    clock: o.clock,
    serialization: "numbers",
    // Ids must not repeat those of an earlier run whose records were restored.
    idSeed: 7_919 * (o.generation + 1),
    clients: CLIENT_PROFILES.map((p) => ({ applicationKey: demoApplicationKey(o.applicationKey), clientKey: p.clientKey, clientName: p.name, organizationNumber: p.orgNumber })),
  });
  const demo: DemoSandbox = { sandbox, fetch: injectFetch(sandbox), generation: o.generation, onWrite: () => undefined };
  sandbox.app.addHook("onResponse", async (req) => {
    if (req.method !== "GET") demo.onWrite();
  });
  return demo;
}

function injectFetch(sandbox: PowerOfficeSandbox): FetchLike {
  return async (input, init) => {
    const u = new URL(input);
    const res = await sandbox.app.inject({
      method: init.method as "GET" | "POST" | "DELETE",
      url: u.pathname + u.search,
      headers: init.headers,
      ...(init.body === undefined ? {} : { payload: init.body }),
    });
    const bytes = res.rawPayload;
    return {
      status: res.statusCode,
      headers: { get: (name: string) => headerText(res.headers[name.toLowerCase()]) },
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  };
}

function headerText(v: string | number | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
}

interface SnapshotFile {
  readonly version: 1;
  readonly generation: number;
  readonly port: number;
  readonly tenants: Record<string, TenantSnapshot>;
}

export interface RunningDemoSandbox {
  readonly url: string;
  readonly demo: DemoSandbox;
  /** Writes the ledgers to the data directory now (also done after every write while persisting). */
  save(): Promise<void>;
  /** Whether each write request is followed by a save (on by default). */
  persist(on: boolean): void;
  stop(): Promise<void>;
}

/**
 * Listens (on `port` if it is free, else on any), and keeps the snapshot file current: written
 * after each write request (coalesced) and when stopped.
 */
export async function serveDemoSandbox(demo: DemoSandbox, o: { snapshotPath: string | null; port: number }): Promise<RunningDemoSandbox> {
  const url = await listenPreferring(demo.sandbox, o.port);
  const port = Number(new URL(url).port);
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const save = async () => {
    if (!o.snapshotPath) return;
    dirty = false;
    const file: SnapshotFile = { version: 1, generation: demo.generation, port, tenants: Object.fromEntries(CLIENT_PROFILES.map((p) => [p.clientKey, snapshotTenant(demo.sandbox.state.tenant(p.clientKey))])) };
    const text = JSON.stringify(file);
    const target = o.snapshotPath;
    writing = writing.then(async () => {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(`${target}.tmp`, text);
      await fs.rename(`${target}.tmp`, target);
    });
    await writing;
  };
  let persisting = true;
  demo.onWrite = () => {
    dirty = true;
    if (persisting && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        void save().catch(() => undefined);
      }, 200);
    }
  };
  return {
    url,
    demo,
    save,
    persist: (on) => {
      persisting = on;
    },
    stop: async () => {
      demo.onWrite = () => undefined;
      if (timer !== undefined) clearTimeout(timer);
      if (dirty) await save();
      await writing.catch(() => undefined);
      await demo.sandbox.close();
    },
  };
}

async function listenPreferring(sandbox: PowerOfficeSandbox, port: number): Promise<string> {
  if (port === 0) return sandbox.listen(0);
  try {
    return await sandbox.listen(port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
    return sandbox.listen(0);
  }
}

/** Where the demo's integrations point; null when the database holds no demo integrations. */
export async function demoIntegrationUrl(database: Database): Promise<string | null> {
  const [row] = await database.query<{ base_url: string | null }>(
    "select settings->>'baseUrl' as base_url from ledger_integrations where credentials_ref = any($1::text[]) order by created_at limit 1",
    [CLIENT_PROFILES.map((p) => `env:${p.clientKeyEnv}`)],
  );
  return row?.base_url ?? null;
}

/** Points the demo's integrations at the sandbox's (possibly new) address. */
export async function pointIntegrationsAt(database: Database, url: string): Promise<void> {
  await database.query(
    `update ledger_integrations set settings = jsonb_set(settings, '{baseUrl}', to_jsonb($1::text))
      where credentials_ref = any($2::text[]) and settings->>'baseUrl' is distinct from $1`,
    [url, CLIENT_PROFILES.map((p) => `env:${p.clientKeyEnv}`)],
  );
}

/**
 * After a restart: the demo's ledgers back from `<dataDir>/demo-poweroffice.json`, listening on
 * the port the integrations point at (or another, and the integrations follow), with the
 * credentials the syncs need (`credentials`, for Config.credentialVariables). `clock` is the app's
 * clock (default: system time); `applicationKey` the configured POWEROFFICE_APPLICATION_KEY.
 */
export async function startDemoSandbox(
  database: Database,
  dataDir: string,
  options: { clock?: { now(): Date }; applicationKey?: string } = {},
): Promise<{ url: string; credentials: Record<string, string>; stop(): Promise<void> }> {
  const snapshotPath = path.join(dataDir, SNAPSHOT_FILE);
  let file: SnapshotFile;
  try {
    file = JSON.parse(await fs.readFile(snapshotPath, "utf8")) as SnapshotFile;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "is missing" : `cannot be read (${(e as Error).message})`;
    throw new DomainError("demo_ledger_missing", `the demo's PowerOffice ledger ${snapshotPath} ${why}; delete the data directory ${dataDir} to seed a new demo`, "dataDir");
  }
  if (file.version !== 1) throw new DomainError("demo_ledger_missing", `${snapshotPath} has version ${String(file.version)}, not 1; delete the data directory to seed a new demo`, "dataDir");
  const clock = options.clock ?? systemClock();
  const demo = createDemoSandbox({ clock, generation: file.generation + 1, applicationKey: options.applicationKey });
  for (const p of CLIENT_PROFILES) {
    const tenant = file.tenants[p.clientKey];
    if (tenant) restoreTenant(demo.sandbox.state.tenant(p.clientKey), tenant);
  }
  const pointedAt = await demoIntegrationUrl(database);
  const port = pointedAt ? Number(new URL(pointedAt).port) || file.port : file.port;
  const running = await serveDemoSandbox(demo, { snapshotPath, port });
  await pointIntegrationsAt(database, running.url);
  // The generation moved on: record it, so the next restart picks yet other ids.
  await running.save();
  // The Procountor ledger comes back from demo-procountor.json; the Visma.net one is seeded again as of the seeding day (demo-ledgers.ts).
  const [meta] = await database.query<{ today: string | null }>("select value->>'today' as today from app_meta where key = 'demo'");
  if (!meta?.today) {
    await running.stop();
    throw new DomainError("demo_ledger_missing", "the demo's seeding day is not recorded; delete the data directory to seed a new demo", "dataDir");
  }
  let extra;
  try {
    extra = await startDemoExtraLedgers({ seededOn: LocalDate.parse(meta.today), clock, dataDir });
    await pointExtraLedgersAt(database, extra);
  } catch (e) {
    await running.stop();
    await extra?.stop();
    throw e;
  }
  const ledgers = extra;
  return {
    url: running.url,
    credentials: { ...demoCredentials(options.applicationKey), ...ledgers.credentials },
    stop: async () => {
      await Promise.all([running.stop(), ledgers.stop()]);
    },
  };
}
