import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatIfJobs } from "../../src/collection/what-if/what-if-jobs.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

/**
 * What-if as a job off the request thread, on the embedded database (where one what-if used to
 * hold the only connection and froze `/health` for ~30 s, issue #20): the server keeps answering
 * while it runs, the job reports its progress, can be cancelled, and its answer has the legal
 * steps and the stages.
 */
let t: TestApp;
let creditorId: string;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-03-03", embedded: true });
  [creditorId] = (await seedPortfolio(t.ctx.database, { creditors: 1, casesPerCreditor: 40, openedOn: "2025-01-10" })) as [string];
}, 120_000);
afterAll(async () => t?.close());

type Job = { jobId: string; state: string; progress: { run: string; day: number; days: number; percent: number } | null; result: { current: Record<string, unknown>; proposed: Record<string, unknown> } | null; error: { code: string; message: string } | null };

async function job(jobId: string): Promise<Job> {
  return (await t.inject({ method: "GET", url: `/v1/creditors/${creditorId}/what-if/jobs/${jobId}` })).json();
}

describe("a what-if job", () => {
  it("lets /health answer while it runs, reports progress, and answers with legal steps and stages", async () => {
    const started = await t.inject({ method: "POST", url: `/v1/creditors/${creditorId}/what-if/jobs`, payload: { days: 180, settings: { collection: { approveBeforeLegal: false } } } });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json() as Job;
    const healthWhileRunning: number[] = [];
    const percents: number[] = [];
    let state = "running";
    const deadline = Date.now() + 150_000;
    while (state === "running" && Date.now() < deadline) {
      const before = Date.now();
      const health = await t.inject({ method: "GET", url: "/health" });
      const ms = Date.now() - before;
      expect(health.statusCode).toBe(200);
      const j = await job(jobId);
      state = j.state;
      if (state === "running") {
        healthWhileRunning.push(ms);
        if (j.progress) percents.push(j.progress.percent);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await job(jobId);
    expect(done.state, JSON.stringify(done.error)).toBe("done");
    // The server answered during the run, each time at once.
    expect(healthWhileRunning.length).toBeGreaterThan(3);
    expect(Math.max(...healthWhileRunning)).toBeLessThan(1_000);
    // Progress went forward through both runs.
    expect(percents.length).toBeGreaterThan(0);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    for (const run of ["current", "proposed"] as const) {
      expect(done.result![run]).toHaveProperty("legalSteps");
      expect(done.result![run]).toHaveProperty("legalCosts");
      expect(Object.values(done.result![run]["stages"] as Record<string, number>).reduce((a, n) => a + n, 0)).toBe(done.result![run]["cases"]);
    }
    // Nothing of the runs is kept in the server's database.
    const [{ n }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int as n from letters")) as [{ n: number }];
    expect(n).toBe(0);
  }, 180_000);

  it("can be cancelled, and an unknown job is a 404", async () => {
    const started = await t.inject({ method: "POST", url: `/v1/creditors/${creditorId}/what-if/jobs`, payload: { days: 180 } });
    const { jobId } = started.json() as Job;
    const cancelled = await t.inject({ method: "DELETE", url: `/v1/creditors/${creditorId}/what-if/jobs/${jobId}` });
    expect(cancelled.statusCode).toBe(200);
    expect((cancelled.json() as Job).state).toBe("cancelled");
    expect((await job(jobId)).state).toBe("cancelled");
    const unknown = await t.inject({ method: "GET", url: `/v1/creditors/${creditorId}/what-if/jobs/00000000-0000-0000-0000-000000000000` });
    expect(unknown.statusCode).toBe(404);
  }, 60_000);

  it("is stopped when its time budget is spent, and says so", async () => {
    const jobs = new WhatIfJobs({ database: t.ctx.database, databaseUrl: undefined, rulesDir: undefined, rules: t.ctx.rules, budgetMs: 200 });
    const started = await jobs.start({ creditorId, proposed: {}, days: 180, today: LocalDate.parse("2025-03-03"), agency: t.ctx.config.agency });
    const j = (await jobs.settled(started.id))!;
    expect(j.state).toBe("failed");
    expect(j.error).toMatchObject({ code: "time_budget" });
    expect(j.error!.message).toMatch(/longer than its time budget/);
    await jobs.close();
  }, 60_000);
});
