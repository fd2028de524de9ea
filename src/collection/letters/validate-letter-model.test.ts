import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../domain/errors.js";
import { aClaim, aLetter, day, nok, totalOf } from "./letter-model.fixture.js";
import { LETTER_KINDS, type LetterModel } from "./letter-model.js";
import { validateLetterModel } from "./validate-letter-model.js";

function failure(model: LetterModel): { code: string; field: string | undefined; message: string } {
  try {
    validateLetterModel(model);
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected the model to be rejected");
}

const eur = (amount: number) => ({ amount, currency: "EUR" as const });

describe("validateLetterModel", () => {
  it.each(LETTER_KINDS)("accepts the lawful %s", (kind) => {
    expect(() => validateLetterModel(aLetter(kind))).not.toThrow();
    expect(() => validateLetterModel(aLetter(kind, { language: "en" }))).not.toThrow();
  });

  it("names the path of a negative amount", () => {
    const claims = [aClaim({ principal: nok(-1_00), paid: nok(0) })];
    expect(failure(aLetter("reminder", { claims }))).toMatchObject({ code: "negative_amount", field: "claims[0].principal" });

    const base = aLetter("payment-demand");
    const costs = [base.costs[0]!, { ...base.costs[1]!, amount: nok(-420_00) }];
    expect(failure(aLetter("payment-demand", { costs }))).toMatchObject({ code: "negative_amount", field: "costs[1].amount" });

    const interest = { ...base.interest, amount: nok(-5) };
    expect(failure(aLetter("payment-demand", { interest }))).toMatchObject({ code: "negative_amount", field: "interest.amount" });
  });

  it("rejects a total that is not principal − paid + interest + costs", () => {
    const model = aLetter("payment-demand");
    const wrong = aLetter("payment-demand", { total: nok(model.total.amount + 1) });
    const f = failure(wrong);
    expect(f).toMatchObject({ code: "total_mismatch", field: "total" });
    expect(f.message).toContain(String(model.total.amount));
  });

  it("rejects a deadline before the sending date, for every kind", () => {
    for (const kind of LETTER_KINDS) {
      expect(failure(aLetter(kind, { deadline: day("2025-03-02") }))).toMatchObject({ code: "deadline_before_sending", field: "deadline" });
    }
  });

  it("requires 14 days for a collection notice (§ 9) and a payment demand (§ 10), not for a reminder", () => {
    const notice = failure(aLetter("collection-notice", { deadline: day("2025-03-16") }));
    expect(notice).toMatchObject({ code: "deadline_too_short", field: "deadline" });
    expect(notice.message).toContain("§ 9");
    const demand = failure(aLetter("payment-demand", { deadline: day("2025-03-16") }));
    expect(demand).toMatchObject({ code: "deadline_too_short", field: "deadline" });
    expect(demand.message).toContain("§ 10");

    expect(() => validateLetterModel(aLetter("collection-notice", { deadline: day("2025-03-17") }))).not.toThrow();
    expect(() => validateLetterModel(aLetter("reminder", { deadline: day("2025-03-10") }))).not.toThrow();
  });

  it("rejects a KID that fails its check digit", () => {
    const f = failure(aLetter("reminder", { kid: "20250001234" }));
    expect(f).toMatchObject({ code: "invalid_kid", field: "kid" });
    expect(f.message).toContain("check digit");
  });

  it("rejects mixed currencies, naming the first amount that differs", () => {
    const claims = [aClaim(), aClaim({ invoiceNumber: "10031", paid: eur(0) })];
    expect(failure(aLetter("reminder", { claims }))).toMatchObject({ code: "currency_mismatch", field: "claims[1].paid" });
  });

  it("rejects a claim paid beyond its principal, or not yet due when the letter is sent", () => {
    const overpaid = [aClaim({ principal: nok(100_00), paid: nok(100_01) })];
    expect(failure(aLetter("reminder", { claims: overpaid }))).toMatchObject({ code: "overpaid", field: "claims[0].paid" });

    // inkassoloven § 9: the notice is sent after forfall.
    const dueOnSending = [aClaim({ dueDate: day("2025-03-03") })];
    expect(failure(aLetter("collection-notice", { claims: dueOnSending }))).toMatchObject({ code: "not_overdue", field: "claims[0].dueDate" });
  });

  it("requires what the claim concerns and the creditor's name (§ 10 a, b)", () => {
    expect(failure(aLetter("payment-demand", { claims: [aClaim({ description: " " })] }))).toMatchObject({
      code: "missing_value",
      field: "claims[0].description",
    });
    const creditor = { ...aLetter("payment-demand").creditor, name: "" };
    expect(failure(aLetter("payment-demand", { creditor }))).toMatchObject({ code: "missing_value", field: "creditor.name" });
    expect(failure(aLetter("payment-demand", { claims: [] }))).toMatchObject({ code: "no_claims", field: "claims" });
  });

  it("checks the interest rate, dates and periods", () => {
    const interest = aLetter("payment-demand").interest;
    expect(failure(aLetter("payment-demand", { interest: { ...interest, ratePercent: "12,50" } }))).toMatchObject({
      code: "invalid_rate",
      field: "interest.ratePercent",
    });
    expect(failure(aLetter("payment-demand", { interest: { ...interest, until: day("2025-01-01") } }))).toMatchObject({
      code: "invalid_date_order",
      field: "interest.until",
    });
    const periods = [{ from: day("2025-01-17"), to: day("2025-03-03"), ratePercent: "12.50", amount: nok(187_42) }];
    expect(failure(aLetter("payment-demand", { interest: { ...interest, periods } }))).toMatchObject({
      code: "interest_mismatch",
      field: "interest.periods",
    });
  });

  it("rejects an account number the debtor could not pay to", () => {
    const agency = { ...aLetter("reminder").agency, accountNumber: "12345678901" };
    expect(failure(aLetter("reminder", { agency }))).toMatchObject({ code: "invalid_account", field: "agency.accountNumber" });
  });

  it("rejects a country that is not an ISO code", () => {
    const debtor = aLetter("reminder").debtor;
    const abroad = { ...debtor, address: { ...debtor.address, country: "Sverige" } };
    expect(failure(aLetter("reminder", { debtor: abroad }))).toMatchObject({ code: "invalid_country", field: "debtor.address.country" });
  });

  it("accepts any consistent total and rejects it off by one øre (property)", () => {
    const claim = fc
      .integer({ min: 0, max: 50_000_000_00 })
      .chain((principal) => fc.record({ principal: fc.constant(principal), paid: fc.integer({ min: 0, max: principal }) }));
    fc.assert(
      fc.property(
        fc.array(claim, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1_000_000_00 }),
        fc.array(fc.integer({ min: 0, max: 100_000_00 }), { maxLength: 4 }),
        fc.constantFrom(-1, 1),
        (claimSpecs, interestAmount, costAmounts, offBy) => {
          const base = aLetter("payment-demand");
          const claims = claimSpecs.map((c, i) =>
            aClaim({ invoiceNumber: `F${i}`, principal: nok(c.principal), paid: nok(c.paid) }),
          );
          const interest = { ...base.interest, amount: nok(interestAmount) };
          const costs = costAmounts.map((amount) => ({ ...base.costs[0]!, amount: nok(amount) }));
          const total = totalOf({ claims, interest, costs });
          expect(() => validateLetterModel({ ...base, claims, interest, costs, total })).not.toThrow();
          const wrong = { ...base, claims, interest, costs, total: nok(total.amount + offBy) };
          if (wrong.total.amount >= 0) expect(failure(wrong)).toMatchObject({ code: "total_mismatch", field: "total" });
        },
      ),
    );
  });
});
