import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.js";

/** Issue 19: a new password from the common-password list, or one character repeated, is refused. */
describe("a new password", () => {
  it.each(["password123", "Password123", "qwertyuiop", "1234567890", "12345678901234567890", "aaaaaaaaaaaa", "sommer2025"])("%s is refused as common", (p) => {
    expect(passwordProblem(p)).toMatch(/most common/);
  });
  it("of enough length and not on the list is taken", () => {
    expect(passwordProblem("a long enough password")).toBeNull();
    expect(passwordProblem("short")).toMatch(/at least 10/);
  });
});
