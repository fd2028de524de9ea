import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer, type Mailer } from "../../src/notifications/mailer.js";
import { legalApprovalMail, sendLegalApprovalMails } from "../../src/notifications/legal-approval-mail.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";

/** The e-mail when a case waits for the creditor's approval before a legal step, over SMTP to a real server, from a real PostgreSQL. */
let received: { to: string; raw: string }[] = [];
let refuse = false;
let smtp: SMTPServer;
let mailer: Mailer;
let t: TestApp;
let a: Tenant;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo[0]!.address, raw: Buffer.concat(chunks).toString("utf8").replace(/=\r?\n/g, "") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  mailer = smtpMailer({ smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`, from: "Fordring <post@fordring.example>" });
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Legal", "974760673");
  await t.ctx.database.query("update users set locale = 'sv' where email = $1", [a.users.creditorUser.email]);
}, 60_000);
afterAll(async () => {
  mailer?.close();
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
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
    expect(await sendLegalApprovalMails(db, mailer, { portalUrl: "https://portal.example" })).toEqual({ sent: 0 });
    await db.query("update cases set stage = 'awaiting-legal-approval' where id = $1", [a.caseId]);

    refuse = true;
    await expect(sendLegalApprovalMails(db, mailer, { portalUrl: "https://portal.example" })).rejects.toThrow();
    refuse = false;
    received = [];
    expect(await sendLegalApprovalMails(db, mailer, { portalUrl: "https://portal.example/" })).toEqual({ sent: 2 });
    const to = new Map(received.map((r) => [r.to, r.raw]));
    expect([...to.keys()].sort()).toEqual([a.users.creditorUser.email, a.users.firmAdmin.email].sort());
    expect(to.get(a.users.creditorUser.email)).toContain(`=?UTF-8?Q?`);
    expect(to.get(a.users.creditorUser.email)).toContain(`https://portal.example/cases/${a.caseId}`);
    expect(to.get(a.users.firmAdmin.email)).toContain(`Sak ${a.caseNumber} venter`);

    received = [];
    expect(await sendLegalApprovalMails(db, mailer, { portalUrl: "https://portal.example" })).toEqual({ sent: 0 });
    expect(received).toEqual([]);
  });
});
