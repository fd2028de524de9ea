import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { openDatabase } from "../../src/platform/db/database.js";
import { cli } from "../support/run-cli.js";
import { aScenario } from "../support/scenario-builder.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { runFordring } from "../support/spawn-fordring.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-cases-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("fordring scenario run", () => {
  it("runs the issue's example file and prints the case as JSON", async () => {
    const file = path.join(tmp, "example.json");
    fs.writeFileSync(
      file,
      JSON.stringify(
        aScenario().invoice({ id: "F1" }).event({ on: "2025-01-20", type: "payment", invoice: "F1", amount: "500.00", to: "agency" }).event({ on: "2025-02-01", type: "approve-legal", invoice: "F1" }).build(),
      ),
    );
    const r = await cli("scenario", "run", file, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = r.json<{ invoices: { caseNumber: string; timeline: { type: string }[]; balance: Record<string, string> }[] }>();
    expect(report.invoices[0]!.caseNumber).toBe("SCN-100001");
    expect(report.invoices[0]!.timeline.map((e) => e.type)).toContain("payment-received");
    expect(Object.keys(report.invoices[0]!.balance)).toEqual(["principal", "interest", "costs", "total", "credit"]);
  });

  it("rejects a broken file with exit code 2 and every error listed", async () => {
    const file = path.join(tmp, "broken.json");
    fs.writeFileSync(file, JSON.stringify({ jurisdiction: "NO", start: "2025-01-01", days: 10, invoices: [{ id: "X", amount: "1" }], events: [] }));
    const r = await cli("scenario", "run", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("invoices[0].debtor");
    expect(r.stderr).toContain("invoices[0].issued");
  });

  it("says which file could not be read", async () => {
    const r = await cli("scenario", "run", path.join(tmp, "missing.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing.json");
  });
});

describe("fordring cycle and fordring letters on the embedded database", () => {
  const dataDir = path.join(tmp, "data");
  const env = { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined };
  beforeAll(async () => {
    const db = await openDatabase({ dataDir });
    await seedPortfolio(db, { creditors: 1, casesPerCreditor: 3, openedOn: "2025-03-03" });
    await db.close();
  }, 60_000);

  it("runs the day, then a second run changes nothing", async () => {
    const first = await runFordring(["cycle", "--date", "2025-03-03", "--json"], env);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { creditors: { advanced: number; letters: number }[]; lettersRendered: number };
    expect(result.creditors[0]!.letters).toBe(3);
    expect(result.lettersRendered).toBe(3);
    const again = JSON.parse((await runFordring(["cycle", "--date", "2025-03-03", "--json"], env)).stdout) as typeof result;
    expect(again.creditors[0]).toMatchObject({ advanced: 0, letters: 0, charges: 0 });
  }, 60_000);

  it("lists a case's letters and writes one as a PDF whose text names the case", async () => {
    const list = await runFordring(["letters", "list", "C001-100001", "--json"], env);
    const letters = JSON.parse(list.stdout) as { id: string; kind: string }[];
    expect(letters.map((l) => l.kind)).toEqual(["collection-notice"]);
    const out = path.join(tmp, "letter.pdf");
    const got = await runFordring(["letters", "get", letters[0]!.id, "--out", out], env);
    expect(got.code).toBe(0);
    const text = flat((await readPdf(fs.readFileSync(out))).text);
    expect(text).toContain("C001-100001");
    expect(text).toContain("Skyldner 0 Ødegård");
    expect(text).toMatch(/inkasso/i);
  }, 60_000);

  it("refuses a letter id that is not one, with exit code 2", async () => {
    const r = await runFordring(["letters", "get", "nope", "--out", path.join(tmp, "x.pdf")], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("letterId");
  });
});
