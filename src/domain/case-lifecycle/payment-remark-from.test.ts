import { describe, expect, it } from "vitest";
import { paymentRemarkFrom } from "./case-state.js";
import { aCase, caseAt, day } from "./test-fixtures.js";

/**
 * The first day of a payment remark: one month after the payment demand (a business) or the legal
 * step (a consumer), as the bureaus' licence conditions say, and never before the 30 days the
 * agencies publish — the later of the two. Where the months differ in length, that decides.
 */
describe("paymentRemarkFrom", () => {
  const business = (demandSentOn: string) => ({ ...aCase().business().build(), demandSentOn: day(demandSentOn) });
  const consumer = (legalOn: string | null) => ({ ...caseAt("ordinary-collection"), legalOn: legalOn === null ? null : day(legalOn) });

  it("one month when the month has 31 days (later than 30 days)", () => {
    expect(paymentRemarkFrom(business("2025-03-12"))?.toString()).toBe("2025-04-12");
    expect(paymentRemarkFrom(consumer("2025-05-02"))?.toString()).toBe("2025-06-02");
  });

  it("30 days across February (later than one month)", () => {
    expect(paymentRemarkFrom(business("2025-02-01"))?.toString()).toBe("2025-03-03");
    expect(paymentRemarkFrom(consumer("2025-01-31"))?.toString()).toBe("2025-03-02");
  });

  it("none for a consumer without a legal step", () => {
    expect(paymentRemarkFrom(consumer(null))).toBeNull();
  });
});
