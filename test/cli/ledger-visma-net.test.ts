import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVismaNetSandbox, type RunningVismaNetSandbox } from "../../src/integration/visma-net/sandbox/index.js";
import { runFordring } from "../support/spawn-fordring.js";

// The CLI path for a Visma.net company: start the sandbox, register a creditor, connect it with
// the company's credentials in an environment variable, sync, and see the case numbers on the invoices.
describe("connecting a creditor to the Visma.net sandbox with the CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-visma-"));
  let running: RunningVismaNetSandbox;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    running = await runVismaNetSandbox({ port: 0, generate: { customers: 6, invoicesPerCustomer: 3, seed: 3, today: "2025-06-02" } });
    const c = running.sandbox.company.config;
    env = { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, FORDRING_TODAY: "2025-06-02", FJORD_VISMA: JSON.stringify({ clientId: c.clientId, clientSecret: c.clientSecret, tenantId: c.tenantId }) };
  });
  afterAll(async () => {
    await running.sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens cases for the invoices the dunning routine chose and writes the case numbers into them", async () => {
    expect((await runFordring(["creditors", "add", "--code", "FJORD", "--name", "Fjordbyen Rørlegger AS", "--org-number", "974760673"], env)).code).toBe(0);
    const missing = await runFordring(["integrations", "add", "visma-net", "--creditor", "FJORD", "--url", running.url], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--credentials-env");
    const added = await runFordring(["integrations", "add", "visma-net", "--creditor", "FJORD", "--credentials-env", "FJORD_VISMA", "--url", running.url, "--can-create-cases"], env);
    expect(added.stderr).toBe("");
    const sync = await runFordring(["sync", "--creditor", "FJORD", "--json"], env);
    expect(sync.stderr).toBe("");
    const [result] = JSON.parse(sync.stdout) as { integrations: { kind: string; status: string }[] }[];
    expect(result!.integrations[0]).toMatchObject({ kind: "visma-net" });
    const cases = JSON.parse((await runFordring(["cases", "list", "--json"], env)).stdout) as { caseNumber: string }[];
    expect(cases.length).toBeGreaterThan(0);
    const onInvoices = running.sandbox.company.invoices().map((d) => d.debtCollection.caseNumber).filter((n) => n !== null);
    for (const c of cases) expect(onInvoices).toContain(c.caseNumber);
  }, 120_000);
});
