import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, untilStarted } from "../support/spawn-fordring.js";

describe("fordring sandbox poweroffice", () => {
  it("starts a seeded sandbox that issues a token for the printed keys and answers the debt-collection API", async () => {
    const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "poweroffice", "--port", "0", "--generate", "4"], { cwd: REPO, env: { ...process.env, FORDRING_TODAY: "2025-06-02" } });
    try {
      const out = await untilStarted(child);
      const url = /sandbox at (http:\/\/\S+)/.exec(out)![1]!;
      const app = /application key: (\S+)/.exec(out)![1]!;
      const client = /client key:\s+(\S+)/.exec(out)![1]!;
      expect(out).toContain("seeded: 4 customers, 12 invoices");
      const token = await fetch(`${url}/OAuth/Token`, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from(`${app}:${client}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const res = await fetch(`${url}/DebtCollection/IsActiveDebtCollection/`, { headers: { Authorization: `Bearer ${access_token}` } });
      expect(await res.json()).toMatchObject({ success: true, data: true });
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a bad option with exit code 2", async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "poweroffice", "--faults", "2"], { cwd: REPO });
      child.on("exit", resolve);
    });
    expect(code).toBe(2);
  });
});

describe("fordring sandbox brreg and creditbureau: seed files", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", ...args, "--port", "0"], { cwd: REPO });
      let err = "";
      child.stderr.on("data", (b: Buffer) => (err += b.toString()));
      child.on("exit", (code) => resolve({ code, err }));
    });

  it("refuses a file that is not a JSON array, or a subject of the wrong shape, naming the option, with exit code 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fordring-seed-"));
    const notArray = path.join(dir, "object.json");
    const badSubject = path.join(dir, "subjects.json");
    writeFileSync(notArray, '{"a":1}');
    writeFileSync(badSubject, '[{"key":"923609016","score":1.5,"riskClass":"A"}]');
    try {
      expect(await run(["brreg", "--entities", notArray])).toEqual({ code: 2, err: expect.stringContaining("--entities: must be a JSON array of entities") });
      expect(await run(["brreg", "--entities", path.join(dir, "missing.json")])).toEqual({ code: 2, err: expect.stringContaining("--entities: ") });
      expect(await run(["creditbureau", "--subjects", notArray])).toEqual({ code: 2, err: expect.stringContaining("--subjects: must be a JSON array of { key, score (whole number), riskClass }") });
      expect(await run(["creditbureau", "--subjects", badSubject])).toEqual({ code: 2, err: expect.stringContaining("--subjects[0]: must be a JSON array") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
