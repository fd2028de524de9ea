import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { salaryEligibility, type SentLetter } from "./salary-eligibility.js";

const rules = rulesFor("NO");
const d = (text: string) => LocalDate.parse(text);
const letter = (sent: string, deadline?: string): SentLetter => ({ sentOn: d(sent), deadline: deadline ? d(deadline) : null });

function check(demand: SentLetter, notices: SentLetter[]) {
  return salaryEligibility({ paymentDemand: demand, collectionNotices: notices, rules });
}

describe("salaryEligibility (inkassoloven §§ 9, 10, 17)", () => {
  it("allows salær after an expired 14-day collection notice", () => {
    const result = check(letter("2025-04-01", "2025-04-15"), [letter("2025-03-17", "2025-03-31")]);
    expect(result).toMatchObject({ allowed: true, reason: { code: "salary_allowed" }, confidence: "primary" });
    expect(result.source).toContain("inkassoloven");
  });

  it("refuses without a collection notice before the demand", () => {
    expect(check(letter("2025-04-01"), []).reason.code).toBe("no_collection_notice");
    expect(check(letter("2025-04-01"), [letter("2025-04-02", "2025-04-16")]).reason.code).toBe("no_collection_notice");
  });

  it("refuses while the notice's deadline has not passed: the deadline's last day still belongs to the debtor", () => {
    const result = check(letter("2025-03-31"), [letter("2025-03-17", "2025-03-31")]);
    expect(result.allowed).toBe(false);
    expect(result.reason.code).toBe("notice_deadline_not_expired");
    expect(result.reason.text.en).toContain("2025-03-31");
  });

  it("takes a notice without a recorded deadline to have the shortest lawful one, 14 days", () => {
    expect(check(letter("2025-03-31"), [letter("2025-03-17")]).reason.code).toBe("notice_deadline_not_expired");
    expect(check(letter("2025-04-01"), [letter("2025-03-17")]).allowed).toBe(true);
  });

  it("refuses after a notice with less than 14 days, and a demand with less than 14 days", () => {
    expect(check(letter("2025-04-10"), [letter("2025-03-17", "2025-03-24")]).reason.code).toBe("notice_deadline_too_short");
    expect(check(letter("2025-04-10", "2025-04-20"), [letter("2025-03-17", "2025-03-31")]).reason.code).toBe("payment_demand_deadline_too_short");
  });
});
