import { spawn } from "node:child_process";
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
