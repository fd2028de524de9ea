import { describe, expect, it } from "vitest";
import { day, nok } from "./letter-model.fixture.js";
import { formatAmount, formatAmountNumber, formatDate, formatIban, formatOrgNumber, formatRate } from "./letter-format.js";

const NBSP = "\u00a0";

describe("letter formatting", () => {
  it("writes Norwegian amounts with no-break space grouping, decimal comma and kr first", () => {
    expect(formatAmount(nok(1_500_00), "nb")).toBe(`kr${NBSP}1${NBSP}500,00`);
    expect(formatAmount(nok(1_234_567_89), "nb")).toBe(`kr${NBSP}1${NBSP}234${NBSP}567,89`);
    expect(formatAmount({ amount: 5, currency: "EUR" }, "nb")).toBe(`EUR${NBSP}0,05`);
    expect(formatAmountNumber(nok(999_99), "nb")).toBe("999,99");
  });

  it("writes English amounts as NOK 1,500.00", () => {
    expect(formatAmount(nok(1_500_00), "en")).toBe(`NOK${NBSP}1,500.00`);
    expect(formatAmountNumber(nok(1_234_567_89), "en")).toBe("1,234,567.89");
    expect(formatAmountNumber(nok(-2_500_00), "en")).toBe("-2,500.00");
    expect(formatAmountNumber(nok(0), "en")).toBe("0.00");
  });

  it("writes dates as dd.mm.yyyy in Norwegian and ISO in English", () => {
    expect(formatDate(day("2025-03-07"), "nb")).toBe("07.03.2025");
    expect(formatDate(day("2025-03-07"), "en")).toBe("2025-03-07");
  });

  it("writes rates, org numbers and IBANs in their printed forms", () => {
    expect(formatRate("12.50", "nb")).toBe(`12,50${NBSP}%`);
    expect(formatRate("12.50", "en")).toBe("12.50%");
    expect(formatOrgNumber("923609016")).toBe(`923${NBSP}609${NBSP}016`);
    expect(formatOrgNumber("SE556677-8899")).toBe("SE556677-8899");
    expect(formatIban("no9386011117947")).toBe("NO93 8601 1117 947");
  });
});
