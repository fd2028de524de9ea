import fs from "node:fs";
import path from "node:path";

/**
 * Embedded PGlite has no cross-process lock: two processes writing one data directory silently
 * lose data. So the process that opens it holds `fordring.lock` (created exclusively, holding its
 * pid). A lock left by a process that no longer runs is taken over; a live one is a clear error.
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
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return held(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = readPid(file);
      if (pid !== null && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
      // Stale (its process is gone) or unreadable: remove and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
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
