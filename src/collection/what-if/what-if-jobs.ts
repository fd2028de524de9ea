import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { dumpEmbedded, type Database } from "../../platform/db/database.js";
import type { LetterAgency } from "../letters/letter-model.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { whatIf, type ProposedSettings, type WhatIfProgress, type WhatIfResult } from "./what-if.js";
import type { WhatIfWorkerData, WhatIfWorkerMessage } from "./what-if-worker.js";

/**
 * What-if runs as jobs off the request thread (issue #20: on the embedded database one what-if
 * froze `/health` for ~30 s). Each job is a worker thread (`what-if-worker.ts`) with a database
 * of its own; the job reports its progress (which run, which day), can be cancelled, and is
 * stopped when its time budget is spent. Jobs live in memory: a finished one is kept for
 * `keepMs` for its answer to be fetched, then forgotten.
 */
export type WhatIfJobState = "running" | "done" | "failed" | "cancelled";

export interface WhatIfJob {
  id: string;
  creditorId: string;
  state: WhatIfJobState;
  progress: WhatIfProgress | null;
  result: WhatIfResult | null;
  /** Why it failed: the run's error, or the time budget. */
  error: { code: "failed" | "time_budget"; message: string } | null;
}

export interface WhatIfJobOptions {
  database: Database;
  databaseUrl: string | undefined;
  rulesDir: string | undefined;
  /** The rules in force, for a run in this thread. */
  rules: RuleBook;
  /** The longest a run may take before it is stopped (default 120 s). */
  budgetMs?: number;
  /** How long a finished job's answer is kept (default 10 minutes). */
  keepMs?: number;
}

interface Running {
  job: WhatIfJob;
  settled: Promise<WhatIfJob>;
  cancel(): void;
}

/** A run's messages, and how to stop it. */
interface Runner {
  stop(): void;
}

/** tsx's ESM loader API (its `import` export; the `require` one cannot start it in a worker). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("tsx/package.json");
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(path.join(path.dirname(manifest), exports["./esm/api"]!.import.default)).href;
}

/**
 * The worker's first lines: TypeScript runs through tsx's loader, as `bin/fordring.js` does for
 * the main thread (a loader given on the command line does not reach a worker), then the worker.
 */
const WORKER_BOOT = `(async () => {
  const { register } = await import(${JSON.stringify(tsxEsmApi())});
  register();
  await import(${JSON.stringify(new URL("./what-if-worker.ts", import.meta.url).href)});
})().catch((e) => { throw e; });`;

export class WhatIfJobs {
  private readonly jobs = new Map<string, Running>();
  private readonly budgetMs: number;
  private readonly keepMs: number;

  constructor(private readonly o: WhatIfJobOptions) {
    this.budgetMs = o.budgetMs ?? 120_000;
    this.keepMs = o.keepMs ?? 600_000;
  }

  /** Starts a run and answers at once with the job (state running). */
  async start(input: { creditorId: string; proposed: ProposedSettings; days: number; today: LocalDate; agency: LetterAgency }): Promise<WhatIfJob> {
    const job: WhatIfJob = { id: randomUUID(), creditorId: input.creditorId, state: "running", progress: null, result: null, error: null };
    // Set once the run has started; `finish` may come first (a cancel while the copy is taken).
    const run: { runner?: Runner } = {};
    let resolveSettled: (j: WhatIfJob) => void = () => undefined;
    const settled = new Promise<WhatIfJob>((resolve) => (resolveSettled = resolve));
    const finish = (state: WhatIfJobState, patch: Partial<WhatIfJob> = {}) => {
      if (job.state !== "running") return;
      Object.assign(job, { state, ...patch });
      clearTimeout(timer);
      run.runner?.stop();
      setTimeout(() => this.jobs.delete(job.id), this.keepMs).unref();
      resolveSettled(job);
    };
    const timer = setTimeout(() => finish("failed", { error: { code: "time_budget", message: `the run took longer than its time budget of ${Math.round(this.budgetMs / 1000)} s; try fewer days` } }), this.budgetMs);
    timer.unref();
    const on = (m: WhatIfWorkerMessage) => {
      if (m.kind === "progress") job.progress = m.progress;
      else if (m.kind === "done") finish("done", { result: m.result });
      else finish("failed", { error: { code: "failed", message: m.message } });
    };
    this.jobs.set(job.id, { job, settled, cancel: () => finish("cancelled") });
    const runner = this.o.databaseUrl || this.o.database.kind === "pglite" ? await this.inWorker(input, on, finish) : this.inProcess(input, on);
    run.runner = runner;
    if (job.state !== "running") runner.stop();
    return job;
  }

  /** A worker thread with a database of its own: a server connection, or a copy of the embedded database. */
  private async inWorker(input: Parameters<WhatIfJobs["start"]>[0], on: (m: WhatIfWorkerMessage) => void, finish: (state: WhatIfJobState, patch?: Partial<WhatIfJob>) => void): Promise<Runner> {
    const data: WhatIfWorkerData = {
      databaseUrl: this.o.databaseUrl ?? null,
      // The embedded database's copy is taken here, between two queries of the server's connection.
      dump: this.o.databaseUrl ? null : await dumpEmbedded(this.o.database),
      rulesDir: this.o.rulesDir ?? null,
      creditorId: input.creditorId,
      proposed: input.proposed,
      days: input.days,
      today: input.today.toString(),
      agency: input.agency,
    };
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: data });
    worker.on("message", on);
    worker.on("error", (e) => finish("failed", { error: { code: "failed", message: e.message } }));
    worker.on("exit", (code) => finish("failed", { error: { code: "failed", message: `the what-if worker stopped (exit code ${code})` } }));
    return { stop: () => void worker.terminate() };
  }

  /**
   * On the server's own connection, in this thread, between the queries (a server database whose
   * address this process was not given, as in tests that open the database themselves).
   */
  private inProcess(input: Parameters<WhatIfJobs["start"]>[0], on: (m: WhatIfWorkerMessage) => void): Runner {
    const abort = new AbortController();
    whatIf(this.o.database, { ...input, rules: this.o.rules, signal: abort.signal, onProgress: (progress) => on({ kind: "progress", progress }) }).then(
      (result) => on({ kind: "done", result }),
      (e: unknown) => {
        if (!abort.signal.aborted) on({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
      },
    );
    return { stop: () => abort.abort() };
  }

  get(id: string): WhatIfJob | undefined {
    return this.jobs.get(id)?.job;
  }

  /** Stops a running job; a finished one stays as it is. */
  cancel(id: string): WhatIfJob | undefined {
    this.jobs.get(id)?.cancel();
    return this.get(id);
  }

  /** The job once it has finished (done, failed or cancelled). */
  async settled(id: string): Promise<WhatIfJob | undefined> {
    return this.jobs.get(id)?.settled;
  }

  /** Stops every running job (the server is stopping). */
  async close(): Promise<void> {
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }
}
