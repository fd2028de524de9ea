import { describe, expect, it } from "vitest";
import { letterFileName } from "./letter-file-name.js";

describe("letterFileName", () => {
  it("is <caseNumber>-<kind>-<letterId>.pdf", () => {
    expect(letterFileName({ caseNumber: "2025-000123", kind: "payment-demand", letterId: "L-000042" })).toBe(
      "2025-000123-payment-demand-L-000042.pdf",
    );
  });

  it("refuses ids that could leave the folder or break a file name", () => {
    for (const letterId of ["../x", "a/b", "a b", "", ".hidden", "a..b"]) {
      const name = (): string => letterFileName({ caseNumber: "2025-1", kind: "reminder", letterId });
      expect(name).toThrow(expect.objectContaining({ code: "unsafe_file_name", field: "letterId" }));
    }
  });
});
