import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcountorSandbox, type RunningProcountorSandbox } from "../../src/integration/procountor/sandbox/run-sandbox.js";
import { runFordring } from "../support/spawn-fordring.js";

// A creditor connected to the Procountor sandbox with the CLI: the API key from an environment
// variable, the integration's client id and secret from the deployment's, and a sync that reads
// the company's overdue invoices. (The seeded company's invoices are in SEK: a Norwegian creditor
// sets them aside, naming the currency; a Swedish one with the procountor-kravia preset opens them.)
describe("connecting a creditor to the Procountor sandbox with the CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-procountor-"));
  let sandbox: RunningProcountorSandbox;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    sandbox = await runProcountorSandbox({ port: 0, seedToday: "2026-03-02" });
    sandbox.sandbox.ledger.setCollectionPartner("Fordring");
    env = { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, FORDRING_TODAY: "2026-03-02", PROCOUNTOR_CLIENT_ID: sandbox.clientId, PROCOUNTOR_CLIENT_SECRET: sandbox.clientSecret, NORRSKEN_API_KEY: sandbox.apiKey };
  });
  afterAll(async () => {
    await sandbox.sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds the integration with --api-key-env and syncs through it", async () => {
    expect((await runFordring(["creditors", "add", "--code", "NORR", "--name", "Norrsken Bygg AS", "--org-number", "974760673"], env)).code).toBe(0);
    const missing = await runFordring(["integrations", "add", "procountor", "--creditor", "NORR", "--url", sandbox.url], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--api-key-env");
    const added = await runFordring(["integrations", "add", "procountor", "--creditor", "NORR", "--api-key-env", "NORRSKEN_API_KEY", "--url", sandbox.url, "--can-create-cases"], env);
    expect(added.stderr).toBe("");
    const sync = await runFordring(["sync", "--creditor", "NORR", "--json"], env);
    expect(sync.stderr).toBe("");
    const [result] = JSON.parse(sync.stdout) as { integrations: { kind: string; counts: Record<string, number> }[] }[];
    expect(result!.integrations[0]!.kind).toBe("procountor");
    expect(result!.integrations[0]!.counts["invoicesRead"]).toBe(7);
    const status = await runFordring(["sync", "status", "--creditor", "NORR"], env);
    expect(status.stdout).toContain("NORR procountor (opens cases): last");
    expect(status.stdout).toContain("SEK");
  }, 120_000);

  it("adds a Swedish creditor with the procountor-kravia preset (SE, SEK) whose sync opens the company's SEK invoices as cases", async () => {
    const wrong = await runFordring(["creditors", "add", "--code", "NORRSE", "--name", "Norrsken Bygg AB", "--org-number", "974760673", "--preset", "procountor-kravia"], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--org-number");
    expect((await runFordring(["creditors", "add", "--code", "NORRSE", "--name", "Norrsken Bygg AB", "--org-number", "556016-0680", "--preset", "procountor-kravia"], env)).code).toBe(0);
    // The Norwegian creditor above opens cases from the same company, so this one takes them over.
    const added = await runFordring(["integrations", "add", "procountor", "--creditor", "NORRSE", "--api-key-env", "NORRSKEN_API_KEY", "--url", sandbox.url, "--can-create-cases"], env);
    expect(added.stderr).toBe("");
    const sync = await runFordring(["sync", "--creditor", "NORRSE", "--json"], env);
    expect(sync.stderr).toBe("");
    const [result] = JSON.parse(sync.stdout) as { integrations: { kind: string; setAside: number; counts: Record<string, number> }[] }[];
    expect(result!.integrations[0]!.setAside).toBe(0);
    expect(result!.integrations[0]!.counts["opened"]).toBeGreaterThan(0);
  }, 120_000);

  it("lists what is missing for activation (sv by default, --lang en), keeps the accepted terms, and names the other collection partner", async () => {
    expect((await runFordring(["creditors", "add", "--code", "NORRAK", "--name", "Norrsken Bygg AB", "--org-number", "556016-0680", "--preset", "procountor-kravia"], env)).code).toBe(0);
    const notConnected = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--check"], env);
    expect(notConnected.code).not.toBe(0);
    expect(notConnected.stderr).toContain("no Procountor integration");
    expect((await runFordring(["integrations", "add", "procountor", "--creditor", "NORRAK", "--api-key-env", "NORRSKEN_API_KEY", "--url", sandbox.url], env)).stderr).toBe("");
    const badLang = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--check", "--lang", "de"], env);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain("--lang");
    const sv = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--check"], env);
    expect(sv.code).toBe(1);
    expect(sv.stdout).toContain("Användarvillkoren är inte godkända.");
    const en = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--check", "--lang", "en"], env);
    expect(en.stdout).toContain("The terms of use are not accepted.");

    sandbox.sandbox.ledger.setCollectionPartner("Kravia");
    try {
      const other = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--accept-terms", "--json"], env);
      expect(other.code).toBe(1);
      expect((JSON.parse(other.stdout) as { missing: { code: string }[] }).missing.map((x) => x.code)).toEqual(["other_collection_partner"]);
    } finally {
      sandbox.sandbox.ledger.setCollectionPartner("Fordring");
    }
    // The terms accepted above are kept: the check now finds nothing missing.
    const ready = await runFordring(["integrations", "activate", "procountor", "--creditor", "NORRAK", "--check"], env);
    expect(ready.code).toBe(0);
    expect(ready.stdout).toContain("NORRAK: nothing is missing");
  }, 120_000);
});
