import { describe, expect, it } from "vitest";
import { debtorLanguage } from "./import-batch.js";

/** The language a debtor read from a ledger gets: the creditor's country's at home, English abroad. */
describe("a synced debtor's language", () => {
  it("is the creditor's country's language for a debtor at home or without an address, English abroad", () => {
    expect(debtorLanguage("NO", "NO")).toBe("nb");
    expect(debtorLanguage("NO", null)).toBe("nb");
    expect(debtorLanguage("NO", "SE")).toBe("en");
    expect(debtorLanguage("SE", "SE")).toBe("sv");
    expect(debtorLanguage("SE", null)).toBe("sv");
    expect(debtorLanguage("SE", "NO")).toBe("en");
    expect(debtorLanguage("SE", "DE")).toBe("en");
  });
});
