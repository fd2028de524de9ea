import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Browser tests of the portal against the real server: `node bin/fordring.js serve` on a fresh
 * embedded database (a temporary FORDRING_DATA_DIR), which builds the portal and seeds the demo.
 * The browser is Debian's Chromium (`apt-get install chromium`), never a downloaded one.
 *
 *   npx playwright test            # all of test/e2e
 *   E2E_BASE_URL=http://127.0.0.1:3000 npx playwright test   # against a server already running
 */

const port = Number(process.env.E2E_PORT ?? 3317);
// The config is read again in every worker; the first read (the runner) chooses the directory
// for all, and removes it when the runner exits — after the server has stopped.
if (!process.env.FORDRING_E2E_DATA_DIR) {
  const dir = mkdtempSync(path.join(tmpdir(), "fordring-e2e-"));
  process.env.FORDRING_E2E_DATA_DIR = dir;
  if (!process.env.E2E_KEEP_DATA) process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
}
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results",
  // One server, one demo: the flow changes it (approves drafts, pauses a case), so tests run in order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    viewport: { width: 1366, height: 900 },
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: external
    ? undefined
    : {
        command: "node bin/fordring.js serve",
        url: `${baseURL}/health`,
        // The first start builds the portal and lives through the demo's days.
        timeout: 600_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
        env: {
          PORT: String(port),
          HOST: "127.0.0.1",
          FORDRING_DATA_DIR: process.env.FORDRING_E2E_DATA_DIR,
          // Empty: the embedded database, never a configured server.
          DATABASE_URL: "",
          LOG_LEVEL: "warn",
          // Every test logs in from 127.0.0.1 within a few minutes; the default (10 a minute) is for people.
          FORDRING_LOGIN_RATE_LIMIT: "200",
          FORDRING_RATE_LIMIT: "6000",
        },
      },
});
