import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderIn } from "../test-render";
import { PaymentPlanTables, type CasePlans } from "./payment-plans";

const NBSP = "\u00a0";
const plan: CasePlans[number] = {
  planId: "p1", status: "active", agreedOn: "2025-02-05", endedOn: null, endReason: null, currency: "NOK", total: "1847.33", cost: "0.00", paid: "900.00",
  kidMode: "plan", graceDays: 7,
  instalments: [
    { dueOn: "2025-02-20", amount: "615.77", kid: "0001000017", paid: "615.77" },
    { dueOn: "2025-03-20", amount: "615.77", kid: "0001000017", paid: "284.23" },
    { dueOn: "2025-04-20", amount: "615.79", kid: "0001000017", paid: "0.00" },
  ],
};

describe("PaymentPlanTables", () => {
  it("shows each instalment with what of it is paid, in Norwegian", () => {
    renderIn("nb", <PaymentPlanTables plans={[plan]} currency="NOK" />);
    const section = screen.getByTestId("payment-plans");
    expect(within(section).getByRole("heading").textContent).toBe("Betalingsavtale");
    expect(section.textContent).toContain("Aktiv");
    const rows = within(section).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`284,23`);
    expect(section.textContent).toMatch(new RegExp(`Betalt .*900,00.* av .*1${NBSP}847,33`));
  });

  it("says a broken plan in English, and shows nothing for a case without plans", () => {
    const { container } = renderIn("en", <PaymentPlanTables plans={[]} currency="NOK" />);
    expect(container.textContent).toBe("");
    renderIn("en", <PaymentPlanTables plans={[{ ...plan, status: "broken" }]} currency="NOK" />);
    expect(screen.getByTestId("payment-plans").textContent).toContain("Broken");
  });
});
