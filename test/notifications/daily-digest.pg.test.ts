import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertClaim } from "../../src/collection/cases/register.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { sendDailyDigests } from "../../src/notifications/daily-digest.js";
import { smtpMailer, type Mailer } from "../../src/notifications/mailer.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/** The daily digest over SMTP to a real server (smtp-server), from a real PostgreSQL. */
interface Received {
  to: string;
  raw: string;
}
let received: Received[] = [];
let refuse = false;
let smtp: SMTPServer;
let mailer: Mailer;
let t: TestApp;
let a: Tenant;
const today = LocalDate.parse("2025-02-03");

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
  t = await createTestApp({ today: today.toString() });
  a = await seedTenant(t, "Digest", "974760673");
  const db = t.ctx.database;
  const [debtor] = await db.query<{ id: string }>("select id from debtors where creditor_id = $1", [a.creditorId]);
  const claimId = await upsertClaim(db, a.creditorId, { source: "test", externalId: "draft-1", debtorId: debtor!.id, invoiceNumber: "INV-DRAFT", issueDate: LocalDate.parse("2025-01-01"), dueDate: LocalDate.parse("2025-01-15"), currency: "NOK", amountMinor: 90_000, openMinor: 90_000, status: "sent" });
  await db.query("update claims set transfer_state = 'draft' where id = $1", [claimId]);
  await db.query("update cases set stage = 'awaiting-payment-demand-approval' where id = $1", [a.caseId]);
  await db.query("update users set locale = 'en' where email = $1", [a.users.accountant.email]);
  await db.query("update users set digest_opt_out = true where email = $1", [a.users.creditorUser.email]);
}, 60_000);
afterAll(async () => {
  mailer?.close();
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("the daily digest", () => {
  it("goes to each user who may see a client with drafts or cases at a gate, in the user's language, as text and HTML — not to a user who opted out — once a day", async () => {
    expect(await sendDailyDigests(t.ctx.database, mailer, { today, portalUrl: "https://fordring.example" })).toEqual({ sent: 2, skipped: 0 });
    expect(received.map((r) => r.to).sort()).toEqual([a.users.accountant.email, a.users.firmAdmin.email].sort());
    const nb = received.find((r) => r.to === a.users.firmAdmin.email)!.raw;
    expect(nb).toContain("Subject: =?UTF-8?Q?Venter_p=C3=A5_deg");
    expect(nb).toContain("Content-Type: text/plain");
    expect(nb).toContain("Content-Type: text/html");
    expect(nb).toContain("Creditor Digest AS: 1 utkast til overf=C3=B8ring, 1 sak som venter p=C3=A5 godkjenning");
    const en = received.find((r) => r.to === a.users.accountant.email)!.raw;
    expect(en).toContain("Subject: Waiting for you: 1 draft, 1 case at an approval (2025-02-03)");
    expect(en).toContain("Creditor Digest AS: 1 draft to transfer, 1 case waiting at an approval");
    expect(en).toContain('<a href=3D"https://fordring.example">Open Fordring</a>');

    expect(await sendDailyDigests(t.ctx.database, mailer, { today, portalUrl: "https://fordring.example" })).toEqual({ sent: 0, skipped: 2 });
    expect(received).toHaveLength(2);
  });

  it("a refusal by the SMTP server sends nothing and leaves the day's digest to the next run", async () => {
    received = [];
    refuse = true;
    const tomorrow = today.plusDays(1);
    await expect(sendDailyDigests(t.ctx.database, mailer, { today: tomorrow, portalUrl: "https://fordring.example" })).rejects.toThrow(/451/);
    expect(await t.ctx.database.query("select 1 from notification_log where key = $1", [tomorrow.toString()])).toHaveLength(0);
    refuse = false;
    expect(await sendDailyDigests(t.ctx.database, mailer, { today: tomorrow, portalUrl: "https://fordring.example" })).toMatchObject({ sent: 2 });
    expect(received).toHaveLength(2);
  });

  it("nothing waits: no e-mail", async () => {
    received = [];
    await t.ctx.database.query("update claims set transfer_state = 'transfer' where transfer_state = 'draft'");
    await t.ctx.database.query("update cases set stage = 'collection-notice' where id = $1", [a.caseId]);
    expect(await sendDailyDigests(t.ctx.database, mailer, { today: today.plusDays(2), portalUrl: "https://fordring.example" })).toEqual({ sent: 0, skipped: 2 });
    expect(received).toHaveLength(0);
  });
});

describe("opting out", () => {
  it("a user turns the digest off and on over the API", async () => {
    const s = await login(t, a.users.firmAdmin);
    const optOut = async () => (await t.ctx.database.query<{ digest_opt_out: boolean }>("select digest_opt_out from users where email = $1", [a.users.firmAdmin.email]))[0]!.digest_opt_out;
    const off = await t.app.inject({ method: "PUT", url: "/v1/me/daily-digest", headers: s, payload: { enabled: false } });
    expect(off.json()).toEqual({ enabled: false });
    expect(await optOut()).toBe(true);
    await t.app.inject({ method: "PUT", url: "/v1/me/daily-digest", headers: s, payload: { enabled: true } });
    expect(await optOut()).toBe(false);
  });
});
