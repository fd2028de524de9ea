import { Worker } from "node:worker_threads";
import { randomBytes } from "node:crypto";
import { createApiClient } from "../src/access/api-clients.js";
import { SecretBox } from "../src/access/secret-box.js";
import type { AppContext } from "../src/api/context.js";
import { buildServer } from "../src/api/server.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { simulatedClock } from "../src/platform/clock.js";
import { loadConfig } from "../src/platform/config.js";
import { openDatabase, type Database } from "../src/platform/db/database.js";
import { createLogger } from "../src/platform/logger.js";
import { loadRuleBook } from "../src/platform/rule-book.js";
import { checkOptions, option, withBenchDatabase } from "./bench-database.js";
import { BOOK_TODAY, seedBook } from "./cycle.js";

/**
 * `npm run bench -- api [--cases N] [--connections C] [--seconds S]`: the HTTP API over a book of
 * N cases (default 1,000,000) in PostgreSQL, driven by C concurrent keep-alive connections
 * (default 200) from a worker thread for S seconds per route: a creditor's case list (first page,
 * random creditor) and the case page (timeline, letters, charges, payments; random case), each
 * request authenticated with an API key and checked against its tenant. Prints requests per
 * second and p50/p99 latency, and the same for GET /health under the same load — the server's
 * floor, measured in the same run — as the baseline; then each route's throughput as a share of
 * /health's and its p99 as a multiple of /health's p99. Aims (issue 13): the case list ≥ 50 % of
 * /health's throughput, the case page ≥ 60 %, each p99 ≤ 2× /health's.
 *
 * On a small machine the server, PostgreSQL and the load generator share the cores, and one
 * 15-second window swings by a third from run to run. So the routes are measured in R rounds
 * (`--rounds`, default 3), /health and each route in turn within a round, and the verdict is the
 * median of the rounds' ratios: each ratio compares windows a few seconds apart.
 */
const OPTIONS = ["cases", "connections", "seconds", "pool", "rounds"];
/** A route's p99 at most this many times /health's p99, in the same run. */
const AIM_P99_RATIO = 2;

