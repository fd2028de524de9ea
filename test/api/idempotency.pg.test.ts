import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Issue 19: `Idempotency-Key` on the POSTs that create or move money, on real PostgreSQL. The
 * same request with the same key is answered once and the kept answer replayed; another request
 * with the same key is refused; keys are per caller.
 */
let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Idem", "974760673");
}, 60_000);
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.ctx.database.query<{ n: string }>(sql, params))[0]!.n);
const messages = () => count("select count(*) as n from case_events where case_id = $1", [a.caseId]);

describe("Idempotency-Key", () => {
  it("answers a case action once per key, replays the kept answer, and refuses the key for another body", async () => {
    const before = await messages();
    const send = (text: string, key?: string) => t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message`, headers: key ? { "idempotency-key": key } : {}, payload: { text } });
    const first = await send("please call me", "k-message-1");
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["idempotency-replayed"]).toBeUndefined();
    const again = await send("please call me", "k-message-1");
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotency-replayed"]).toBe("true");
    expect(again.body).toBe(first.body);
    expect(await messages()).toBe(before + 1);

    const other = await send("another text", "k-message-1");
    expect(other.statusCode).toBe(422);
    expect(other.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({ code: "idempotency_key_reused", status: 422, errors: [{ field: "header.idempotency-key" }] });
    expect(await messages()).toBe(before + 1);

    // Without a key each request is its own; another caller's same key is its own too.
    await send("please call me");
    expect(await messages()).toBe(before + 2);
    const asClient = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message`, headers: { authorization: `Bearer ${a.apiKey}`, "idempotency-key": "k-message-1" }, payload: { text: "please call me" } });
    expect(asClient.statusCode, asClient.body).toBe(200);
    expect(asClient.headers["idempotency-replayed"]).toBeUndefined();
    expect(await messages()).toBe(before + 3);
  });

  it("lets exactly one of two simultaneous requests with one key through", async () => {
    const before = await messages();
    const send = () => t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message`, headers: { "idempotency-key": "k-race" }, payload: { text: "at once" } });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.every((r) => r.statusCode === 200 || (r.statusCode === 409 && r.json().code === "idempotency_key_in_use")), answers.map((r) => r.body).join("\n")).toBe(true);
    expect(await messages()).toBe(before + 1);
  });

  it("replays a settlement and a bank-file import, and stores the key, route, hash and answer", async () => {
    const settle = (to: string) => t.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: { "idempotency-key": "k-settle" }, payload: { from: "2025-02-01", to } });
    const first = await settle("2025-02-02");
    expect(first.statusCode, first.body).toBe(200);
    const again = await settle("2025-02-02");
    expect([again.statusCode, again.headers["idempotency-replayed"], again.body]).toEqual([200, "true", first.body]);
    expect((await settle("2025-02-03")).json().code).toBe("idempotency_key_reused");

    const file = readFileSync("test/fixtures/bank-files/python-netsgiro_ocr_giro_transactions.txt");
    const payments = await count("select count(*) as n from bank_payments");
    const upload = (bytes: Buffer) => t.inject({ method: "POST", url: "/v1/bank-files?name=ocr.txt", headers: { "content-type": "application/octet-stream", "idempotency-key": "k-file" }, payload: bytes });
    const imported = await upload(file);
    expect(imported.statusCode, imported.body).toBe(200);
    const replayed = await upload(file);
    expect([replayed.statusCode, replayed.headers["idempotency-replayed"], replayed.body]).toEqual([200, "true", imported.body]);
    expect((await upload(Buffer.concat([file, Buffer.from("\n")]))).json().code).toBe("idempotency_key_reused");
    expect(await count("select count(*) as n from bank_payments")).toBe(payments + (imported.json() as { payments: number }).payments);

    const [row] = await t.ctx.database.query<{ principal: string; route: string; request_hash: string; status: number; body: string }>("select principal, route, request_hash, status, body from idempotency_keys where key = 'k-file'");
    expect(row).toMatchObject({ route: "POST /v1/bank-files", status: 200, body: imported.body });
    expect(row!.principal).toMatch(/^api-client:/);
    expect(row!.request_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a malformed key as bad input naming the header", async () => {
    const res = await t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message`, headers: { "idempotency-key": "has space" }, payload: { text: "x" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(["headers.idempotency-key"]);
  });
});
