import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFordring, serveFordring, type Served } from "../support/spawn-fordring.js";

// `fordring serve` as `npm start` runs it: a real process on embedded PGlite, no server needed.
describe("fordring serve on an embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-serve-"));
  let served: Served;

  beforeAll(async () => {
    served = await serveFordring({ FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, FORDRING_TODAY: "2025-03-03", FORDRING_DEMO: "off", FORDRING_PORTAL: "off" });
  }, 90_000);
  afterAll(async () => {
    await served?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers /health with the embedded database and the pinned business date", async () => {
    const res = await fetch(`${served.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: { kind: "pglite", ok: true }, jobs: { running: true }, businessDate: "2025-03-03" });
  });

  it("serves the OpenAPI document and its UI at /docs", async () => {
    const doc = (await (await fetch(`${served.url}/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/health", "/v1/calculator/costs"]));
    const ui = await fetch(`${served.url}/docs`, { redirect: "follow" });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain("swagger");
  });

  it("refuses a second process on the same data directory, with a clear message", async () => {
    const second = await runFordring(["migrate"], { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`already in use by process ${served.child.pid}`);
    // the first process is unharmed
    expect((await fetch(`${served.url}/health`)).status).toBe(200);
  });
});

describe("the embedded data directory lock", () => {
  it("takes over a lock left by a process that no longer runs", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-lock-"));
    try {
      // 999999999 is above Linux's pid_max: no process can hold it
      fs.writeFileSync(path.join(dataDir, "fordring.lock"), "999999999\n");
      const res = await runFordring(["migrate"], { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined });
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(res.stdout).toContain("migrations applied (pglite");
      expect(fs.existsSync(path.join(dataDir, "fordring.lock"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("configuration errors", () => {
  it("name the variable and exit with code 2", async () => {
    const res = await runFordring(["migrate"], { PORT: "not-a-port" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("PORT");
  });
});
