import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legalApprovalMail, sendLegalApprovalMails } from "../../src/notifications/legal-approval-mail.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture.js";

/** The e-mail when a case waits for the creditor's approval before a legal step, over SMTP to a real server, from a real PostgreSQL. */
let smtp: SmtpCapture;
let t: TestApp;
let a: Tenant;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Legal", "974760673");
  await t.ctx.database.query("update users set locale = 'sv' where email = $1", [a.users.creditorUser.email]);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("the e-mail when a legal step waits for the creditor's approval", () => {
  it("has the same words in sv, nb and en, as text and HTML with every value escaped", () => {
    const sv = legalApprovalMail("sv", { creditor: "Norrsken <Bygg> AB", case: { caseNumber: "NORR-100001", debtor: "Åsa Lindqvist" }, link: "https://portal.example/cases/1" });
    expect(sv.subject).toBe("Ärende NORR-100001 väntar på ditt godkännande före rättsliga åtgärder");
    expect(sv.text).toContain("betalningsföreläggande");
    expect(sv.html).toContain("Norrsken &lt;Bygg&gt; AB");
    expect(sv.html).not.toContain("<Bygg>");
    expect(legalApprovalMail("nb", { creditor: "X", case: { caseNumber: "N-1", debtor: "D" }, link: "l" }).subject).toMatch(/^Sak N-1 venter på din godkjenning/);
    expect(legalApprovalMail("en", { creditor: "X", case: { caseNumber: "N-1", debtor: "D" }, link: "l" }).subject).toMatch(/^Case N-1 waits for your approval/);
  });

  it("goes once per case to each person who may approve (the creditor's users and the firm's admins, not its accountants), in their language; a refused message is sent again later", async () => {
    const db = t.ctx.database;
    expect(await sendLegalApprovalMails(db, smtp.mailer, { portalUrl: "https://portal.example" })).toEqual({ sent: 0 });
    await db.query("update cases set stage = 'awaiting-legal-approval' where id = $1", [a.caseId]);

    smtp.refuse = true;
    await expect(sendLegalApprovalMails(db, smtp.mailer, { portalUrl: "https://portal.example" })).rejects.toThrow();
    smtp.refuse = false;
    smtp.received = [];
    expect(await sendLegalApprovalMails(db, smtp.mailer, { portalUrl: "https://portal.example/" })).toEqual({ sent: 2 });
    const to = new Map(smtp.received.map((r) => [r.to, r.text]));
    expect([...to.keys()].sort()).toEqual([a.users.creditorUser.email, a.users.firmAdmin.email].sort());
    expect(to.get(a.users.creditorUser.email)).toContain(`=?UTF-8?Q?`);
    expect(to.get(a.users.creditorUser.email)).toContain(`https://portal.example/cases/${a.caseId}`);
    expect(to.get(a.users.firmAdmin.email)).toContain(`Sak ${a.caseNumber} venter`);

    smtp.received = [];
    expect(await sendLegalApprovalMails(db, smtp.mailer, { portalUrl: "https://portal.example" })).toEqual({ sent: 0 });
    expect(smtp.received).toEqual([]);
  });
});
