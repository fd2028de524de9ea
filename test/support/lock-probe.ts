// Test helper run as its own process (`node bin/run-ts.js test/support/lock-probe.ts DIR START_MS UNTIL_MS`):
// waits (spinning, so all probes try at the same instant) until the epoch millisecond START_MS,
// takes the embedded data directory's lock, holds it until UNTIL_MS, and
// prints one JSON line: {"got":true,"from":…,"to":…} or {"got":false,"reason":…}.
import { acquireDataDirLock, DataDirInUseError } from "../../src/platform/db/lockfile.js";

const [dir, start, until] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Math.max(0, Number(start) - Date.now() - 50)));
while (Date.now() < Number(start));
try {
  const lock = acquireDataDirLock(dir!);
  const from = Date.now();
  const wait = Math.max(0, Number(until) - from);
  await new Promise((r) => setTimeout(r, wait));
  const to = Date.now();
  lock.release();
  console.log(JSON.stringify({ got: true, pid: process.pid, from, to }));
} catch (e) {
  console.log(JSON.stringify({ got: false, reason: e instanceof DataDirInUseError ? "in-use" : String(e) }));
}
