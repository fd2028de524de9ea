import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/run-cli.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";

/**
 * Issue 19, CLI conventions: `--version`; an expected error is one line and a documented exit
 * code (docs/OPERATIONS.md), never a stack trace; `sync status --creditor X --json` is JSON for
 * that creditor; `letters list` of a case that does not exist fails.
 */
let db: CliDatabase;
beforeAll(async () => {
  db = await cliDatabase("fordring-cli-conventions");
  expect((await db.run("creditors", "add", "--code", "CONV", "--name", "Konvensjon AS", "--org-number", "974760673")).code).toBe(0);
}, 120_000);
afterAll(async () => db?.drop());

describe("the command line's conventions", () => {
  it("prints its version", async () => {
    const r = await cli("--version");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("honours --creditor and --json on `sync status`", async () => {
    const r = await db.run("sync", "status", "--creditor", "CONV", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const unknown = await db.run("sync", "status", "--creditor", "NOPE", "--json");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/NOPE/);
  });

  it("fails `letters list` for a case that does not exist, in one line", async () => {
    const r = await db.run("letters", "list", "999999999");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("error: caseNumber: no case 999999999");
  });

  it("says a database it cannot reach in one line, without a stack trace; FORDRING_DEBUG=1 shows where", async () => {
    const broken = { DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", FORDRING_DATA_DIR: undefined };
    const r = await db.runWith(broken, "letters", "list", "1");
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: .*ECONNREFUSED|^error: connect/);
    const debug = await db.runWith({ ...broken, FORDRING_DEBUG: "1" }, "letters", "list", "1");
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
