import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { digipostChannel } from "../../src/delivery/digipost/digipost-channel.js";
import { REPO, untilStarted } from "../support/spawn-fordring.js";

describe("fordring sandbox digipost", () => {
  it("starts a sandbox, writes the sender's key, and answers signed identification requests", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fordring-digipost-"));
    const keyFile = path.join(dir, "sender.pem");
    const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "digipost", "--port", "0", "--write-sender-key", keyFile], { cwd: REPO });
    try {
      const out = await untilStarted(child);
      const url = /sandbox at (http:\/\/\S+)/.exec(out)![1]!;
      expect(out).toContain("sender id: 9999");
      const channel = digipostChannel({ url, senderId: "9999", privateKey: await readFile(keyFile, "utf8") });
      const base = { type: "consumer" as const, name: "x", address: null, orgNumber: null, email: null };
      expect(await channel.reaches({ ...base, nationalId: "01017010170" })).toBe(true);
      expect(await channel.reaches({ ...base, nationalId: "02027010019" })).toBe(false);
    } finally {
      child.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a bad option with exit code 2", async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "digipost", "--sender-id", "abc"], { cwd: REPO });
      child.on("exit", resolve);
    });
    expect(code).toBe(2);
  });
});
