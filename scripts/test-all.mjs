#!/usr/bin/env node
// `npm test`: the whole suite — lint, typecheck (server and portal), the vitest suite (arguments
// after `--` go to vitest), then the browser tests (Playwright with Debian's Chromium) against the
// real server. Exits non-zero if any part fails; every part runs so one run shows everything.
//   E2E_RESULTS=file   also write the browser tests' JSON report there (CI counts from it)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const args = process.argv.slice(2);
const bin = (name) => `node_modules/.bin/${name}`;
const run = (label, cmd, argv, env = {}) => {
  console.log(`\n> ${label}`);
  const r = spawnSync(cmd, argv, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
};

const results = {
  lint: run("lint (eslint)", bin("eslint"), ["."]),
  openapi: run("OpenAPI lint (Redocly recommended)", "node", ["bin/run-ts.js", "scripts/lint-openapi.ts"]),
  typecheck: run("typecheck (server)", bin("tsc"), ["--noEmit"]) & run("typecheck (portal)", bin("tsc"), ["-p", "web", "--noEmit"]),
  unit: run("vitest", bin("vitest"), ["run", ...args]),
};

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const out = process.env.E2E_RESULTS;
  results.browser = run("browser tests (playwright, Debian chromium)", bin("playwright"), ["test", ...(out ? ["--reporter=list,json"] : [])], out ? { PLAYWRIGHT_JSON_OUTPUT_FILE: out, PLAYWRIGHT_JSON_OUTPUT_NAME: out } : {});
} else {
  console.log(`\n! browser tests not run: ${chromium} is missing (Debian: apt-get install chromium). CI installs it and requires them.`);
}

const failed = Object.entries(results).filter(([, ok]) => !ok).map(([k]) => k);
console.log(failed.length ? `\nnpm test: failed: ${failed.join(", ")}` : "\nnpm test: all parts passed");
process.exit(failed.length ? 1 : 0);
