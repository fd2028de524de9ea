import fs from "node:fs/promises";
import path from "node:path";
import { DomainError } from "../domain/errors.js";

/**
 * A demo sandbox's state kept in one JSON file in the data directory (docs/DEMO.md): read on
 * start (missing: null, the sandbox is seeded; unreadable: an error naming the file, never a
 * silent reset), and written atomically (temp file + rename) after changes (coalesced) and when
 * stopped. Used for the Procountor and Visma.net ledgers (demo-ledgers.ts); the PowerOffice one
 * has its own (demo-sandbox.ts), written the same way.
 */
export async function readStateFile<T>(file: string, what: string, version: number): Promise<T | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new DomainError("demo_ledger_unreadable", `the demo's ${what} state ${file} cannot be read (${(e as Error).message}); delete the data directory to seed a new demo`, "dataDir");
  }
  let parsed: { version?: unknown; state?: unknown };
  try {
    parsed = JSON.parse(text) as { version?: unknown; state?: unknown };
  } catch (e) {
    throw new DomainError("demo_ledger_unreadable", `the demo's ${what} state ${file} is not valid JSON (${(e as Error).message}); delete the data directory to seed a new demo`, "dataDir");
  }
  if (typeof parsed !== "object" || parsed === null || parsed.version !== version || typeof parsed.state !== "object" || parsed.state === null) {
    throw new DomainError("demo_ledger_unreadable", `the demo's ${what} state ${file} is not a version ${version} state file; delete the data directory to seed a new demo`, "dataDir");
  }
  return parsed.state as T;
}

export interface StateFileWriter {
  /** A change happened: the file is written shortly after (changes within `delayMs` coalesce). */
  changed(): void;
  /** Writes now. */
  save(): Promise<void>;
  /** Writes what is unsaved and stops writing. */
  stop(): Promise<void>;
}

export function stateFileWriter(file: string, version: number, snapshot: () => unknown, delayMs = 200): StateFileWriter {
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const save = async (): Promise<void> => {
    dirty = false;
    const text = JSON.stringify({ version, state: snapshot() });
    writing = writing
      .catch(() => undefined)
      .then(async () => {
        await fs.mkdir(path.dirname(file), { recursive: true });
        const tmp = `${file}.tmp`;
        await fs.writeFile(tmp, text);
        await fs.rename(tmp, file);
      });
    await writing;
  };
  return {
    changed: () => {
      if (stopped) return;
      dirty = true;
      if (timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          void save().catch(() => undefined);
        }, delayMs);
      }
    },
    save,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (dirty) await save();
      await writing;
    },
  };
}

/**
 * A sandbox whose state is kept in `file` (null: not kept): started with a write hook, restored
 * from the file when there is one and `restore` is not false, saved now, after each write and on
 * `stop`. A file that cannot be restored stops the start with an error naming it.
 */
export async function startKeptSandbox<S, R>(o: {
  readonly file: string | null;
  readonly restore?: boolean | undefined;
  readonly what: string;
  readonly version: number;
  start(onWrite: () => void): Promise<R>;
  close(running: R): Promise<void>;
  apply(running: R, state: S): void;
  snapshot(running: R): S;
}): Promise<{ running: R; stop(): Promise<void> }> {
  const saved = o.file && o.restore !== false ? await readStateFile<S>(o.file, o.what, o.version) : null;
  let writer: StateFileWriter | undefined;
  const running = await o.start(() => writer?.changed());
  if (saved) {
    try {
      o.apply(running, saved);
    } catch (e) {
      await o.close(running);
      throw new DomainError("demo_ledger_unreadable", `the demo's ${o.what} state ${o.file ?? ""} cannot be restored (${(e as Error).message}); delete the data directory to seed a new demo`, "dataDir");
    }
  }
  if (!o.file) return { running, stop: () => o.close(running) };
  const w = stateFileWriter(o.file, o.version, () => o.snapshot(running));
  writer = w;
  try {
    await w.save();
  } catch (e) {
    await o.close(running);
    throw e;
  }
  return {
    running,
    stop: async () => {
      writer = undefined;
      try {
        await w.stop();
      } finally {
        await o.close(running);
      }
    },
  };
}
