import { describe, expect, it } from "vitest";
import { type Bucket } from "../allocation.js";
import { DomainError } from "../errors.js";
import { type SettlementAgreement } from "./agreement.js";
import { settle } from "./settle.js";
import { aCase, aSettlementInput, alloc, d, nok, standardAgreement } from "./settlement-fixtures.js";

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("settle", () => {
  it("splits a payment to the agency: principal and interest to the creditor, costs to the agency, commission + VAT set off", () => {
    const s = settle(
      aSettlementInput([
        aCase("1", {
          agencyAllocations: [alloc("p1", "fees", 70_00), alloc("p1", "salary", 700_00), alloc("p1", "interest", 12_34), alloc("p1", "principal", 1_000_00)],
        }),
      ]),
    );
    const line = s.lines[0]!;
    expect(line.receivedTotal).toEqual(nok(1_782_34));
    expect(line.creditorShare).toEqual(nok(1_012_34));
    expect(line.agencyShareOfReceived).toEqual(nok(770_00));
    expect(line.commission).toEqual(nok(100_00)); // 10 % of 1 000,00
    expect(line.commissionVat).toEqual(nok(25_00)); // 25 % of 100,00
    expect(line.net).toEqual(nok(887_34));
    expect(s.payout).toEqual(nok(887_34));
    expect(s.invoiceToCreditor).toEqual(nok(0));
    expect(s.outcome).toBe("payout");
    expect(s.totals.agencyTotal).toEqual(nok(895_00));
    expect(line.agencyPaymentIds).toEqual(["p1"]);
  });

  it("gives the interest to the agency when agreed", () => {
    const s = settle(
      aSettlementInput([aCase("1", { agencyAllocations: [alloc("p1", "interest", 50_00), alloc("p1", "principal", 500_00)] })], {
        ...standardAgreement,
        interestTo: "agency",
        commission: {},
      }),
    );
    expect(s.totals.creditorShare).toEqual(nok(500_00));
    expect(s.totals.agencyShareOfReceived).toEqual(nok(50_00));
    expect(s.payout).toEqual(nok(500_00));
  });

  it("rounds commission and VAT once per line, half away from zero", () => {
    // 10 % of 0,05 = 0,005 → 0,01; 25 % of 0,01 = 0,0025 → 0,00
    const s = settle(aSettlementInput([aCase("1", { agencyAllocations: [alloc("p1", "principal", 5)] })]));
    expect(s.lines[0]!.commission).toEqual(nok(1));
    expect(s.lines[0]!.commissionVat).toEqual(nok(0));
    // 12.5 % of 0,04 = 0,005 → 0,01 per line; two lines give 0,02, not round(0,01) of the sum
    const two = settle(
      aSettlementInput(
        [aCase("1", { agencyAllocations: [alloc("p1", "principal", 4)] }), aCase("2", { agencyAllocations: [alloc("p2", "principal", 4)] })],
        { ...standardAgreement, commission: { percentOfPrincipal: "12.5" }, commissionVatLiable: false },
      ),
    );
    expect(two.totals.commission).toEqual(nok(2));
  });

  it("applies the minimum commission only on cases with principal collected", () => {
    const agreement: SettlementAgreement = { ...standardAgreement, commission: { percentOfPrincipal: "10.00", minimumPerCase: nok(150_00) } };
    const s = settle(
      aSettlementInput(
        [
          aCase("1", { agencyAllocations: [alloc("p1", "principal", 200_00)] }),
          aCase("2", { agencyAllocations: [alloc("p2", "salary", 350_00)] }),
          aCase("3", { agencyAllocations: [alloc("p3", "principal", 5_000_00)] }),
        ],
        agreement,
      ),
    );
    expect(s.lines.map((l) => l.commission.amount)).toEqual([150_00, 0, 500_00]);
  });

  it("sets off costs the creditor received directly and withdrawal costs, and invoices a negative net", () => {
    const s = settle(
      aSettlementInput([
        aCase("1", {
          directAllocations: [alloc("dp1", "salary", 700_00), alloc("dp1", "interest", 20_00), alloc("dp1", "principal", 1_000_00)],
        }),
        aCase("2", { creditorCharges: [{ kind: "withdrawal-costs", on: d("2025-03-20"), amount: nok(270_00) }] }),
      ]),
    );
    // direct: the creditor keeps 1 020,00 but owes 700,00 salær; commission 100,00 + VAT 25,00 on the direct principal
    expect(s.totals.owedFromDirect).toEqual(nok(700_00));
    expect(s.totals.withdrawalCosts).toEqual(nok(270_00));
    expect(s.totals.net).toEqual(nok(-1_095_00));
    expect(s.payout).toEqual(nok(0));
    expect(s.invoiceToCreditor).toEqual(nok(1_095_00));
    expect(s.outcome).toBe("invoice");
    expect(s.notes.join(" ")).toContain("invoiced to the creditor");
  });

  it("takes in a payment dated before the period only from `lateFrom` (reported after its own period was settled)", () => {
    const late = aSettlementInput([aCase("1", { agencyAllocations: [alloc("p1", "principal", 100_00, "2025-02-27"), alloc("p2", "principal", 50_00, "2025-03-05")] })]);
    expect(() => settle(late)).toThrow(expect.objectContaining({ code: "outside_period", field: "cases[0].agencyAllocations[0].receivedOn" }));
    const s = settle({ ...late, lateFrom: d("2025-02-27") });
    expect(s.totals.receivedByAgency.amount).toBe(150_00);
    expect(s.period.from.toString()).toBe("2025-03-01");
    expect(() => settle({ ...late, lateFrom: d("2025-02-28") })).toThrow(expect.objectContaining({ code: "outside_period" }));
  });

  it("refuses bad input naming the field", () => {
    const ok = aCase("1", { agencyAllocations: [alloc("p1", "principal", 100)] });
    expect(fieldOf(() => settle(aSettlementInput([aCase("1", { agencyAllocations: [alloc("p1", "principal", -1)] })])))).toBe(
      "cases[0].agencyAllocations[0].amount",
    );
    expect(fieldOf(() => settle(aSettlementInput([aCase("1", { agencyAllocations: [alloc("p1", "principal", 1, "2025-04-01")] })])))).toBe(
      "cases[0].agencyAllocations[0].receivedOn",
    );
    expect(fieldOf(() => settle(aSettlementInput([aCase("1", { directAllocations: [alloc("p1", "tips" as Bucket, 1)] })])))).toBe(
      "cases[0].directAllocations[0].bucket",
    );
    expect(fieldOf(() => settle(aSettlementInput([ok, ok])))).toBe("cases[1].caseId");
    expect(fieldOf(() => settle(aSettlementInput([ok], { ...standardAgreement, vatRatePercent: "25,00" })))).toBe("agreement.vatRatePercent");
    expect(fieldOf(() => settle(aSettlementInput([ok], { ...standardAgreement, commission: { percentOfPrincipal: "120" } })))).toBe(
      "agreement.commission.percentOfPrincipal",
    );
    expect(fieldOf(() => settle({ ...aSettlementInput([ok]), period: { from: d("2025-03-31"), to: d("2025-03-01") } }))).toBe("period.to");
    expect(
      fieldOf(() => settle(aSettlementInput([aCase("1", { agencyAllocations: [{ ...alloc("p1", "principal", 1), amount: { amount: 1, currency: "SEK" } }] })]))),
    ).toBe("cases[0].agencyAllocations[0].amount");
  });
});
