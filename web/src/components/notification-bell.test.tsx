import { describe, expect, it } from "vitest";
import { translate } from "../i18n";
import { filesProblem, looksAllowed } from "./case-messages";
import { notificationLink, notificationText, type PortalNotification } from "./notification-bell";

const note = (kind: PortalNotification["kind"], data: Record<string, unknown>, more: Partial<PortalNotification> = {}): PortalNotification => ({
  id: 1, kind, creditorId: "cr-1", creditorName: "Nordlys AS", caseId: null, caseNumber: null, data, createdAt: "2025-02-03T07:30:00.000Z", read: false, ...more,
});

describe("a notification in words", () => {
  it("words each kind from its facts in the reader's language, with money and dates formatted for it", () => {
    const waiting = note("waiting", { drafts: 3, atGate: 1, clients: 2 });
    expect(notificationText("nb", waiting)).toBe("Venter på deg: 3 utkast og 1 sak til godkjenning hos 2 klienter");
    expect(notificationText("en", waiting)).toBe("Waiting for you: 3 drafts and 1 case to approve across 2 clients");
    expect(notificationText("sv", note("waiting", { drafts: 1, atGate: 2, clients: 1 }))).toBe("Väntar på dig: 1 utkast och 2 ärenden att godkänna");

    const settlement = note("settlement", { periodFrom: "2025-01-01", periodTo: "2025-01-31", currency: "NOK", payout: "1250.00", invoice: "0.00" });
    expect(notificationText("nb", settlement)).toBe("Nytt oppgjør 01.01.2025–31.01.2025: 1\u00a0250,00\u00a0kr utbetales");
    expect(notificationText("en", settlement)).toMatch(/^New settlement 01\/01\/2025–31\/01\/2025: NOK\s1,250\.00 paid out$/);
    expect(notificationText("sv", note("settlement", { periodFrom: "2025-01-01", periodTo: "2025-01-31", currency: "SEK", payout: "0.00", invoice: "80.00" }))).toMatch(/^Ny redovisning 2025-01-01–2025-01-31: 80,00\s*kr faktureras$/);

    const failed = note("sync-failed", { ledger: "poweroffice", failedOn: "2025-02-05", codes: ["auth_failed"] });
    expect(notificationText("nb", failed)).toBe("Synkroniseringen med regnskapet (PowerOffice Go) feilet 05.02.2025: nøkkelen ble avvist, koble til på nytt");
    expect(notificationText("en", note("sync-failed", { ledger: "visma-net", failedOn: "2025-02-05", codes: ["something_new"] }))).toBe("The sync with the ledger (Visma.net) failed on 05/02/2025: a fault on our side");

    expect(notificationText("sv", note("message", { from: "Per Operatør" }))).toBe("Nytt meddelande från Per Operatør");
  });

  it("leads to where it happened", () => {
    expect(notificationLink(note("message", {}, { caseId: "case-9" }))).toBe("/cases/case-9");
    expect(notificationLink(note("settlement", {}))).toBe("/creditors/cr-1/settlements");
    expect(notificationLink(note("waiting", { drafts: 2 }))).toBe("/creditors/cr-1/drafts");
    expect(notificationLink(note("waiting", { drafts: 0, atGate: 1 }))).toBe("/creditors/cr-1/cases");
    expect(notificationLink(note("waiting", { drafts: 2 }, { creditorId: null }))).toBe("/");
    expect(notificationLink(note("sync-failed", {}))).toBe("/creditors/cr-1");
  });
});

describe("the files chosen for a message", () => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate("en", key, params);
  it("takes up to 3 PDF, PNG or JPEG files of at most 5 MB, and judges the bytes as the server does", () => {
    expect(filesProblem([{ name: "a.pdf", size: 10, type: "application/pdf" }], t)).toBeNull();
    expect(filesProblem([{ name: "big.pdf", size: 5 * 1024 * 1024 + 1, type: "application/pdf" }], t)).toBe("“big.pdf” is larger than 5 MB.");
    expect(filesProblem([{ name: "x.docx", size: 10, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }], t)).toBe("“x.docx” is not a PDF, PNG or JPEG file.");
    expect(filesProblem(Array.from({ length: 4 }, (_, i) => ({ name: `${i}.pdf`, size: 1, type: "application/pdf" })), t)).toBe("At most 3 attachments on one message.");
    expect(looksAllowed(new TextEncoder().encode("%PDF-1.7"))).toBe(true);
    expect(looksAllowed(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(looksAllowed(new TextEncoder().encode("MZ\u0090\u0000"))).toBe(false);
  });
});
