import { describe, expect, it } from "vitest";
import { runFordring } from "../support/spawn-fordring.js";

/** `fordring scenario run` with a Swedish file, as a user runs it. */
describe("fordring scenario run with a Swedish file", () => {
  it("runs it under Swedish law in SEK and prints the outcome", async () => {
    const r = await runFordring(["scenario", "run", "test/fixtures/scenarios-se/se-easter-business-paid.json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("V-77 → case SCN-100001: closed 2025-05-02 (paid)");
    expect(r.stdout).toContain("2025-04-16  send-collection-notice (deadline 2025-04-28)  collection-fee 180.00");
    expect(r.stdout).toContain("balance (SEK): principal 0.00, interest 0.00, costs 0.00, total 0.00");
  });

  it("rejects a file mixing currencies with exit code 2, every error listed", async () => {
    const r = await runFordring(["scenario", "run", "test/fixtures/scenarios-se/se-mixed-currencies.json"]);
    expect(r.code).toBe(2);
    for (const path of ["creditor.orgNumber", "creditor.legalStep", "invoices[1].currency", "events[0].step", "events[1].type"]) expect(r.stderr).toContain(path);
  });
});
