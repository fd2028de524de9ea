import { afterEach, describe, expect, it } from "vitest";
import type { FaultOptions } from "./faults.js";
import { apiCaller, basicAuth, fetchToken } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";

const open: PowerOfficeSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A sandbox with one approved invoice; faults switched on after the token is fetched. */
async function faulty(faults: FaultOptions) {
  const sandbox = createPowerOfficeSandbox({ faults });
  open.push(sandbox);
  sandbox.seed({
    customers: [{ code: 10001, name: "Ørjan Kvåle", isPerson: true }],
    invoices: [{ invoiceNo: 1, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amount: "100.00", status: "Approved" }],
  });
  const token = await fetchToken(sandbox.app); // the token endpoint is not faulted by default
  return { sandbox, api: apiCaller(sandbox.app, token), invoiceId: sandbox.ledger.invoiceByNo(1).id };
}

function parses(raw: string): boolean {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false;
  }
}

describe("fault mode", () => {
  it("faults the same requests the same way for the same seed", async () => {
    const run = async (seed: number) => {
      const { api } = await faulty({ rate: 0.4, seed, kinds: ["429", "500", "malformed"] });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await api.get("/DebtCollection/IsActiveDebtCollection/");
        seen.push(`${res.status}:${parses(res.raw) ? "json" : "cut"}`);
      }
      return seen;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(await run(12)).not.toEqual(a);
    expect(new Set(a)).toEqual(new Set(["200:json", "429:json", "500:json", "200:cut"]));
  });

  it("never faults the token endpoint unless configured", async () => {
    const always = createPowerOfficeSandbox({ faults: { rate: 1, kinds: ["500"] } });
    const withToken = createPowerOfficeSandbox({ faults: { rate: 1, kinds: ["500"], tokenEndpoint: true } });
    open.push(always, withToken);
    await expect(fetchToken(always.app)).resolves.toEqual(expect.any(String));
    await expect(fetchToken(withToken.app)).rejects.toThrow(/token: 500/);
  });

  it("answers 429 and 500 before doing anything", async () => {
    for (const kind of ["429", "500"] as const) {
      const { sandbox, api, invoiceId } = await faulty({ rate: 1, kinds: [kind] });
      const res = await api.post("/DebtCollection/", { code: "AG-1", invoices: [{ id: invoiceId }] });
      expect(res.status).toBe(Number(kind));
      expect(sandbox.state.tenant().counters.casesCreated).toBe(0);
      expect(sandbox.state.requestCount).toBe(2); // the token request and the faulted one
      expect(sandbox.state.faultsInjected[kind]).toBe(1);
    }
  });

  it("cuts the JSON body after doing the work (malformed)", async () => {
    const { sandbox, api, invoiceId } = await faulty({ rate: 1, kinds: ["malformed"] });
    const res = await api.post("/DebtCollection/", { code: "AG-1", invoices: [{ id: invoiceId }] });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(() => JSON.parse(res.raw)).toThrow();
    expect(res.raw.startsWith('{"data":{')).toBe(true);
    expect(sandbox.state.tenant().counters.casesCreated).toBe(1);
  });

  it("hangs after doing the work until the client gives up (timeout), over a real port on 127.0.0.1", async () => {
    const { sandbox, invoiceId } = await faulty({ rate: 1, kinds: ["timeout"], hangMs: 30_000 });
    const url = await sandbox.listen(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await (
      await fetch(`${url}/OAuth/Token`, { method: "POST", headers: { authorization: basicAuth(), "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" })
    ).json();
    const started = performance.now();
    await expect(
      fetch(`${url}/DebtCollection/`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
        body: JSON.stringify({ code: "AG-1", invoices: [{ id: invoiceId }] }),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(sandbox.state.tenant().counters.casesCreated).toBe(1);
    const closing = performance.now();
    await sandbox.close();
    expect(performance.now() - closing).toBeLessThan(5_000);
  });

  it("a short hang ends with the real answer", async () => {
    const { api } = await faulty({ rate: 1, kinds: ["timeout"], hangMs: 30 });
    const started = performance.now();
    const res = await api.get("/DebtCollection/IsActiveDebtCollection/");
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(res.body).toEqual({ data: true, success: true });
  });
});