export async function benchApi(args: readonly string[]): Promise<void> {
  checkOptions("api", args, OPTIONS);
  const cases = option("api", args, "cases", 1_000_000);
  const connections = option("api", args, "connections", 200);
  const seconds = option("api", args, "seconds", 15);
  const pool = option("api", args, "pool", 20);
  const rounds = option("api", args, "rounds", 3);
  await withBenchDatabase("api", async (seedDb) => {
    console.log(`\napi: ${cases.toLocaleString("en")} cases, ${connections} connections, ${seconds} s per route, ${rounds} rounds, ${pool} database connections`);
    await seedBook(seedDb, { cases, creditorCount: Math.min(1_000, cases) });
    const url = (seedDb.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const database = await openDatabase({ databaseUrl: url, poolSize: pool, migrate: false });
    try {
      await measure(database, { connections, seconds, rounds });
    } finally {
      await database.close();
    }
  });
}

async function measure(database: Database, o: { connections: number; seconds: number; rounds: number }): Promise<void> {
  // No rate limits: the bench drives one API key far past a deployment's per-account limit (issue 19).
  const config = loadConfig({ FORDRING_WORKER: "off", LOG_LEVEL: "silent", FORDRING_RATE_LIMIT: "0", FORDRING_ACCOUNT_RATE_LIMIT: "0" });
  const ctx: AppContext = { config, database, clock: simulatedClock(LocalDate.parse(BOOK_TODAY.toString())), logger: createLogger("silent"), rules: loadRuleBook(), jobs: undefined, version: "bench", secrets: SecretBox.fromKey(randomBytes(32).toString("hex")) };
  const app = await buildServer(ctx);
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const { key } = await createApiClient(database, { name: "bench", role: "operator-admin", createdBy: "bench" });
    const creditors = (await database.query<{ id: string }>("select id from creditors order by random() limit 500")).map((r) => r.id);
    // A 1 % page sample finds nothing in a small book: then any 5,000 cases.
    const sampled = (await database.query<{ id: string }>("select id from cases tablesample system (1) limit 5000")).map((r) => r.id);
    const caseIds = sampled.length > 0 ? sampled : (await database.query<{ id: string }>("select id from cases order by random() limit 5000")).map((r) => r.id);
    const floor = { name: "GET /health (baseline)", paths: ["/health"] };
    /** `aimShare`: the least share of /health's throughput the route should reach. */
    const routes: { name: string; paths: string[]; aimShare: number }[] = [
      { name: "GET /v1/creditors/:id/cases", paths: creditors.map((id) => `/v1/creditors/${id}/cases?state=open&limit=50`), aimShare: 0.5 },
      { name: "GET /v1/cases/:id", paths: caseIds.map((id) => `/v1/cases/${id}`), aimShare: 0.6 },
    ];
    const light = Math.max(1, Math.round(o.connections / 10));
    const line = (name: string, r: Load) =>
      console.log(`    ${name.padEnd(32)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms${r.errors ? `   ${r.errors} errors` : ""}`);
    for (const r of [floor, ...routes]) {
      await load(base, key, r.paths, o.connections, 2); // warm-up
      // The route at a tenth of the connections: the service time without the queue in front of it.
      const l = await load(base, key, r.paths, light, Math.max(2, Math.round(o.seconds / 3)));
      console.log(`  ${r.name.padEnd(32)} at ${light} connections: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`);
    }
    const ratios = routes.map(() => ({ share: [] as number[], p99: [] as number[], errors: 0 }));
    for (let round = 1; round <= o.rounds; round++) {
      console.log(`  round ${round} of ${o.rounds}, ${o.connections} connections:`);
      for (const [i, r] of routes.entries()) {
        // /health just before the route: each ratio compares two windows seconds apart.
        const h = await load(base, key, floor.paths, o.connections, o.seconds);
        const res = await load(base, key, r.paths, o.connections, o.seconds);
        line(floor.name, h);
        line(r.name, res);
        ratios[i]!.share.push(res.rps / h.rps);
        ratios[i]!.p99.push(res.p99 / h.p99);
        ratios[i]!.errors += res.errors + h.errors;
      }
    }
    console.log(`\n  against /health (the median of ${o.rounds} rounds; each round's ratio in brackets):`);
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    for (const [i, r] of routes.entries()) {
      const x = ratios[i]!;
      // A route that answered anything but 200 was not measured: say so rather than print a ratio of refusals.
      if (x.errors > 0) {
        console.log(`  ${r.name.padEnd(32)} NOT measured: ${x.errors} answers were not 200 (errors above)`);
        continue;
      }
      const share = median(x.share);
      const p99 = median(x.p99);
      console.log(
        `  ${r.name.padEnd(32)} throughput ${(share * 100).toFixed(0).padStart(3)} % of /health's (aim ≥ ${(r.aimShare * 100).toFixed(0)} %: ${verdict(share >= r.aimShare)}) [${x.share.map((v) => `${(v * 100).toFixed(0)} %`).join(", ")}]` +
          `   p99 ${p99.toFixed(1)}× /health's (aim ≤ ${AIM_P99_RATIO}×: ${verdict(p99 <= AIM_P99_RATIO)}) [${x.p99.map((v) => `${v.toFixed(1)}×`).join(", ")}]`,
      );
    }
  } finally {
    await app.close();
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** C keep-alive connections in a worker thread, each looping requests for S seconds; latencies in ms. */
function load(base: string, key: string, paths: string[], connections: number, seconds: number): Promise<Load> {
  const code = `
    const { parentPort, workerData: w } = require("node:worker_threads");
    const http = require("node:http");
    const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
    const lat = []; let errors = 0; const end = Date.now() + w.seconds * 1000; let i = 0;
    const one = () => new Promise((resolve) => {
      const path = w.paths[i++ % w.paths.length]; const t = process.hrtime.bigint();
      const req = http.get(w.base + path, { agent, headers: { authorization: "Bearer " + w.key } }, (res) => {
        res.resume(); res.on("end", () => { if (res.statusCode !== 200) errors++; lat.push(Number(process.hrtime.bigint() - t) / 1e6); resolve(); });
      });
      req.on("error", () => { errors++; resolve(); });
    });
    const loop = async () => { while (Date.now() < end) await one(); };
    const started = Date.now();
    Promise.all(Array.from({ length: w.connections }, loop)).then(() => {
      lat.sort((a, b) => a - b);
      const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
      parentPort.postMessage({ rps: lat.length / ((Date.now() - started) / 1000), p50: q(0.5), p99: q(0.99), errors });
      agent.destroy();
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { base, key, paths, connections, seconds } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}
