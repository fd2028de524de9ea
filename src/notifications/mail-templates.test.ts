import { describe, expect, it } from "vitest";
import { clientMailLocale } from "./client-mails.js";
import { dailyDigestMail } from "./mail-templates.js";

describe("the daily digest's language", () => {
  it("is Swedish for a Swedish user, Norwegian for a language it has no words in", () => {
    const d = { name: "Sara", date: "2025-02-03", creditors: [{ name: "Uppsala Bygg AB", drafts: 2, atGate: 1 }], portalUrl: "https://fordring.example" };
    const sv = dailyDigestMail(clientMailLocale("sv"), d);
    expect(sv.subject).toBe("Väntar på dig: 2 utkast, 1 ärende att godkänna (2025-02-03)");
    expect(sv.text).toContain("- Uppsala Bygg AB: 2 utkast att överlämna, 1 ärende som väntar på godkännande");
    expect(sv.html).toContain('<a href="https://fordring.example">Öppna Fordring</a>');
    expect(dailyDigestMail(clientMailLocale("de"), d).subject).toBe("Venter på deg: 2 utkast, 1 sak til godkjenning (2025-02-03)");
  });
});
