import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES, labelOr, placeholders, translate } from "./i18n";

describe("the dictionary", () => {
  const nbKeys = Object.keys(MESSAGES.nb).sort();

  it("has every key in both languages, with text", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort(), locale).toEqual(nbKeys);
      for (const key of nbKeys) {
        const text = MESSAGES[locale][key as keyof (typeof MESSAGES)["nb"]];
        expect(typeof text === "string" && text.trim().length > 0, `${locale} ${key}`).toBe(true);
      }
    }
    expect(nbKeys.length).toBeGreaterThan(100);
  });

  it("uses the same placeholders in both languages", () => {
    const mismatched = nbKeys.filter((key) => {
      const k = key as keyof (typeof MESSAGES)["nb"];
      return placeholders(MESSAGES.nb[k]).join() !== placeholders(MESSAGES.en[k]).join();
    });
    expect(mismatched).toEqual([]);
  });

  it("has Swedish for every key, with the Norwegian placeholders, and in Swedish", () => {
    expect(LOCALES).toContain("sv");
    const mismatched = nbKeys.filter((key) => {
      const k = key as keyof (typeof MESSAGES)["nb"];
      return placeholders(MESSAGES.nb[k]).join() !== placeholders(MESSAGES.sv[k]).join();
    });
    expect(mismatched).toEqual([]);
    expect(translate("sv", "dashboard.openCasesCount", { count: 3 })).toBe("3 öppna ärenden");
    expect(translate("sv", "case.closedBecause", { date: "2026-11-20", reason: translate("sv", "closeReason.withdrawn") })).toBe("Avslutad 2026-11-20 – återkallad");
  });
});

describe("translate", () => {
  it("fills placeholders and formats numbers for the language", () => {
    expect(translate("nb", "invoice.changesOn", { date: "08.12.2026" })).toBe("Endres 08.12.2026");
    expect(translate("en", "drafts.confirmButton", { count: 1250 })).toBe("Approve 1,250");
    expect(translate("nb", "drafts.confirmButton", { count: 1250 })).toBe("Godkjenn 1\u00a0250");
  });

  it("chooses singular or plural by count", () => {
    expect(translate("en", "drafts.approvedCount", { count: 1 })).toBe("1 draft approved.");
    expect(translate("en", "drafts.approvedCount", { count: 2 })).toBe("2 drafts approved.");
    expect(translate("nb", "dashboard.openCasesCount", { count: 1 })).toBe("1 åpen sak");
    expect(translate("nb", "dashboard.openCasesCount", { count: 3 })).toBe("3 åpne saker");
  });

  it("labels API values it knows and shows the others as they are", () => {
    expect(labelOr("nb", "stage.payment-demand", "payment-demand")).toBe("Betalingsoppfordring");
    expect(labelOr("en", "stage.payment-demand", "payment-demand")).toBe("Payment demand");
    expect(labelOr("en", "stage.some-new-stage", "some-new-stage")).toBe("some-new-stage");
  });
});
