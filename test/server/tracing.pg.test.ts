import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/main/app.js";
import { loadConfig } from "../../src/platform/config.js";
import { startJobQueue } from "../../src/platform/jobs.js";
import { createLogger } from "../../src/platform/logger.js";
import { startTracing, traceJobs } from "../../src/platform/tracing.js";
import { AGENCY_ENV } from "../support/agency-env.js";
import { REPO } from "../support/spawn-fordring.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * OpenTelemetry traces (docs/OPERATIONS.md, "Traces"): with OTEL_EXPORTER_OTLP_ENDPOINT set the
 * spans of HTTP requests and pg-boss jobs reach an OTLP/HTTP receiver (a real listener here);
 * unset, no OpenTelemetry SDK module is loaded (only the no-op API pg-boss imports itself).
 */

interface OtlpSpan {
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}

/** An OTLP/HTTP receiver: keeps the spans of every JSON export POSTed to /v1/traces. */
async function startReceiver() {
  const spans: OtlpSpan[] = [];
  const requests: { url: string; headers: http.IncomingHttpHeaders; service: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        resourceSpans: { resource: { attributes: OtlpSpan["attributes"] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const rs of body.resourceSpans) {
        requests.push({ url: req.url ?? "", headers: req.headers, service: rs.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue });
        for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, spans, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function attr(span: OtlpSpan, key: string): string | number | undefined {
  const v = span.attributes.find((a) => a.key === key)?.value;
  if (!v) return undefined;
  return v.stringValue ?? (v.intValue === undefined ? undefined : Number(v.intValue));
}

let t: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-tracing-"));

beforeAll(async () => {
  t = await createTestDatabase();
  receiver = await startReceiver();
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("traces on (OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  let app: RunningApp;
  afterAll(async () => {
    if (app) await app.stop("test end");
  });

  it("each HTTP request arrives at the collector as a span named by its route, with its status code", async () => {
    app = await startApp(
      loadConfig({
        ...AGENCY_ENV,
        DATABASE_URL: t.url,
        FORDRING_DATA_DIR: dir,
        FORDRING_SECRET_KEY: randomBytes(32).toString("hex"),
        PORT: "0",
        LOG_LEVEL: "silent",
        FORDRING_TODAY: "2025-03-10",
        FORDRING_WORKER: "off",
        OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`,
        OTEL_EXPORTER_OTLP_HEADERS: "x-collector-key=secret%20value",
        OTEL_SERVICE_NAME: "fordring-test",
      }),
      { role: "api" },
    );
    expect(app.tracing).toBeDefined();
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${app.url}/v1/cases/00000000-0000-0000-0000-000000000000?x=1`)).status).toBe(401);
    await app.tracing!.flush();

    const live = receiver.spans.find((s) => s.name === "GET /health/live");
    expect(live).toBeDefined();
    expect(attr(live!, "http.route")).toBe("/health/live");
    expect(attr(live!, "http.response.status_code")).toBe(200);
    expect(attr(live!, "http.request.method")).toBe("GET");
    expect(live!.kind).toBe(2); // SPAN_KIND_SERVER

    const refused = receiver.spans.find((s) => attr(s, "http.response.status_code") === 401);
    expect(refused?.name).toBe("GET /v1/cases/:caseId");
    expect(attr(refused!, "url.path")).toBe("/v1/cases/00000000-0000-0000-0000-000000000000");

    expect(receiver.requests[0]?.url).toBe("/v1/traces");
    expect(receiver.requests[0]?.headers["x-collector-key"]).toBe("secret value");
    expect(receiver.requests[0]?.service).toBe("fordring-test");
  }, 60_000);

  it("each pg-boss job becomes a span with its queue and outcome, a failure marked as an error", async () => {
    const tracing = await startTracing(loadConfig({ ...AGENCY_ENV, FORDRING_DATA_DIR: dir, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces` }).tracing, "test");
    const { openDatabase } = await import("../../src/platform/db/database.js");
    const database = await openDatabase({ databaseUrl: t.url, dataDir: dir, poolSize: 2 });
    const boss = await startJobQueue(database, createLogger("silent"));
    let okId: string | null = null;
    try {
      traceJobs(boss, tracing!);
      await boss.createQueue("tracing-ok");
      await boss.createQueue("tracing-fails", { retryLimit: 0 });
    const done: string[] = [];
      await boss.work("tracing-ok", async () => {
        done.push("ok");
      });
      await boss.work("tracing-fails", { pollingIntervalSeconds: 0.5 }, async () => {
        done.push("fails");
        throw new Error("the ledger said no");
      });
      okId = await boss.send("tracing-ok", {});
      await boss.send("tracing-fails", {});
      const until = Date.now() + 20_000;
      while (done.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 200));
      await tracing!.flush();
    } finally {
      await boss.stop({ graceful: false });
      await database.close();
      await tracing!.shutdown();
    }
    const ok = receiver.spans.find((s) => s.name === "job tracing-ok");
    expect(ok).toBeDefined();
    expect(attr(ok!, "fordring.job.outcome")).toBe("completed");
    expect(attr(ok!, "messaging.destination.name")).toBe("tracing-ok");
    expect(attr(ok!, "messaging.system")).toBe("pg-boss");
    expect(attr(ok!, "messaging.message.id")).toBe(okId);
    expect(ok!.kind).toBe(5); // SPAN_KIND_CONSUMER
    const failed = receiver.spans.find((s) => s.name === "job tracing-fails");
    expect(attr(failed!, "fordring.job.outcome")).toBe("failed");
    expect(failed!.status?.code).toBe(2); // STATUS_CODE_ERROR
  }, 60_000);
});

describe("traces off (the variable unset)", () => {
  const probe = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OTEL_")));
      const child = spawn(process.execPath, ["--import", "./test/support/refuse-opentelemetry.mjs", "bin/run-ts.js", "test/support/tracing-probe.ts"], {
        cwd: REPO,
        env: { ...clean, ...AGENCY_ENV, FORDRING_DATA_DIR: dir, LOG_LEVEL: "silent", ...env },
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, out }));
    });

  it("loads no OpenTelemetry SDK module; the same probe with the variable set does (so the check can fail)", async () => {
    const off = await probe({});
    expect(off.out).toContain("tracing off");
    expect(off.code).toBe(0);
    const on = await probe({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expect(on.out).toContain("OpenTelemetry SDK module loaded: @opentelemetry/");
    expect(on.code).not.toBe(0);
  }, 60_000);
});
