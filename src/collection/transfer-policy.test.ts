import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/errors.js";
import { DEFAULT_TRANSFER_POLICY, transferPolicy, withMainGroups } from "./transfer-policy.js";

describe("the creditor's transfer policy (settings.transfer)", () => {
  it("defaults to automatic transfer with no holds, next to the preset", () => {
    expect(transferPolicy({})).toEqual(DEFAULT_TRANSFER_POLICY);
    expect(transferPolicy({ transfer: { preset: "poweroffice-amili" } })).toEqual({ mode: "automatic", minimumAmountMinor: 0, delayDays: null, excludedCustomerGroups: [], customerMainGroups: {}, transferAlreadyOverdue: true });
    expect(transferPolicy({ transfer: { mode: "manual", minimumAmount: 500_00, delayDays: 20, excludedCustomerGroups: [" Offentlig "], customerMainGroups: { " Koncern ": [" Dotter Nord", "Dotter Syd"] }, transferAlreadyOverdue: false } })).toEqual({
      mode: "manual", minimumAmountMinor: 500_00, delayDays: 20, excludedCustomerGroups: ["Offentlig"], customerMainGroups: { Koncern: ["Dotter Nord", "Dotter Syd"] }, transferAlreadyOverdue: false,
    });
  });

  it("names the field that is wrong", () => {
    const fieldOf = (transfer: unknown) => {
      try {
        transferPolicy({ transfer });
        return null;
      } catch (e) {
        return e instanceof DomainError ? e.field : String(e);
      }
    };
    expect(fieldOf({ mode: "sometimes" })).toBe("settings.transfer.mode");
    expect(fieldOf({ minimumAmount: 12.5 })).toBe("settings.transfer.minimumAmount");
    expect(fieldOf({ minimumAmount: "100" })).toBe("settings.transfer.minimumAmount");
    expect(fieldOf({ delayDays: -1 })).toBe("settings.transfer.delayDays");
    expect(fieldOf({ excludedCustomerGroups: "Offentlig" })).toBe("settings.transfer.excludedCustomerGroups");
    expect(fieldOf({ transferAlreadyOverdue: "no" })).toBe("settings.transfer.transferAlreadyOverdue");
    expect(fieldOf({ customerMainGroups: ["Koncern"] })).toBe("settings.transfer.customerMainGroups");
    expect(fieldOf({ customerMainGroups: { Koncern: [] } })).toBe("settings.transfer.customerMainGroups.Koncern");
    expect(fieldOf([])).toBe("settings.transfer");
  });

  it("puts a customer in the main groups that cover one of its groups", () => {
    const main = { Koncern: ["Dotter Nord", "Dotter Syd"], Offentlig: ["Kommun"] };
    expect(withMainGroups(["Dotter Syd"], main)).toEqual(["Dotter Syd", "Koncern"]);
    expect(withMainGroups(["Privat"], main)).toEqual(["Privat"]);
    expect(withMainGroups(["Koncern", "Dotter Nord"], main)).toEqual(["Koncern", "Dotter Nord"]);
  });
});
