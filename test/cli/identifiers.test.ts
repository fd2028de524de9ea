import { describe, expect, it } from "vitest";
import { cli } from "../support/run-cli.js";

describe("fordring kid", () => {
  it.each([
    ["1234", "10", "12344"],
    ["1234", "11", "12343"],
    ["40", "11", "40-"],
    ["004455525", "10", "0044555258"],
  ])("make %s --mod %s → %s", async (base, mod, kid) => {
    const r = await cli("kid", "make", base, "--mod", mod, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ kid, algorithm: `MOD${mod}` });
  });

  it("check 40- is valid MOD11", async () => {
    const r = await cli("kid", "check", "40-", "--json");
    expect(r.json()).toMatchObject({ valid: true, algorithm: "MOD11" });
  });

  it("check reports an invalid KID with the reason, as a completed check (exit 0)", async () => {
    const r = await cli("kid", "check", "2345674", "--json");
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ valid: false, algorithm: null });
    expect(r.json<{ reason: string }>().reason).toMatch(/check digit/);
  });

  it("rejects a bad base or algorithm with exit code 2 naming the field", async () => {
    const bad = await cli("kid", "make", "12a4", "--json");
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { field: "base" } });
    const mod = await cli("kid", "make", "1234", "--mod", "12");
    expect(mod.code).toBe(2);
    expect(mod.stderr).toContain("--mod");
  });
});

describe("fordring id check", () => {
  it.each([
    ["orgnr", "974760673", true],
    ["orgnr", "123456789", false],
    ["account", "86011117947", true],
    ["account", "12345678901", false],
    ["fnr", "41010112360", true],
    ["fnr", "01010112345", false],
    ["se-orgnr", "556047-3521", true],
    ["se-pnr", "811218-9876", true],
    ["bankgiro", "5050-1055", true],
    ["bankgiro", "5050-1056", false],
  ])("%s %s → valid %s", async (kind, value, valid) => {
    const r = await cli("id", "check", kind, value, "--json");
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ valid, kind });
  });

  it("rejects an unknown kind with exit code 2 and the list of kinds", async () => {
    const r = await cli("id", "check", "iban", "NO9386011117947");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kind");
    expect(r.stderr).toContain("se-orgnr");
  });

  it("prints a human line without --json", async () => {
    const r = await cli("id", "check", "orgnr", "123456789");
    expect(r.stdout).toMatch(/^invalid orgnr: .*expected 5/);
  });
});
