import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, untilStarted } from "../support/spawn-fordring.js";

describe("fordring sandbox visma-net", () => {
  it("starts a seeded sandbox that gives a token for the printed tenant and lists its invoices", async () => {
    const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "visma-net", "--port", "0", "--generate", "4"], { cwd: REPO });
    try {
      const out = await untilStarted(child);
      const url = /sandbox at (http:\/\/\S+)/.exec(out)![1]!;
      const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(out)![1]!;
      expect(out).toContain("seeded: 4 customers, 12 invoices");
      const token = await fetch(`${url}/connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: field("client id"), client_secret: field("client secret"), tenant_id: field("tenant id") }).toString(),
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const res = await fetch(`${url}/v1/customerinvoice?pageNumber=1&pageSize=5`, { headers: { authorization: `Bearer ${access_token}` } });
      const rows = (await res.json()) as { referenceNumber: string; metadata: { totalCount: number } }[];
      expect(rows).toHaveLength(5);
      expect(rows[0]!.metadata.totalCount).toBe(12);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses a bad option with exit code 2", async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "visma-net", "--faults", "2"], { cwd: REPO });
      child.on("exit", resolve);
    });
    expect(code).toBe(2);
  });
});
