import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectWebhookEvents, deliverWebhooks, type Fetch } from "../../src/webhooks/webhooks.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

let t: TestApp;
let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
  b = await seedTenant(t, "Beta", "923609016");
}, 60_000);
afterAll(async () => t?.close());

describe("webhooks", () => {
  it("delivers case events signed, with an idempotency key and no personal data, once; retries with backoff", async () => {
    const s = await login(t, a.users.firmAdmin);
    const created = await t.app.inject({ method: "POST", url: "/v1/webhooks", headers: s, payload: { firmId: a.firmId, url: "https://erp.example/hooks", events: ["case.stage-changed", "case.closed"] } });
    expect(created.statusCode).toBe(201);
    const secret = created.json().secret as string;
    expect(secret).toMatch(/^whsec_/);
    const stored = await t.ctx.database.query<{ secret_enc: string }>("select secret_enc from webhooks where id = $1", [created.json().webhook.id]);
    expect(stored[0]!.secret_enc).not.toContain(secret);

    await t.ctx.database.transaction((tx) => collectWebhookEvents(tx)); // starts the cursor at now
    const pause = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause`, headers: s, payload: { reason: "Kunden har ringt", until: "2025-03-01" } });
    expect(pause.statusCode).toBe(200);
    const bUser = await login(t, b.users.firmAdmin);
    await t.app.inject({ method: "POST", url: `/v1/cases/${b.caseId}/actions/pause`, headers: bUser, payload: { reason: "other tenant" } });
    expect(await t.ctx.database.transaction((tx) => collectWebhookEvents(tx))).toBe(1);
    expect(await t.ctx.database.transaction((tx) => collectWebhookEvents(tx))).toBe(0);

    const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
    let answer = 500;
    const fetch: Fetch = async (url, init) => {
      sent.push({ url, headers: init.headers, body: init.body });
      return { status: answer };
    };
    let now = new Date(Date.now() + 1_000); // deliveries are queued at the database clock
    const deps = { box: t.ctx.secrets, fetch, now: () => now };
    expect(await deliverWebhooks(t.ctx.database, deps)).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    expect(await deliverWebhooks(t.ctx.database, deps)).toEqual({ delivered: 0, failed: 0, retrying: 0 }); // not due yet
    now = new Date(now.getTime() + 61_000);
    answer = 204;
    expect(await deliverWebhooks(t.ctx.database, deps)).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    now = new Date(now.getTime() + 3600_000);
    expect(await deliverWebhooks(t.ctx.database, deps)).toEqual({ delivered: 0, failed: 0, retrying: 0 });

    expect(sent).toHaveLength(2);
    const last = sent[1]!;
    expect(last.headers["idempotency-key"]).toBe(sent[0]!.headers["idempotency-key"]);
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(last.headers["fordring-signature"]!)!;
    expect(sig).toBe(createHmac("sha256", secret).update(`${ts}.${last.body}`).digest("hex"));
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({ type: "case.stage-changed", creditorId: a.creditorId, data: { caseId: a.caseId, caseNumber: a.caseNumber, step: "pause" } });
    expect(last.body).not.toContain("Debtor Alfa");
    expect(last.body).not.toContain("Kunden har ringt");
    expect(last.body).not.toContain(b.caseId);

    const deliveries = await t.app.inject({ method: "GET", url: `/v1/webhooks/${created.json().webhook.id}/deliveries`, headers: s });
    expect(deliveries.json().items).toEqual([expect.objectContaining({ status: "delivered", attempts: 2, lastStatus: 204 })]);
  });

  it("gives up after the last attempt and says so", async () => {
    const [d] = await t.ctx.database.query<{ id: number }>(
      `insert into webhook_deliveries (webhook_id, event_id, event_type, body, attempts) values ($1, 'case-event:999999', 'case.closed', '{}', 11) returning id`,
      [a.webhookId],
    );
    const out = await deliverWebhooks(t.ctx.database, { box: t.ctx.secrets, fetch: async () => ({ status: 503 }), now: () => new Date("2030-01-01T00:00:00Z") });
    expect(out.failed).toBe(1);
    const [row] = await t.ctx.database.query<{ status: string; last_error: string }>("select status, last_error from webhook_deliveries where id = $1", [d!.id]);
    expect(row).toEqual({ status: "failed", last_error: "HTTP 503" });
  });

  it("refuses webhook URLs into a private network", async () => {
    const s = await login(t, a.users.firmAdmin);
    for (const url of ["https://169.254.169.254/latest/meta-data", "http://erp.example/hooks", "https://127.0.0.1:5432/"]) {
      const res = await t.app.inject({ method: "POST", url: "/v1/webhooks", headers: s, payload: { firmId: a.firmId, url, events: ["case.closed"] } });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it("refuses a subscription on another tenant", async () => {
    const s = await login(t, b.users.firmAdmin);
    const res = await t.app.inject({ method: "POST", url: "/v1/webhooks", headers: s, payload: { firmId: a.firmId, url: "https://evil.example/", events: ["case.closed"] } });
    expect(res.statusCode).toBe(404);
  });
});
