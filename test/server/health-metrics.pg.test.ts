import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../src/access/secret-box.js";
import type { AppContext } from "../../src/api/context.js";
import { buildServer } from "../../src/api/server.js";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { startApp, type RunningApp } from "../../src/main/app.js";
import { simulatedClock } from "../../src/platform/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { camt054 } from "../support/camt054.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { AGENCY_ENV } from "../support/agency-env.js";

/**
 * The probes and metrics an operator points at a process (docs/OPERATIONS.md, "Health and
 * metrics"): liveness, readiness (database, migrations, worker, shutdown), Prometheus metrics.
 */
const AGENCY = AGENCY_ENV;

let t: TestDatabase;
let app: RunningApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-metrics-"));

function configFor(database: TestDatabase, env: Record<string, string> = {}) {
  return loadConfig({
    ...AGENCY,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    FORDRING_DATA_DIR: dir,
    FORDRING_SECRET_KEY: randomBytes(32).toString("hex"),
    PORT: "0",
    LOG_LEVEL: "silent",
    FORDRING_TODAY: "2025-03-10",
    FORDRING_METRICS_TOKEN: "metrics-token-for-the-test",
    ...env,
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(configFor(t), { role: "all" });
}, 60_000);
afterAll(async () => {
  if (app) await app.stop("test end");
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("liveness and readiness", () => {
  it("/health/live answers while the process runs; /health stays as it was", async () => {
    const live = await fetch(`${app.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok", version: expect.any(String) });
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { ok: true }, jobs: { running: true }, businessDate: "2025-03-10" });
  });

  it("/health/ready: database, every migration of this version, the worker of role all", async () => {
    const res = await fetch(`${app.url}/health/ready`);
    expect(res.status).toBe(200);
    const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: { tag: string }[] };
    expect(await res.json()).toEqual({
      status: "ready",
      role: "all",
      checks: {
        database: { ok: true, kind: t.url ? "postgres" : "pglite" },
        migrations: { ok: true, expected: journal.entries.at(-1)!.tag, applied: journal.entries.length },
        jobs: { ok: true, running: true },
        shutdown: { ok: true, draining: false },
      },
    });
  });

  it("/health/ready is 503 on a database without the migrations, and while draining", async () => {
    const bare = await createTestDatabase({ migrate: false });
    try {
      let draining = false;
      const ctx: AppContext = {
        config: configFor(bare),
        database: bare.database,
        clock: simulatedClock(LocalDate.parse("2025-03-10")),
        logger: createLogger("silent"),
        rules: loadRuleBook(),
        jobs: undefined,
        version: "test",
        secrets: SecretBox.fromKey(randomBytes(32).toString("hex")),
      };
      const server = await buildServer(ctx, { state: { role: "api", jobsRunning: () => false, draining: () => draining } });
      const before = await server.inject({ url: "/health/ready" });
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ status: "not-ready", checks: { database: { ok: true }, migrations: { ok: false, applied: 0 }, jobs: { ok: true, running: false } } });
      await bare.database.query("select 1"); // the database itself answers: only the migrations are missing
      const { migrateDatabase } = await import("../../src/platform/db/database.js");
      await migrateDatabase(bare.database);
      expect((await server.inject({ url: "/health/ready" })).statusCode).toBe(200);
      draining = true;
      const during = await server.inject({ url: "/health/ready" });
      expect(during.statusCode).toBe(503);
      expect(during.json()).toMatchObject({ checks: { shutdown: { ok: false, draining: true } } });
      // liveness does not follow readiness: a draining process is alive
      expect((await server.inject({ url: "/health/live" })).statusCode).toBe(200);
      await server.close();
    } finally {
      await bare.drop();
    }
  });

  it("an `all` process with FORDRING_WORKER=off is ready as an API process", async () => {
    // Its own data directory: without a server each embedded app holds its directory's lock.
    const apiOnly = await startApp(configFor(t, { FORDRING_WORKER: "off", FORDRING_DATA_DIR: fs.mkdtempSync(path.join(dir, "api-only-")) }), { role: "all" });
    try {
      const res = await fetch(`${apiOnly.url}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ role: "api", checks: { jobs: { ok: true, running: false } } });
    } finally {
      await apiOnly.stop("test");
    }
  });

  it("a worker process without its job queue is not ready", async () => {
    const ctx = { ...app.ctx };
    const server = await buildServer(ctx, { state: { role: "worker", jobsRunning: () => false, draining: () => false }, api: false });
    const res = await server.inject({ url: "/health/ready" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ role: "worker", checks: { jobs: { ok: false, running: false } } });
    // a worker serves its probes only, not the API
    expect((await server.inject({ url: "/v1/calculator/costs" })).statusCode).toBe(404);
    await server.close();
  });
});

describe("/metrics", () => {
  const auth = { authorization: "Bearer metrics-token-for-the-test" };

  it("needs the token when FORDRING_METRICS_TOKEN is set", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-same-len" } })).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: auth })).status).toBe(200);
  });

  it("HTTP latency by route pattern (not the raw URL), job queues, bank lines by outcome", async () => {
    // A bank file: one line that matches nothing (queued for a person).
    const file = path.join(dir, "camt.xml");
    fs.writeFileSync(file, camt054("MSG-METRICS-1", "2025-03-10", [{ amount: "10.00", text: "no reference" }]));
    await importBankFile(app.ctx.database, file, { today: LocalDate.parse("2025-03-10"), rules: loadRuleBook(), actor: "test", agency: agencyFromEnv() });
    await fetch(`${app.url}/v1/cases/00000000-0000-0000-0000-000000000001`);
    await fetch(`${app.url}/health/live`);

    const res = await fetch(`${app.url}/metrics`, { headers: auth });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/fordring_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} [1-9]/);
    // the route's pattern, so a case id does not become a series of its own
    expect(text).toMatch(/fordring_http_request_duration_seconds_count\{method="GET",route="\/v1\/cases\/:caseId",status_code="401"\} 1/);
    expect(text).not.toContain("00000000-0000-0000-0000-000000000001");
    expect(text).toContain('fordring_bank_lines{status="unmatched"} 1');
    // role all started the worker: pg-boss's queues exist; depth and age are reported per queue
    expect(text).toMatch(/fordring_job_queue_depth\{queue="[a-z-]+",state="waiting"\} \d+/);
    expect(text).toMatch(/fordring_job_queue_oldest_waiting_seconds\{queue="[a-z-]+"\} [\d.]+/);
    expect(text).toContain("# TYPE fordring_cycle_day_duration_seconds histogram");
    expect(text).toContain("# TYPE fordring_sync_runs gauge");
    expect(text).toContain("# TYPE fordring_letter_deliveries gauge");
    expect(text).toContain("fordring_metrics_figures_errors_total 0");
    expect(text).toContain("process_cpu_user_seconds_total");
  });
});

