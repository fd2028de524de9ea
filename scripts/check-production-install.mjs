#!/usr/bin/env node
/* global fetch */
// A production install as an operator makes it, checked end to end (CI runs this): the tracked
// tree plus the built portal copied to a temporary folder, `npm ci --omit=dev` there (no Vite, no
// TypeScript compiler), `fordring serve` on an embedded database, then /health and the portal's
// page must answer. Prints one line per step and exits non-zero on the first failure.
//   node scripts/check-production-install.mjs        (after `npm run build`)
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const step = (text) => console.log(`production install: ${text}`);
const fail = (text) => {
  console.error(`production install: FAILED: ${text}`);
  process.exit(1);
};

if (!existsSync(path.join(root, "dist/web/index.html"))) fail("the portal is not built: run `npm run build` first");
const dir = mkdtempSync(path.join(tmpdir(), "fordring-prod-"));
let server;
try {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) if (existsSync(path.join(root, f))) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  cpSync(path.join(root, "dist"), path.join(dir, "dist"), { recursive: true });
  step(`copied ${files.length} tracked files and dist/ to ${dir}`);
  execFileSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  if (existsSync(path.join(dir, "node_modules/vite"))) fail("vite was installed by npm ci --omit=dev");
  step("npm ci --omit=dev done (no dev dependencies)");

  const port = 3900 + Math.floor(Math.random() * 90);
  server = spawn(process.execPath, ["bin/fordring.js", "serve", "--no-demo"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), FORDRING_DATA_DIR: path.join(dir, "data"), FORDRING_WORKER: "off", LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let health;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      const res = await fetch(`${url}/health`);
      health = { status: res.status, body: await res.json() };
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (!health) fail(server.exitCode !== null ? `the server exited with ${server.exitCode}` : "the server did not answer /health within 90 s");
  if (health.status !== 200) fail(`/health answered ${health.status}: ${JSON.stringify(health.body)}`);
  step(`/health answered 200 (${health.body.database.kind})`);
  const page = await fetch(`${url}/`, { headers: { accept: "text/html" } });
  const html = await page.text();
  if (page.status !== 200 || !html.includes("<div id=\"root\"")) fail(`the portal's page answered ${page.status}`);
  step("the portal's page answered 200");
  console.log("production install: ok");
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1_000));
  rmSync(dir, { recursive: true, force: true });
}
