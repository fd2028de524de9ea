import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Embedded PGlite has no cross-process lock: two processes writing one data directory silently
 * lose data. So the process that opens it holds `fordring.lock` (created atomically, holding its
 * pid). A lock left by a process that no longer runs is taken over, by one process at a time; a
 * live one is a clear error.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded database in ${dataDir} is already in use by process ${pid}. ` +
        `Only one Fordring process may use an embedded data directory: stop the other process, ` +
        `choose another directory with FORDRING_DATA_DIR, or use a PostgreSQL server with DATABASE_URL.`,
    );
    this.name = "DataDirInUseError";
  }
}

export interface HeldLock {
  readonly file: string;
  release(): void;
}

export function acquireDataDirLock(dataDir: string): HeldLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "fordring.lock");
  // The lock file appears whole or not at all: our pid is written to a file of our own, which is
  // then hard-linked to the lock's name (link fails if the name exists). A reader never sees an
  // empty or half-written lock, so it never mistakes a live holder for a stale one.
  const mine = path.join(dataDir, `fordring.lock.${process.pid}.${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        fs.linkSync(mine, file);
        return held(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const pid = readPid(file);
      if (pid !== null && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      // Stale (its process is gone) or vanished meanwhile: one process at a time removes it.
      takeOverStale(file, pid);
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  throw new Error(`could not take the lock ${file}`);
}

/**
 * Removes a stale lock, guarded by a directory only one process can create: without it, two
 * processes that both saw the dead pid could each remove the lock the other had just taken. The
 * pid is read again under the guard; a guard left by a process killed while holding it is removed
 * after a few seconds.
 */
function takeOverStale(file: string, stalePid: number | null): void {
  const guard = `${file}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const age = Date.now() - (fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 5_000) fs.rmSync(guard, { recursive: true, force: true });
    else sleep(20);
    return;
  }
  try {
    if (readPid(file) === stalePid) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function held(file: string): HeldLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
    process.off("exit", release);
  };
  process.on("exit", release);
  return { file, release };
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
