import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { acquireDataDirLock } from "./lockfile.js";
import { openDatabase } from "./database.js";

/**
 * Backup and restore of an embedded data directory (docs/OPERATIONS.md, "Backup and restore"):
 * a gzip'd tar of the folder, made and put back only while no process uses it — the data
 * directory's lock is taken for the whole operation, so a running server makes both refuse
 * (DataDirInUseError). A server database (DATABASE_URL) is backed up with PostgreSQL's own tools.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const isLockFile = (name: string) => name === "fordring.lock" || name.startsWith("fordring.lock.");

export interface BackupResult {
  file: string;
  bytes: number;
  entries: string[];
}

export function backupDataDir(dataDir: string, file: string): BackupResult {
  if (!fs.existsSync(path.join(dataDir, "pg"))) throw new BackupError(`${dataDir} holds no embedded database (no pg/ folder): nothing to back up`);
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new BackupError(`${target} exists already: choose another file (a backup never overwrites)`);
  if (!path.relative(path.resolve(dataDir), target).startsWith("..")) throw new BackupError(`${target} is inside the data directory it backs up: write it elsewhere`);
  const lock = acquireDataDirLock(dataDir);
  try {
    const entries = fs.readdirSync(dataDir).filter((n) => !isLockFile(n)).sort();
    execFileSync("tar", ["-czf", target, "-C", dataDir, ...entries], { stdio: ["ignore", "ignore", "pipe"] });
    return { file: target, bytes: fs.statSync(target).size, entries };
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw e;
  } finally {
    lock.release();
  }
}

export interface RestoreResult {
  dataDir: string;
  migrations: number;
  /** Where the data directory's former contents were moved (with `force`). */
  keptAs: string | undefined;
}

/**
 * Puts a backup back into `dataDir`: unpacked beside it first and opened (the database must start
 * and show its migrations) before anything in `dataDir` is touched; an existing database is
 * replaced only with `force`, and then kept beside as `<dataDir>.before-restore-<time>`.
 */
export async function restoreDataDir(dataDir: string, file: string, options: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`${source}: no such backup file`);
  const lock = acquireDataDirLock(dataDir);
  const staging = `${path.resolve(dataDir)}.restoring-${process.pid}`;
  try {
    const existing = fs.readdirSync(dataDir).filter((n) => !isLockFile(n));
    if (existing.includes("pg") && !options.force) {
      throw new BackupError(`${dataDir} already holds a database: add --force to replace it (its contents are kept beside it as ${path.basename(dataDir)}.before-restore-<time>)`);
    }
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      execFileSync("tar", ["-xzf", source, "-C", staging], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (e) {
      throw new BackupError(`${source} is not a readable backup (tar: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()})`);
    }
    if (!fs.existsSync(path.join(staging, "pg"))) throw new BackupError(`${source} holds no embedded database (no pg/ folder)`);
    // Opened before it replaces anything: a backup that does not start is refused here.
    const database = await openDatabase({ dataDir: staging, migrate: false });
    let migrations: number;
    try {
      const [row] = await database.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      migrations = row?.n ?? 0;
    } catch (e) {
      throw new BackupError(`${source}: the database in it does not open as Fordring's (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      await database.close();
    }
    let keptAs: string | undefined;
    if (existing.length > 0) {
      keptAs = `${path.resolve(dataDir)}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, "-")}`;
      fs.mkdirSync(keptAs);
      for (const name of existing) fs.renameSync(path.join(dataDir, name), path.join(keptAs, name));
    }
    for (const name of fs.readdirSync(staging).filter((n) => !isLockFile(n))) fs.renameSync(path.join(staging, name), path.join(dataDir, name));
    return { dataDir: path.resolve(dataDir), migrations, keptAs };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}
