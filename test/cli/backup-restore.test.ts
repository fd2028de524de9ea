import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/platform/db/database.js";
import { acquireDataDirLock } from "../../src/platform/db/lockfile.js";
import { runFordring } from "../support/spawn-fordring.js";

/**
 * `fordring backup` / `fordring restore` on an embedded data directory, as an operator runs them
 * (real processes, a real PGlite directory): the archive brings back what was there, an existing
 * database is replaced only with --force (and kept), and both refuse while a process holds the lock.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-backup-"));
const dataDir = path.join(work, "data");
const env = { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined };
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function withData<T>(fn: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir });
  try {
    return await fn((sql, params) => database.query(sql, params));
  } finally {
    await database.close();
  }
}

describe("backup and restore of the embedded data directory", () => {
  it("restores what was backed up; refuses to overwrite without --force; keeps the replaced contents", async () => {
    await withData((q) => q("insert into app_meta (key, value) values ('backup-probe', '\"before\"')"));
    const archive = path.join(work, "fordring.tar.gz");
    const backup = await runFordring(["backup", "--to", archive], env);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^backed up .* \(\d+ bytes: .*pg.*\)/);
    // a backup never overwrites
    const again = await runFordring(["backup", "--to", archive], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists already");

    await withData((q) => q("update app_meta set value = '\"after\"' where key = 'backup-probe'"));
    const refused = await runFordring(["restore", "--from", archive], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("already holds a database: add --force");
    expect(await withData((q) => q("select value from app_meta where key = 'backup-probe'"))).toEqual([{ value: "after" }]);

    const restored = await runFordring(["restore", "--from", archive, "--force", "--json"], env);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout) as { migrations: number; keptAs: string };
    expect(result.migrations).toBeGreaterThan(0);
    expect(await withData((q) => q("select value from app_meta where key = 'backup-probe'"))).toEqual([{ value: "before" }]);
    expect(fs.existsSync(path.join(result.keptAs, "pg"))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "fordring.lock"))).toBe(false);
  }, 120_000);

  it("refuses both while a process holds the data directory's lock", async () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      const archive = path.join(work, "while-running.tar.gz");
      const backup = await runFordring(["backup", "--to", archive], env);
      expect(backup.code).toBe(2);
      expect(backup.stderr).toContain(`already in use by process ${process.pid}`);
      expect(fs.existsSync(archive)).toBe(false);
      const restore = await runFordring(["restore", "--from", path.join(work, "fordring.tar.gz"), "--force"], env);
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain(`already in use by process ${process.pid}`);
    } finally {
      lock.release();
    }
  }, 60_000);

  it("refuses a file that is not a backup, leaving the directory as it was", async () => {
    const bogus = path.join(work, "bogus.tar.gz");
    fs.writeFileSync(bogus, "not an archive");
    const res = await runFordring(["restore", "--from", bogus, "--force"], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("is not a readable backup");
    expect(await withData((q) => q("select value from app_meta where key = 'backup-probe'"))).toEqual([{ value: "before" }]);
  }, 60_000);

  it("points a server deployment to PostgreSQL's own tools", async () => {
    const res = await runFordring(["backup", "--to", path.join(work, "x.tar.gz")], { DATABASE_URL: "postgresql://db/fordring" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("pg_dump or PITR");
  });
});
