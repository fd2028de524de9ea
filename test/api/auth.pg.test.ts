import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/access/api-clients.js";
import { setDebtorNationalId } from "../../src/access/pii.js";
import { createUser, grantRole } from "../../src/access/users.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { PASSWORD, login, seedTenant, type Tenant } from "../support/tenants.js";

let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
}, 60_000);
afterAll(async () => t?.close());

describe("portal login", () => {
  it("logs in with e-mail and password, sets an HTTP-only strict cookie, and gives the CSRF token", async () => {
    const res = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: a.users.firmAdmin.email.toUpperCase(), password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "fordring_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    expect(res.json().memberships).toEqual([expect.objectContaining({ role: "firm-admin", firmId: a.firmId, firmName: "Firm Alfa" })]);
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it("answers a wrong password and an unknown e-mail alike, and audits both", async () => {
    const wrong = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: a.users.firmAdmin.email, password: "not the password" } });
    const unknown = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: "nobody@nowhere.test", password: "not the password" } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    const audit = await t.ctx.database.query<{ actor_label: string; outcome: string }>("select actor_label, outcome from audit_log where action = 'login' and outcome = 'denied' order by id");
    expect(audit.map((r) => r.actor_label)).toEqual(expect.arrayContaining([a.users.firmAdmin.email, "nobody@nowhere.test"]));
  });

  it("stores only an argon2id hash of the password and only a hash of the session token", async () => {
    const [u] = await t.ctx.database.query<{ password_hash: string }>("select password_hash from users where email = $1", [a.users.firmAdmin.email]);
    expect(u!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const session = await login(t, a.users.firmAdmin);
    const token = session.cookie.split("=")[1]!;
    const rows = await t.ctx.database.query("select 1 from sessions where token_hash = $1", [token]);
    expect(rows).toHaveLength(0);
  });

  it("requires the CSRF token on writes with a session, not on reads", async () => {
    const s = await login(t, a.users.firmAdmin);
    const body = { reason: "customer called" };
    const noToken = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause?preview=true`, headers: { cookie: s.cookie }, payload: body });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf");
    const wrongToken = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause?preview=true`, headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(32) }, payload: body });
    expect(wrongToken.statusCode).toBe(403);
    const ok = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause?preview=true`, headers: s, payload: body });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it("makes a new session at every login (no fixation) and ends it at logout", async () => {
    const first = await login(t, a.users.accountant);
    const res = await t.app.inject({ method: "POST", url: "/v1/auth/login", headers: { cookie: first.cookie }, payload: a.users.accountant });
    const second = res.cookies.find((c) => c.name === "fordring_session")!.value;
    expect(`fordring_session=${second}`).not.toBe(first.cookie);
    expect((await t.app.inject({ method: "GET", url: "/v1/me", headers: { cookie: first.cookie } })).statusCode).toBe(401);
    const s2 = { cookie: `fordring_session=${second}`, "x-csrf-token": res.json().csrfToken as string };
    expect((await t.app.inject({ method: "POST", url: "/v1/auth/logout", headers: s2 })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/v1/me", headers: { cookie: s2.cookie } })).statusCode).toBe(401);
  });

  it("refuses a disabled user's session at once", async () => {
    const s = await login(t, a.users.creditorUser);
    await t.ctx.database.query("update users set disabled = true where email = $1", [a.users.creditorUser.email]);
    expect((await t.app.inject({ method: "GET", url: "/v1/me", headers: s })).statusCode).toBe(401);
    await t.ctx.database.query("update users set disabled = false where email = $1", [a.users.creditorUser.email]);
  });
});

describe("API client keys", () => {
  it("shows the key once, stores a hash, and regenerating stops the old key", async () => {
    const s = await login(t, a.users.firmAdmin);
    const created = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/api-clients`, headers: s, payload: { name: "ERP" } });
    expect(created.statusCode).toBe(201);
    const { client, key } = created.json() as { client: { id: string; keyPrefix: string }; key: string };
    expect(key).toMatch(/^fdr_[\w-]{12}_[\w-]{43}$/);
    const stored = await t.ctx.database.query<{ key_hash: string }>("select key_hash from api_clients where id = $1", [client.id]);
    expect(stored[0]!.key_hash).not.toContain(key.slice(17));
    const list = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/api-clients`, headers: s });
    expect(list.body).not.toContain(key);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    const regen = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/api-clients/${client.id}/regenerate`, headers: s });
    const newKey = regen.json().key as string;
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${newKey}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "DELETE", url: `/v1/creditors/${a.creditorId}/api-clients/${client.id}`, headers: s })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${newKey}` } })).statusCode).toBe(401);
    // Issue 19: regenerating a revoked client's key does not revive it.
    const revived = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/api-clients/${client.id}/regenerate`, headers: s });
    expect([revived.statusCode, revived.json().code]).toEqual([409, "conflict"]);
    expect(revived.body).not.toMatch(/fdr_/);
    const [row] = await t.ctx.database.query<{ revoked_at: Date | null }>("select revoked_at from api_clients where id = $1", [client.id]);
    expect(row!.revoked_at).not.toBeNull();
  });

  it("needs no CSRF token with a key, and a role without write may not act", async () => {
    const { key } = await createApiClient(t.ctx.database, { name: "finance", role: "agency-finance", createdBy: "test" });
    const res = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause?preview=true`, headers: { authorization: `Bearer ${key}` }, payload: { reason: "x" } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
  });
});

describe("audit", () => {
  it("records every write with who, what, where from and the outcome, readable by the tenant's admin", async () => {
    const s = await login(t, a.users.firmAdmin);
    await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message`, headers: s, payload: { text: "Please call the debtor" } });
    const res = await t.app.inject({ method: "GET", url: `/v1/audit?firmId=${a.firmId}`, headers: s });
    expect(res.statusCode).toBe(200);
    const row = (res.json().items as { action: string; actorLabel: string; outcome: string; ip: string; creditorId: string }[]).find((i) => i.action === "POST /v1/cases/:caseId/actions/:action");
    expect(row).toMatchObject({ actorLabel: a.users.firmAdmin.email, outcome: "ok", creditorId: a.creditorId, ip: "127.0.0.1" });
    const accountant = await login(t, a.users.accountant);
    expect((await t.app.inject({ method: "GET", url: `/v1/audit?firmId=${a.firmId}`, headers: accountant })).statusCode).toBe(403);
  });
});

