import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { serveFordring, type Served } from "../support/spawn-fordring.js";

/**
 * SIGTERM (what a container runtime sends) as a real `fordring serve` process takes it: a log line
 * when it starts draining, one when it is done, and an exit within FORDRING_SHUTDOWN_TIMEOUT even
 * with a request that never finishes.
 */
const dirs: string[] = [];
let served: Served | undefined;
afterEach(async () => {
  if (served?.child.exitCode === null) served.child.kill("SIGKILL");
  served = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function start(timeoutSeconds: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-shutdown-"));
  dirs.push(dataDir);
  return serveFordring({ FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, FORDRING_DEMO: "off", FORDRING_PORTAL: "off", LOG_LEVEL: "info", FORDRING_SHUTDOWN_TIMEOUT: timeoutSeconds }, 90_000);
}

const logLines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { msg: string; level: number; reason?: string });

describe("graceful shutdown", () => {
  it("SIGTERM: logs the start and the end of the shutdown and exits 0", async () => {
    served = await start("10");
    const code = await served.stop();
    expect({ code, signal: served.child.signalCode, output: served.output() }).toMatchObject({ code: 0, signal: null });
    const lines = logLines(served.output());
    expect(lines).toContainEqual(expect.objectContaining({ msg: "shutting down (SIGTERM): finishing requests and jobs in flight, at most 10 s", reason: "SIGTERM" }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: "shut down cleanly", reason: "SIGTERM" }));
  }, 120_000);

  it("a request that never finishes: exits 1 at the deadline, saying so", async () => {
    served = await start("2");
    const { port, hostname } = new URL(served.url);
    // A body promised and never sent: the request stays in flight.
    const socket = net.connect(Number(port), hostname);
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(`POST /v1/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":`);
    await new Promise((r) => setTimeout(r, 300));
    const began = Date.now();
    const code = await served.stop();
    socket.destroy();
    expect(code).toBe(1);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(logLines(served.output())).toContainEqual(expect.objectContaining({ msg: expect.stringContaining("shutdown deadline (2 s) passed with work in flight: exiting anyway") }));
  }, 120_000);
});
