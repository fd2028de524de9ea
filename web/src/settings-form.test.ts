import { describe, expect, it } from "vitest";
import { draftFromSettings, settingsPatch, validateDraft } from "./settings-form";

const stored = {
  collection: { firstStep: "collection-notice" as const, noticeDeadlineDays: 14, approveBeforeLegal: true },
  // As stored: the minimum in øre.
  transfer: { mode: "manual", minimumAmount: 500_00, delayDays: 14, excludedCustomerGroups: ["Offentlig"] },
  accounts: { bank: "1920", clearing: "1510" },
  settlement: { frequency: "monthly", interestTo: "creditor" },
};

describe("the settings form", () => {
  it("sends nothing when nothing changed", () => {
    const d = draftFromSettings(stored);
    expect(d.transfer.minimumAmount).toBe("500.00");
    expect(d.transfer.excludedGroups).toBe("Offentlig");
    expect(settingsPatch(d, structuredClone(d))).toEqual({});
    expect(validateDraft(d)).toEqual([]);
  });

  it("sends only the changed fields, as the API's types", () => {
    const original = draftFromSettings(stored);
    const changed = structuredClone(original);
    changed.collection.noticeDeadlineDays = "21";
    changed.collection.approveBeforePaymentDemand = true;
    changed.transfer.minimumAmount = "1250,5";
    changed.transfer.excludedGroups = "Offentlig, Ansatte ,";
    changed.accounts.clearing = "1512";
    changed.settlement.interestTo = "agency";
    expect(settingsPatch(original, changed)).toEqual({
      collection: { noticeDeadlineDays: 21, approveBeforePaymentDemand: true },
      transfer: { minimumAmount: "1250.50", excludedCustomerGroups: ["Offentlig", "Ansatte"] },
      accounts: { clearing: "1512" },
      settlement: { interestTo: "agency" },
    });
  });

  it("clears the minimum amount with a minimum of nothing", () => {
    const original = draftFromSettings(stored);
    const changed = structuredClone(original);
    changed.transfer.minimumAmount = " ";
    expect(settingsPatch(original, changed)).toEqual({ transfer: { minimumAmount: "0.00" } });
  });

  it("names each field that is out of its legal range", () => {
    const d = draftFromSettings(stored);
    d.collection.noticeDeadlineDays = "10"; // inkassoloven § 9: at least 14 days
    d.collection.freeWithdrawalDays = "x";
    d.transfer.minimumAmount = "12.345";
    expect(validateDraft(d).map((e) => e.field)).toEqual(["collection.noticeDeadlineDays", "collection.freeWithdrawalDays", "transfer.minimumAmount"]);
  });
});