describe("security headers, rate limits, identity numbers", () => {
  it("sends security headers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/health" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(res.headers["strict-transport-security"]).toBeDefined();
  });

  it("limits requests per client when configured", async () => {
    const limited = await createTestApp({ env: { FORDRING_RATE_LIMIT: "5" } });
    try {
      const codes = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.inject({ method: "GET", url: "/v1/me" })).statusCode);
      expect(codes.slice(0, 5).every((c) => c === 200)).toBe(true);
      expect(codes.slice(5)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it("limits per account as well: one API key from many addresses shares one bucket, another key has its own", async () => {
    const limited = await createTestApp({ env: { FORDRING_RATE_LIMIT: "0", FORDRING_ACCOUNT_RATE_LIMIT: "3" } });
    try {
      const { key } = await createApiClient(limited.ctx.database, { name: "second", role: "operator-admin", createdBy: "test" });
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.inject({ method: "GET", url: "/v1/me", remoteAddress: `10.0.0.${i + 1}` })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const refused = await limited.inject({ method: "GET", url: "/v1/me", remoteAddress: "10.0.0.99" });
      expect(refused.json()).toMatchObject({ code: "rate_limited", detail: expect.stringContaining("from this account (API key), from any address") });
      expect(refused.headers["retry-after"]).toBeDefined();
      // Another account from the same address is not held back by the first one's count.
      expect((await limited.app.inject({ method: "GET", url: "/v1/me", remoteAddress: "10.0.0.1", headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
      // Callers without an account are counted by address only (here: off).
      for (let i = 0; i < 5; i++) expect((await limited.app.inject({ method: "GET", url: "/v1/calculator/interest?principal=1000.00&from=2025-01-01&to=2025-02-01", remoteAddress: "10.0.0.1" })).statusCode).not.toBe(429);
    } finally {
      await limited.close();
    }
  });

  it("limits per address: a made-up Authorization header or cookie does not get a fresh bucket", async () => {
    const limited = await createTestApp({ env: { FORDRING_RATE_LIMIT: "4" } });
    try {
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await limited.app.inject({ method: "GET", url: "/v1/me", headers: { authorization: `Basic ${i}`, cookie: `fordring_session=${i}` } })).statusCode);
      expect(codes.filter((c) => c === 429)).toHaveLength(2);
      // With the global limit off, logins are still limited.
      const off = await createTestApp({ env: { FORDRING_RATE_LIMIT: "0", FORDRING_LOGIN_RATE_LIMIT: "2" } });
      try {
        const logins = [];
        for (let i = 0; i < 3; i++) logins.push((await off.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: "x@y.no", password: "wrong" } })).statusCode);
        expect(logins).toEqual([401, 401, 429]);
      } finally {
        await off.close();
      }
    } finally {
      await limited.close();
    }
  });

  it("keeps identity numbers encrypted at rest and masks them but for roles that need them", async () => {
    const [c] = await t.ctx.database.query<{ debtor_id: string }>("select debtor_id from cases where id = $1", [a.caseId]);
    await setDebtorNationalId(t.ctx.database, t.ctx.secrets, c!.debtor_id, "01019010046");
    const [raw] = await t.ctx.database.query<{ national_id_enc: string }>("select national_id_enc from debtors where id = $1", [c!.debtor_id]);
    expect(raw!.national_id_enc).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(raw!.national_id_enc).not.toContain("010190");
    const firm = await login(t, a.users.firmAdmin);
    const masked = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: firm })).json().debtor.nationalId as string;
    expect(masked).toBe("010190*****");
    const handlerId = await createUser(t.ctx.database, { email: "handler@agency.test", name: "Handler", password: PASSWORD });
    await grantRole(t.ctx.database, { userId: handlerId, role: "case-handler" });
    const handler = await login(t, { email: "handler@agency.test", password: PASSWORD });
    const full = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: handler })).json().debtor.nationalId as string;
    expect(full).toMatch(/^010190\d{5}$/);
  });
});

