import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { basicAuth } from "./sandbox-test-kit.js";
import { runPowerOfficeSandbox, type RunningPowerOfficeSandbox } from "./run-sandbox.js";

const SMALL = fileURLToPath(new URL("../../../../test/fixtures/poweroffice/seed-small.json", import.meta.url));

let running: RunningPowerOfficeSandbox | undefined;
afterEach(async () => {
  await running?.sandbox.close();
  running = undefined;
});

describe("runPowerOfficeSandbox (the CLI's entry point)", () => {
  it("serves a seeded sandbox over HTTP on 127.0.0.1", async () => {
    running = await runPowerOfficeSandbox({ port: 0, seedFile: SMALL });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.seeded).toEqual({ customers: 3, invoices: 6, payments: 3 });
    const token = await fetch(`${running.url}/OAuth/Token`, {
      method: "POST",
      headers: { authorization: basicAuth(running), "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "grant_type=client_credentials",
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${running.url}/DebtCollection/Invoices/AvailableInvoices/?$orderby=InvoiceNo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as { count: number; data: { invoiceNo: number; remainingAmount: number }[] };
    expect(body.data.map((i) => [i.invoiceNo, i.remainingAmount])).toEqual([[1001, 12500], [1002, 2125.5]]);
  });

  it("can seed from the generator instead, and refuses both at once", async () => {
    running = await runPowerOfficeSandbox({ port: 0, generate: { customers: 5, invoicesPerCustomer: 2, seed: 3, today: "2025-03-01" } });
    expect(running.seeded).toMatchObject({ customers: 5, invoices: 10 });
    await expect(runPowerOfficeSandbox({ port: 0, seedFile: SMALL, generate: { customers: 1, invoicesPerCustomer: 1, seed: 1, today: "2025-03-01" } })).rejects.toThrow(/either/);
  });
});
