import { describe, expect, it } from "vitest";
import { LIMITS } from "./api/limits";
import { DELAY_DAYS, draftFromSettings, settingsPatch, validateDraft } from "./settings-form";

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

describe("the transfer delay's limit", () => {
  // One limit (issue 13): the transfer policy's MAX_TRANSFER_DELAY_DAYS, declared by the API's
  // settings schema and read here from the generated limits (test/api/api-types.test.ts checks the
  // generated number is the policy's).
  const withDelay = (days: string) => {
    const d = draftFromSettings(stored);
    d.transfer.delayDays = days;
    return validateDraft(d);
  };

  it("is the API schema's range", () => {
    expect(DELAY_DAYS).toEqual(LIMITS["PATCH /v1/creditors/{creditorId}/settings"]["transfer.delayDays"]);
    expect(DELAY_DAYS.min).toBe(0);
  });

  it("takes the longest delay and refuses one day more, naming the range", () => {
    expect(withDelay(String(DELAY_DAYS.max))).toEqual([]);
    expect(withDelay("0")).toEqual([]);
    const range = { field: "transfer.delayDays", message: "settings.errorRange", params: { min: DELAY_DAYS.min, max: DELAY_DAYS.max } };
    expect(withDelay(String(DELAY_DAYS.max + 1))).toEqual([range]);
    expect(withDelay("-1")).toEqual([range]);
  });
});
