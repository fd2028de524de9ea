import { afterEach, describe, expect, it } from "vitest";
import { apiCaller, basicAuth, fetchToken, manualClock } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, DEMO_CLIENT, type PowerOfficeSandbox } from "./server.js";

let sandbox: PowerOfficeSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function tokenRequest(sb: PowerOfficeSandbox, authorization: string | undefined, payload = "grant_type=client_credentials") {
  return sb.app.inject({
    method: "POST",
    url: "/OAuth/Token",
    headers: { ...(authorization ? { authorization } : {}), "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    payload,
  });
}

describe("POST /OAuth/Token (authentication.md)", () => {
  it("issues a bearer token for 1200 seconds to the right Basic credentials", async () => {
    sandbox = createPowerOfficeSandbox();
    const res = await tokenRequest(sandbox, basicAuth());
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 1200 });
  });

  it("accepts the exact Authorization header of the documentation's example", async () => {
    sandbox = createPowerOfficeSandbox();
    const documented = "Basic MTk3MEY2QUQtRTM1RS00RUJGLTlEQTctNTEwOTYyQ0U3RTQ2OjE4MTM1NDRCLUNGMDgtNDlFNy1BOTYwLTBENDM0NEFCRTJDMQ==";
    expect((await tokenRequest(sandbox, documented)).statusCode).toBe(200);
  });

  it("carries the JWT claims of knownissues.md", async () => {
    sandbox = createPowerOfficeSandbox({ clients: [{ ...DEMO_CLIENT, subscriptions: ["Accounting", "Payroll"] }] });
    const token = await fetchToken(sandbox.app);
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
    expect(claims).toMatchObject({
      goActiveClientSubscriptions: ["Accounting", "Payroll"],
      goClientName: "Demo Kreditor AS",
      goInvalidPrivileges: [],
      role: expect.arrayContaining(["DebtCollection"]),
    });
    expect(claims.exp - claims.iat).toBe(1200);
  });

  it.each([
    ["unknown keys", basicAuth({ applicationKey: DEMO_CLIENT.applicationKey, clientKey: "00000000-0000-0000-0000-000000000000" }), "invalid_client"],
    ["no Authorization header", undefined, "invalid_client"],
    ["a garbled header", "Basic !!!", "invalid_client"],
  ])("answers 400 invalid_client for %s", async (_what, header, error) => {
    sandbox = createPowerOfficeSandbox();
    const res = await tokenRequest(sandbox, header);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error, error_description: expect.any(String) });
  });

  it("requires grant_type=client_credentials in a form body", async () => {
    sandbox = createPowerOfficeSandbox();
    expect(JSON.parse((await tokenRequest(sandbox, basicAuth(), "grant_type=password")).body).error).toBe("unsupported_grant_type");
    expect(JSON.parse((await tokenRequest(sandbox, basicAuth(), "")).body).error).toBe("invalid_request");
  });
});

describe("bearer tokens", () => {
  it("work until 20 minutes have passed on the injected clock, then give 401", async () => {
    const clock = manualClock("2025-03-01T10:00:00Z");
    sandbox = createPowerOfficeSandbox({ clock });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).body).toEqual({ data: true, success: true });
    clock.advance(1_199_999);
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).status).toBe(200);
    clock.advance(1);
    const expired = await api.get("/DebtCollection/IsActiveDebtCollection/");
    expect(expired.status).toBe(401);
    expect(expired.headers["www-authenticate"]).toContain("Bearer");
  });

  it("honours a shorter configured lifetime", async () => {
    const clock = manualClock("2025-03-01T10:00:00Z");
    sandbox = createPowerOfficeSandbox({ clock, tokenTtlSeconds: 60 });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    clock.advance(60_000);
    expect((await api.get("/ClientIntegrationInformation/")).status).toBe(401);
  });

  it("gives 401 without a token, with an unknown token and after revocation", async () => {
    sandbox = createPowerOfficeSandbox();
    expect((await sandbox.app.inject({ method: "GET", url: "/DebtCollection/" })).statusCode).toBe(401);
    expect((await apiCaller(sandbox.app, "not-a-token").get("/DebtCollection/")).status).toBe(401);
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    expect((await api.get("/DebtCollection/")).status).toBe(200);
    sandbox.revokeTokens();
    expect((await api.get("/DebtCollection/")).status).toBe(401);
  });

  it("keeps each client's data to its own token", async () => {
    const other = { ...DEMO_CLIENT, clientKey: "2813544B-CF08-49E7-A960-0D4344ABE2C2", clientName: "Annen Kreditor AS" };
    sandbox = createPowerOfficeSandbox({ clients: [DEMO_CLIENT, other] });
    sandbox.ledgerFor(other.clientKey).addCustomer({ code: 20001, name: "Kun hos den andre" });
    const mine = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    const theirs = apiCaller(sandbox.app, await fetchToken(sandbox.app, other));
    expect((await mine.get("/Customer")).body.count).toBe(0);
    expect((await theirs.get("/Customer")).body.count).toBe(1);
    expect((await theirs.get("/ClientIntegrationInformation/")).body.data.clientName).toBe("Annen Kreditor AS");
  });
});

describe("privileges and subscriptions", () => {
  it("answers success=false 'Unauthorized access' when the DebtCollection privilege is missing (changelog 2.2.0)", async () => {
    sandbox = createPowerOfficeSandbox({ clients: [{ ...DEMO_CLIENT, privileges: ["Customer_Full"] }] });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    const res = await api.get("/DebtCollection/Invoices/AvailableInvoices/");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: false, validation: { summary: "Unauthorized access", errorLogReference: expect.any(String) } });
    expect((await api.get("/Customer")).body.success).toBe(true);
  });

  it("answers 403 when the client lacks the subscription, and lists the privilege as invalid (knownissues.md)", async () => {
    sandbox = createPowerOfficeSandbox({ clients: [{ ...DEMO_CLIENT, subscriptions: ["Payroll"] }] });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).status).toBe(403);
    const info = await api.get("/ClientIntegrationInformation/");
    expect(info.body).toEqual({
      data: {
        activeClientSubscriptions: ["Payroll"],
        clientId: expect.any(String),
        clientName: "Demo Kreditor AS",
        invalidPrivileges: expect.arrayContaining(["DebtCollection"]),
        userId: expect.any(String),
        validPrivileges: [],
      },
      success: true,
    });
  });
});

describe("rate limit (limitations.md)", () => {
  it("answers 429 beyond N requests in a second per integration, and lets the client in after a second", async () => {
    const clock = manualClock("2025-03-01T10:00:00Z");
    sandbox = createPowerOfficeSandbox({ clock, rateLimitPerSecond: 5 });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app)); // the token request is the first of five
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.get("/DebtCollection/IsActiveDebtCollection/")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(sandbox.state.rateLimited).toBe(2);
    clock.advance(1000);
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).status).toBe(200);
  });

  it("counts each integration separately", async () => {
    const other = { ...DEMO_CLIENT, clientKey: "2813544B-CF08-49E7-A960-0D4344ABE2C2" };
    sandbox = createPowerOfficeSandbox({ clock: manualClock("2025-03-01T10:00:00Z"), rateLimitPerSecond: 2, clients: [DEMO_CLIENT, other] });
    const a = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    const b = apiCaller(sandbox.app, await fetchToken(sandbox.app, other));
    expect((await a.get("/ClientIntegrationInformation")).status).toBe(200);
    expect((await a.get("/ClientIntegrationInformation")).status).toBe(429);
    expect((await b.get("/ClientIntegrationInformation")).status).toBe(200);
  });
});