describe("FORDRING_TRUST_PROXY", () => {
  async function clientAddress(value: string | undefined, forwardedFor: string, remoteAddress = "10.0.0.2") {
    const ctx: AppContext = { ...app.ctx, config: configFor(t, value === undefined ? {} : { FORDRING_TRUST_PROXY: value }) };
    const server = await buildServer(ctx);
    server.get("/test/ip", async (req) => ({ ip: req.ip }));
    const res = await server.inject({ url: "/test/ip", headers: { "x-forwarded-for": forwardedFor }, remoteAddress });
    await server.close();
    return (res.json() as { ip: string }).ip;
  }

  it("unset: the connection's address", async () => {
    expect(await clientAddress(undefined, "203.0.113.7")).toBe("10.0.0.2");
  });
  it("true (or 1): the first address the proxies were told", async () => {
    expect(await clientAddress("true", "203.0.113.7, 10.0.0.9")).toBe("203.0.113.7");
    expect(await clientAddress("1", "203.0.113.7")).toBe("203.0.113.7");
  });
  it("a hop count trusts that many proxies nearest the server", async () => {
    expect(await clientAddress("2", "198.51.100.1, 203.0.113.7, 10.0.0.9")).toBe("203.0.113.7");
  });
  it("a CIDR list trusts only proxies inside it", async () => {
    expect(await clientAddress("10.0.0.0/8", "203.0.113.7")).toBe("203.0.113.7");
    expect(await clientAddress("192.168.0.0/16, 172.16.0.1", "203.0.113.7")).toBe("10.0.0.2");
  });
  it("a value that is none of these stops the start with the variable named", () => {
    expect(() => configFor(t, { FORDRING_TRUST_PROXY: "yes please" })).toThrow(/FORDRING_TRUST_PROXY: must be true\/1, false\/0, a hop count/);
    expect(() => configFor(t, { FORDRING_TRUST_PROXY: "10.0.0.0/99" })).toThrow(/FORDRING_TRUST_PROXY/);
  });
});
