import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { evaluateEligibility } from "./evaluate-eligibility.js";
import { PRESETS, PRESET_NAMES, settingsFromPreset } from "./presets.js";
import { aCustomer, anInvoice } from "./test-builders.js";
import { catchError } from "../domain-error.fixture.js";


const dayOf = (preset: string, today: string) =>
  evaluateEligibility(anInvoice().dueOn("2025-01-31").build(), aCustomer().build(), settingsFromPreset(preset), { today: LocalDate.parse(today) });

describe("presets reproduce the documented product behaviour", () => {
  it("nothing ticked: day 14 under poweroffice-modhi, day 1 under poweroffice-amili", () => {
    const modhi = dayOf("poweroffice-modhi", "2025-02-01");
    const amili = dayOf("poweroffice-amili", "2025-02-01");
    expect(modhi.status).toBe("waiting");
    expect(modhi.eligibleOn?.toString()).toBe("2025-02-14");
    expect(modhi.reasons[0]?.source).toContain("PowerOffice Go help");
    expect(amili.status).toBe("eligible");
    expect(amili.eligibleOn?.toString()).toBe("2025-02-01");
    expect(amili.reasons[0]?.text.en).toBe("1 day after due passed on 2025-02-01 (no dunning steps in the ledger)");
    expect(amili.reasons[0]?.source).toContain("AutoCollect");
  });

  it("fordring-default follows PowerOffice's 14 days", () => {
    expect(dayOf("fordring-default", "2025-02-01").eligibleOn?.toString()).toBe("2025-02-14");
  });

  it("every preset names the seed page it comes from and is valid as shipped", () => {
    for (const name of PRESET_NAMES) {
      expect(PRESETS[name].preset).toBe(name);
      expect(PRESETS[name].source).toMatch(/seeds\/\d{3}_/);
      expect(settingsFromPreset(name)).toEqual(PRESETS[name]);
    }
  });

  it("procountor-kravia is Swedish: SEK, financed invoices by hand only, no automation after a ledger reminder", () => {
    const s = settingsFromPreset("procountor-kravia");
    expect(s.jurisdiction).toBe("SE");
    expect(s.creditorCurrency).toBe("SEK");
    expect(s.financedInvoices).toBe("manual-only");
    expect(s.automatic.skipWhenLedgerReminderSent).toBe(true);
    expect(PRESETS["poweroffice-modhi"].financedInvoices).toBe("block");
  });
});

describe("settingsFromPreset", () => {
  it("applies overrides field by field, keeping the rest of the preset", () => {
    const s = settingsFromPreset("poweroffice-amili", { automatic: { enabled: true }, ledgerDunning: { reminder: true } });
    expect(s.automatic.enabled).toBe(true);
    expect(s.automatic.delayDaysAfterDue).toBe(14);
    expect(s.ledgerDunning).toEqual({ softReminder: false, reminder: true, collectionNotice: false });
    expect(s.draftList.nothingTickedDaysAfterDue).toBe(1);
    expect(PRESETS["poweroffice-amili"].automatic.enabled).toBe(false);
  });

  it("Modhi's own page (day 1) is one override away", () => {
    const s = settingsFromPreset("poweroffice-modhi", { draftList: { nothingTickedDaysAfterDue: 1 } });
    const d = evaluateEligibility(anInvoice().dueOn("2025-01-31").build(), aCustomer().build(), s, { today: LocalDate.parse("2025-02-01") });
    expect(d.status).toBe("eligible");
  });

  it("rejects an unknown preset", () => {
    const e = catchError(() => settingsFromPreset("tripletex-lindorff"));
    expect(e.code).toBe("unknown_preset");
    expect(e.field).toBe("preset");
    expect(e.message).toContain("poweroffice-modhi");
  });

  it("rejects bad overrides naming the field", () => {
    expect(catchError(() => settingsFromPreset("fordring-default", { automatic: { delayDaysAfterDue: -1 } })).field).toBe("automatic.delayDaysAfterDue");
    expect(catchError(() => settingsFromPreset("fordring-default", { draftList: { nothingTickedDaysAfterDue: 1.5 } })).field).toBe(
      "draftList.nothingTickedDaysAfterDue",
    );
    const wrongCurrency = catchError(() => settingsFromPreset("fordring-default", { minimumAmount: { amount: 100_00, currency: "SEK" } }));
    expect(wrongCurrency.code).toBe("currency_mismatch");
    expect(wrongCurrency.field).toBe("minimumAmount");
    expect(catchError(() => settingsFromPreset("fordring-default", { jurisdiction: "DK" as never })).field).toBe("jurisdiction");
  });
});
