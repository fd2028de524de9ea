import { describe, expect, it } from "vitest";
import { refusal } from "../case-lifecycle/refusals.js";
import { proposePaymentPlan } from "../payment-plan/payment-plan.js";
import { LocalDate, norwegianDate } from "./local-date.js";

describe("a date in Norwegian text", () => {
  it("is dd.mm.yyyy, with leading zeros, while the ISO form stays for English and data", () => {
    expect(LocalDate.parse("2025-02-01").toNorwegian()).toBe("01.02.2025");
    expect(LocalDate.parse("2024-12-31").toNorwegian()).toBe("31.12.2024");
    expect(LocalDate.parse("2024-02-29").toString()).toBe("2024-02-29");
  });

  it("is how the refusals' Norwegian words write their dates; the English keep ISO", () => {
    const r = refusal("remark_too_early", { date: LocalDate.parse("2025-03-22") });
    expect(r.text).toEqual({ nb: "Betalingsanmerkning tidligst 22.03.2025", en: "A payment remark at the earliest on 2025-03-22" });
    const plan = proposePaymentPlan({
      balance: { amount: 300_00, currency: "NOK" },
      today: LocalDate.parse("2025-02-03"),
      instalments: [{ dueOn: LocalDate.parse("2025-01-20"), amount: { amount: 300_00, currency: "NOK" } }],
    });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.refusals.find((x) => x.code === "date_in_past")!.text).toEqual({ nb: "Forfallsdatoen 20.01.2025 er passert", en: "The due date 2025-01-20 is in the past" });
  });
});

describe("an ISO date from storage in Norwegian text", () => {
  it("converts a date, and leaves anything that is not one as it is", () => {
    expect(norwegianDate("2025-01-31")).toBe("31.01.2025");
    expect(norwegianDate("ukjent")).toBe("ukjent");
  });
});
