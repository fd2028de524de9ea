import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { interestStartDate } from "./interest-start.js";

const d = (text: string) => LocalDate.parse(text);

describe("interestStartDate (forsinkelsesrenteloven § 2)", () => {
  it("runs from a due date fixed in advance, even when a demand was also sent", () => {
    const start = interestStartDate({ dueDate: d("2025-01-31"), demandSentOn: d("2025-03-01") });
    expect(start.date.toString()).toBe("2025-01-31");
    expect(start.source).toContain("forsinkelsesrenteloven § 2");
  });

  it("runs from 30 days after a written demand when no due date was fixed", () => {
    const start = interestStartDate({ demandSentOn: d("2025-01-31") });
    expect(start.date.toString()).toBe("2025-03-02");
    expect(start.rule).toContain("30 days");
  });

  it("cites the Swedish and Finnish rules when asked", () => {
    expect(interestStartDate({ demandSentOn: d("2025-01-31"), jurisdiction: "SE" }).source).toContain("räntelagen (1975:635) § 4");
    expect(interestStartDate({ dueDate: d("2025-01-31"), jurisdiction: "FI" }).source).toContain("korkolaki");
  });

  it("needs one of the two dates", () => {
    expect(() => interestStartDate({})).toThrow(DomainError);
    try {
      interestStartDate({});
    } catch (e) {
      expect((e as DomainError).field).toBe("dueDate");
    }
  });
});
