import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { catchError } from "../domain-error.fixture.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import { paymentOrderCosts } from "./legal-costs.js";

const se = rulesFor("SE");

describe("betalningsföreläggande at Kronofogden — förordning (1992:1094): ansökningsavgift 300 kr, recoverable", () => {
  it("förordning (1992:1094): 300 kr in 2025, recoverable from the debtor, with its citation in sv", () => {
    const c = paymentOrderCosts({ on: LocalDate.parse("2025-05-02"), rules: se });
    expect(c).toMatchObject({ step: "payment-order-application", amount: { amount: 300_00, currency: "SEK" }, recoverable: true, confidence: "primary" });
    expect(c.citation?.sv).toContain("förordningen (1992:1094)");
    expect(c.note).toContain("48 §");
  });

  it("refuses a date before the table with its extent", () => {
    const e = catchError(() => paymentOrderCosts({ on: LocalDate.parse("2014-12-31"), rules: se }));
    expect([e.code, e.field]).toEqual(["date_outside_rule_table", "on"]);
  });
});
