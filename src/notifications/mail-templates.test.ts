import { describe, expect, it } from "vitest";
import { clientMailLocale } from "./client-mails.js";
import { legalApprovalMail } from "./legal-approval-mail.js";
import { dailyDigestMail } from "./mail-templates.js";
import { payoutAccountMail } from "./payout-account-mail.js";

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

describe("the payout account and legal approval e-mails", () => {
  it("use the users' layout: a heading, the words, a link and why the reader gets it, every value escaped", () => {
    const payout = payoutAccountMail("nb", "requested", { name: "Kari", creditor: "Berg <Rør> AS", from: "•••• 7947", to: "•••• 8903", by: "ola@firma.no", portalUrl: "https://fordring.example" });
    expect(payout.subject).toBe("Endring av utbetalingskonto for Berg <Rør> AS venter på godkjenning");
    expect(payout.html).toContain("<h1 style=\"font-size:18px\">Endring av utbetalingskonto for Berg &lt;Rør&gt; AS venter på godkjenning</h1>");
    expect(payout.html).not.toContain("<Rør>");
    expect(payout.html).toContain('<a href="https://fordring.example">Åpne portalen</a>');
    expect(payout.text).toContain("Hei Kari,");
    expect(payout.text).toContain("Åpne portalen: https://fordring.example");
    expect(payout.text).toContain("krever alltid to personer");
    expect(payoutAccountMail("sv", "approved", { name: "Sara", creditor: "X AB", from: "a", to: "b", by: "c", portalUrl: "" }).html).not.toContain("<a ");

    const legal = legalApprovalMail("en", { creditor: "Berg <Rør> AS", case: { caseNumber: "N-1", debtor: "D & Co" }, link: "https://fordring.example/cases/1" });
    expect(legal.html).toContain("<h1 style=\"font-size:18px\">Case N-1 waits for your approval before legal steps</h1>");
    expect(legal.html).toContain("N-1 · D &amp; Co");
    expect(legal.html).toContain('<a href="https://fordring.example/cases/1">Open the case</a>');
    expect(legal.text).toContain("Open the case: https://fordring.example/cases/1");
  });
});
