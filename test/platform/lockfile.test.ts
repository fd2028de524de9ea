import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Embedded PGlite allows one process per data directory, so the lock must hold when many processes
 * start at once: over a fresh directory and over a stale lock left by a killed process. Each probe
 * process holds the lock until a common instant; no two holdings may overlap.
 */
interface Probe { got: boolean; pid?: number; from?: number; to?: number; reason?: string }

function probe(dir: string, start: number, until: number): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/run-ts.js", "test/support/lock-probe.ts", dir, String(start), String(until)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as Probe);
      } catch (e) {
        reject(new Error(`probe printed ${JSON.stringify(out)}: ${String(e)}`));
      }
    });
  });
}

async function race(dir: string, n: number): Promise<Probe[]> {
  const start = Date.now() + 8_000;
  return Promise.all(Array.from({ length: n }, () => probe(dir, start, start + 3_000)));
}

function overlaps(held: Probe[]): boolean {
  const sorted = [...held].sort((a, b) => a.from! - b.from!);
  return sorted.some((p, i) => i > 0 && p.from! < sorted[i - 1]!.to!);
}

describe("the embedded data directory's lock", () => {
  it("is held by one process at a time when many try at the same instant on a fresh directory", { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-lock-"));
    const results = await race(dir, 8);
    const held = results.filter((r) => r.got);
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(overlaps(held)).toBe(false);
    expect(results.filter((r) => !r.got).every((r) => r.reason === "in-use")).toBe(true);
  });

  it("is taken over by one process at a time when the holder was killed", { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-lock-"));
    // A pid that is not running: a child that has exited.
    const dead = await new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ["-e", ""]);
      c.on("close", () => resolve(c.pid!));
    });
    fs.writeFileSync(path.join(dir, "fordring.lock"), `${dead}\n`);
    const results = await race(dir, 20);
    const held = results.filter((r) => r.got);
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(overlaps(held)).toBe(false);
  });
});
