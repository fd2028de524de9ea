import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCamt054File, parseCamt054String } from "./camt054.js";
import { detectFileFormat } from "./detect-format.js";
import { camt053 } from "../../../test/support/camt054.js";

/**
 * camt.053 bank statements (issue 19: many banks deliver only 053), read by the camt reader with
 * the statement (Stmt) in the notification's place, validated against the official XSD of their
 * version. Fixtures: genkgo/camt's test files (test/fixtures/bank-files/SOURCES.md).
 */
const fixture = (name: string) => path.resolve("test/fixtures/bank-files", name);

describe("camt.053 statements", () => {
  it.each([
    ["camt053.v2.minimal.xml", "001.02", { amount: 885, currency: "EUR" }],
    ["camt053.v4.xml", "001.04", { amount: 0, currency: "SEK" }],
    ["camt053.v8.xml", "001.08", { amount: 0, currency: "SEK" }],
  ])("%s is detected and read: its credit entry is a payment, located in its statement", async (name, version, amount) => {
    expect(await detectFileFormat(fixture(name))).toEqual({ format: "camt.053", version });
    const parsed = await parseCamt054File(fixture(name));
    expect([parsed.format, parsed.version, parsed.fileId]).toEqual(["camt.053", version, "CAMT053RIB000000000001"]);
    expect(parsed.payments).toHaveLength(1);
    expect(parsed.payments[0]!.amount).toEqual(amount);
    expect(parsed.payments[0]!.lineRef).toBe("Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]");
  });

  it("reads KID payments from a Norwegian-style statement, and refuses one whose summary does not add up", async () => {
    const parsed = await parseCamt054String(camt053("STMT-1", "2025-03-03", [{ amount: "150.00", kid: "0000000000017" }, { amount: "20.50", text: "faktura 7" }]));
    expect(parsed.payments.map((p) => [p.amount.amount, p.reference.kind, p.bookedOn.toString()])).toEqual([
      [15_000, "kid", "2025-03-03"],
      [2_050, "free-text", "2025-03-03"],
    ]);
    const broken = camt053("STMT-2", "2025-03-03", [{ amount: "150.00", kid: "0000000000017" }]).replace("<Sum>150.00</Sum>", "<Sum>151.00</Sum>");
    await expect(parseCamt054String(broken)).rejects.toMatchObject({ code: "control_total_mismatch", where: expect.stringMatching(/^Stmt\[1\]\/TxsSummry/) });
  });

});
