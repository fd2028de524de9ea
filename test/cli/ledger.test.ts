import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPowerOfficeSandbox, type RunningPowerOfficeSandbox } from "../../src/integration/poweroffice/sandbox/run-sandbox.js";
import { runFordring } from "../support/spawn-fordring.js";
import { openDatabase } from "../../src/platform/db/database.js";

// The path a new user takes: start the sandbox, register a creditor, connect it, sync, and see
// the invoices become cases whose case numbers show in the ledger.
describe("connecting a creditor to the PowerOffice sandbox with the CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-ledger-"));
  let sandbox: RunningPowerOfficeSandbox;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    sandbox = await runPowerOfficeSandbox({ port: 0, generate: { customers: 6, invoicesPerCustomer: 3, seed: 3, today: "2025-06-02" } });
    env = {
      FORDRING_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      FORDRING_TODAY: "2025-06-02",
      POWEROFFICE_APPLICATION_KEY: sandbox.applicationKey,
      ACME_POWEROFFICE_KEY: sandbox.clientKey,
    };
  });
  afterAll(async () => {
    await sandbox.sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens cases for the approved invoices and writes the case numbers back", async () => {
    // Everything the cycle and the settlement need, from the command line only.
    fs.writeFileSync(path.join(dataDir, "settings.json"), JSON.stringify({ collection: { noticeDeadlineDays: 21 } }));
    const add = await runFordring(
      ["creditors", "add", "--code", "ACME", "--name", "Acme Rør AS", "--org-number", "974760673", "--preset", "poweroffice-modhi", "--country", "NO", "--currency", "NOK",
        "--address", "Rørveien 2, 0150 Oslo", "--account", "8601.11.17947", "--first-step", "collection-notice", "--transfer-minimum", "10.00", "--settlement-frequency", "weekly",
        "--commission-percent", "10.00", "--settings", path.join(dataDir, "settings.json")],
      env,
    );
    expect(add.stderr).toBe("");
    expect(add.code).toBe(0);
    const wrong = await runFordring(["creditors", "add", "--code", "BAD", "--name", "Bad AS", "--currency", "SEK"], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--currency");
    const added = await runFordring(["integrations", "add", "poweroffice", "--creditor", "ACME", "--client-key-env", "ACME_POWEROFFICE_KEY", "--url", sandbox.url, "--can-create-cases"], env);
    expect(added.stderr).toBe("");
    const sync = await runFordring(["sync", "--creditor", "ACME", "--json"], env);
    expect(sync.stderr).toBe("");
    expect(sync.code).toBe(0);
    const [result] = JSON.parse(sync.stdout) as { integrations: { status: string; counts: Record<string, number> }[] }[];
    expect(result!.integrations[0]!.status).toMatch(/ok|partial/);

    const cases = JSON.parse((await runFordring(["cases", "list", "--json"], env)).stdout) as { caseNumber: string }[];
    expect(cases.length).toBeGreaterThan(0);
    const codes = [...sandbox.sandbox.state.tenant().cases.values()].map((c) => c.code);
    for (const c of cases) expect(codes).toContain(c.caseNumber);

    const status = await runFordring(["sync", "status", "--creditor", "ACME"], env);
    expect(status.stdout).toContain("ACME poweroffice (opens cases): last");

    // The creditor added from the command line runs through the daily cycle: collection notices with its 21-day deadline.
    const cycle = await runFordring(["cycle", "--date", "2025-06-02", "--json"], env);
    expect(cycle.stderr).not.toContain("error");
    expect(cycle.code).toBe(0);
    const day = JSON.parse(cycle.stdout) as { creditors: { letters: number }[]; lettersRendered: number };
    expect(day.creditors[0]!.letters).toBeGreaterThan(0);

    // The invoice PDF from the ledger is kept with each case.
    const db = await openDatabase({ dataDir });
    try {
      const docs = await db.query<{ kind: string; content_type: string; head: string }>("select kind, content_type, encode(substring(content from 1 for 4), 'escape') as head from case_documents");
      expect(docs).toHaveLength(cases.length);
      expect(docs.every((d) => d.kind === "invoice-pdf" && d.head === "%PDF")).toBe(true);
      const [c] = await db.query<{ address: { city: string }; bank_account: { accountNumber: string }; settings: { collection: { noticeDeadlineDays: number }; transfer: { minimumAmount: number }; settlement: { frequency: string; commission: { percentOfPrincipal: string } } } }>("select address, bank_account, settings from creditors where code = 'ACME'");
      expect(c).toMatchObject({ address: { city: "Oslo" }, bank_account: { accountNumber: "86011117947" }, settings: { collection: { noticeDeadlineDays: 21 }, transfer: { minimumAmount: 1000 }, settlement: { frequency: "weekly", commission: { percentOfPrincipal: "10.00" } } } });
    } finally {
      await db.close();
    }
  }, 300_000);

  it("names an unknown creditor with exit code 2", async () => {
    const r = await runFordring(["sync", "--creditor", "NOPE"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--creditor");
  });
});
