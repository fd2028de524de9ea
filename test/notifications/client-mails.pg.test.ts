import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { announceSettlements } from "../../src/notifications/settlement-mails.js";
import { announceSyncFailures } from "../../src/notifications/sync-failures.js";
import { previousIsoWeek, sendWeeklyLists } from "../../src/notifications/weekly-list.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";
import { mimeParts, startSmtpCapture, subjectOf, textOf, htmlOf, type SmtpCapture } from "../support/smtp-capture.js";

/**
 * The e-mails to creditors' and firms' people (issue 14, item 6) over SMTP to a real server
 * (smtp-server), from a real PostgreSQL: the weekly collection list, a new settlement with the
 * remittance PDF, a failed sync once per failure streak. One tenant's three users read Norwegian
 * (the firm admin), English (the accountant) and Swedish (the creditor user).
 */
let inbox: SmtpCapture;
let t: TestApp;
let a: Tenant;
const portalUrl = "https://fordring.example";

beforeAll(async () => {
  inbox = await startSmtpCapture();
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Mail", "974760673");
  const db = t.ctx.database;
  await db.query("update users set locale = 'en' where email = $1", [a.users.accountant.email]);
  await db.query("update users set locale = 'sv' where email = $1", [a.users.creditorUser.email]);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await inbox?.close();
});

const to = (email: string) => inbox.received.filter((r) => r.to === email);

describe("the ISO week of the collection list", () => {
  it("is the Monday-to-Sunday week before today's, numbered as ISO 8601 does across the new year", () => {
    expect(previousIsoWeek(LocalDate.parse("2025-01-13"))).toMatchObject({ week: 2, weekYear: 2025 });
    expect(previousIsoWeek(LocalDate.parse("2025-01-13")).from.toString()).toBe("2025-01-06");
    expect(previousIsoWeek(LocalDate.parse("2025-01-19")).to.toString()).toBe("2025-01-12");
    // 2020 had 53 weeks: the week of 2020-12-28 is week 53 of 2020, not week 1 of 2021.
    expect(previousIsoWeek(LocalDate.parse("2021-01-04"))).toMatchObject({ week: 53, weekYear: 2020 });
    // 2024-12-30 is in week 1 of 2025.
    expect(previousIsoWeek(LocalDate.parse("2025-01-08"))).toMatchObject({ week: 1, weekYear: 2025 });
  });
});

describe("the weekly collection list", () => {
  it("lists per client and currency the cases opened, the money paid in, the cases closed and the open balance, in each user's language, once a week", async () => {
    inbox.received = [];
    const db = t.ctx.database;
    await db.query("update cases set opened_on = '2025-01-07' where id = $1", [a.caseId]);
    const [{ balance }] = (await db.query<{ balance: string }>("select balance_minor::text as balance from cases where id = $1", [a.caseId])) as [{ balance: string }];
    const today = LocalDate.parse("2025-01-13");
    expect(await sendWeeklyLists(db, inbox.mailer, { today, portalUrl })).toEqual({ sent: 3, skipped: 0 });

    const nb = to(a.users.firmAdmin.email)[0]!.raw;
    expect(subjectOf(nb)).toBe("Inkassoliste uke 2 2025");
    const nbText = textOf(nb);
    expect(nbText).toContain("fra 06.01.2025 til 12.01.2025");
    // One row: 1 new case, 200,00 paid on 2025-01-10, none closed, 1 open with its balance.
    const nbBalance = `${(Number(balance) / 100).toFixed(2).replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0")} NOK`;
    expect(nbText).toMatch(new RegExp(`Creditor Mail AS\\s+NOK\\s+1\\s+200,00 NOK\\s+0\\s+1\\s+${nbBalance}`));
    expect(htmlOf(nb)).toContain("<th style=\"padding:4px 8px;border-bottom:1px solid #ddd;text-align:left\">Klient</th>");

    const en = to(a.users.accountant.email)[0]!.raw;
    expect(subjectOf(en)).toBe("Collection list week 2 2025");
    expect(textOf(en)).toMatch(/Creditor Mail AS\s+NOK\s+1\s+NOK 200\.00\s+0\s+1\s+NOK /);
    expect(textOf(en)).toContain("from 06/01/2025 to 12/01/2025");

    const sv = to(a.users.creditorUser.email)[0]!.raw;
    expect(subjectOf(sv)).toBe("Inkassolista vecka 2 2025");
    expect(textOf(sv)).toContain("från 2025-01-06 till 2025-01-12");
    expect(textOf(sv)).toContain("Öppna ärenden");

    expect(await sendWeeklyLists(db, inbox.mailer, { today, portalUrl })).toEqual({ sent: 0, skipped: 3 });
    expect(inbox.received).toHaveLength(3);
  });

  it("skips a user who turned the summaries off, and sends the next week again", async () => {
    inbox.received = [];
    const db = t.ctx.database;
    await db.query("update users set digest_opt_out = true where email = $1", [a.users.accountant.email]);
    expect(await sendWeeklyLists(db, inbox.mailer, { today: LocalDate.parse("2025-01-20"), portalUrl })).toEqual({ sent: 2, skipped: 0 });
    expect(to(a.users.accountant.email)).toHaveLength(0);
    // Nothing happened that week: 0 opened, 0 paid, but the case is still open and listed.
    expect(textOf(to(a.users.firmAdmin.email)[0]!.raw)).toMatch(/Creditor Mail AS\s+NOK\s+0\s+0,00 NOK\s+0\s+1/);
    await db.query("update users set digest_opt_out = false where email = $1", [a.users.accountant.email]);
  });
});

describe("a new settlement", () => {
  it("goes to the creditor's people with the remittance PDF attached and a notification in the portal, once", async () => {
    inbox.received = [];
    const db = t.ctx.database;
    const today = LocalDate.parse("2025-02-03");
    const agency = agencyFromEnv();
    expect(await announceSettlements(db, { today, mailer: inbox.mailer, agency, portalUrl })).toEqual({ notified: 3, sent: 3 });

    const nb = to(a.users.firmAdmin.email)[0]!.raw;
    expect(subjectOf(nb)).toBe("Oppgjør for Creditor Mail AS, 01.01.2025–31.01.2025");
    expect(textOf(nb)).toContain("vi har gjort opp innkrevingen for Creditor Mail AS den 01.02.2025 (1 sak).");
    expect(textOf(nb)).toContain(`${portalUrl}/creditors/${a.creditorId}/settlements`);
    const pdf = mimeParts(nb).find((p) => p.headers["content-type"]?.startsWith("application/pdf"))!;
    expect(pdf.headers["content-type"]).toContain("remisse-2025-01-01-2025-01-31.pdf");
    expect(pdf.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.body.toString("latin1")).toContain("%%EOF");

    const en = to(a.users.accountant.email)[0]!.raw;
    expect(subjectOf(en)).toBe("Settlement for Creditor Mail AS, 01/01/2025–31/01/2025");
    expect(mimeParts(en).some((p) => p.headers["content-type"]?.includes("remittance-2025-01-01-2025-01-31.pdf"))).toBe(true);
    const sv = to(a.users.creditorUser.email)[0]!.raw;
    expect(subjectOf(sv)).toBe("Redovisning för Creditor Mail AS, 2025-01-01–2025-01-31");

    const [s] = await db.query<{ payout_minor: number; invoice_minor: number }>("select payout_minor, invoice_minor from settlements where id = $1", [a.settlementId]);
    if (Number(s!.payout_minor) > 0) expect(textOf(en)).toContain("Paid out to you: NOK ");
    else expect(textOf(en)).toMatch(/You owe us: NOK |Nothing to pay out/);

    const rows = await db.query<{ kind: string; data: { settlementId: string } }>("select kind, data from notifications where kind = 'settlement'");
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.data.settlementId === a.settlementId)).toBe(true);

    expect(await announceSettlements(db, { today, mailer: inbox.mailer, agency, portalUrl })).toEqual({ notified: 0, sent: 0 });
    expect(inbox.received).toHaveLength(3);
  });

  it("is no news after a week: an older settlement is not sent", async () => {
    inbox.received = [];
    await t.ctx.database.query("delete from notification_log where kind = 'settlement'");
    await t.ctx.database.query("delete from notifications where kind = 'settlement'");
    expect(await announceSettlements(t.ctx.database, { today: LocalDate.parse("2025-02-09"), mailer: inbox.mailer, agency: agencyFromEnv(), portalUrl })).toEqual({ notified: 0, sent: 0 });
    expect(inbox.received).toHaveLength(0);
  });
});

describe("a failed sync", () => {
  let integrationId: string;
  let at = Date.parse("2025-02-03T05:30:00Z");
  const run = async (status: "ok" | "partial" | "failed", items: unknown[] = [], error: string | null = null) => {
    at += 86_400_000;
    const [r] = await t.ctx.database.query<{ id: string }>(
      `insert into sync_runs (creditor_id, integration_id, trigger, business_date, status, started_at, finished_at, items, error)
       values ($1, $2, 'daily', $3::timestamptz::date, $4, $3, $3, $5, $6) returning id`,
      [a.creditorId, integrationId, new Date(at).toISOString(), status, JSON.stringify(items), error],
    );
    return r!.id;
  };
  const authFailed = [{ step: "setup", ref: "step", outcome: "error", error: { code: "auth_failed", retryable: false, detail: "401 invalid_client: the client key was revoked" } }];

  beforeAll(async () => {
    const [i] = await t.ctx.database.query<{ id: string }>("insert into ledger_integrations (creditor_id, kind, credentials_ref) values ($1, 'poweroffice', 'test-key') returning id", [a.creditorId]);
    integrationId = i!.id;
  });

  it("is told once per failure streak, with the error in words; a run that works ends the streak", async () => {
    inbox.received = [];
    const db = t.ctx.database;
    await run("ok");
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 0, sent: 0 });

    const first = await run("failed", authFailed, "setup: auth_failed: 401 invalid_client: the client key was revoked");
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 3, sent: 3 });
    const nb = to(a.users.firmAdmin.email)[0]!.raw;
    expect(subjectOf(nb)).toBe("Synkroniseringen med regnskapet feilet for Creditor Mail AS");
    expect(textOf(nb)).toContain("synkroniseringen mellom Fordring og PowerOffice Go for Creditor Mail AS feilet 05.02.2025");
    expect(textOf(nb)).toContain("Regnskapssystemet avviste nøkkelen vår.");
    expect(textOf(nb)).toContain("Teknisk melding: 401 invalid_client: the client key was revoked");
    expect(textOf(to(a.users.accountant.email)[0]!.raw)).toContain("The ledger refused our key. The integration key may have been revoked or has expired");
    expect(textOf(to(a.users.creditorUser.email)[0]!.raw)).toContain("Ekonomisystemet avvisade vår nyckel.");
    const notes = await db.query<{ key: string; data: { codes: string[] } }>("select key, data from notifications where kind = 'sync-failed'");
    expect(notes.map((n) => n.key)).toEqual([first, first, first]);
    expect(notes[0]!.data.codes).toEqual(["auth_failed"]);

    // The same streak: a second failure sends nothing.
    await run("failed", [{ step: "setup", ref: "step", outcome: "error", error: { code: "unavailable", retryable: true, detail: "503" } }], "setup: unavailable: 503");
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 0, sent: 0 });
    expect(inbox.received).toHaveLength(3);

    // A run that works ends it; the next failure is a new streak, told again.
    await run("partial");
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 0, sent: 0 });
    await run("failed", [{ step: "setup", ref: "step", outcome: "error", error: { code: "unavailable", retryable: true, detail: "503 Service Unavailable" } }], "setup: unavailable: 503");
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 3, sent: 3 });
    expect(textOf(to(a.users.accountant.email)[1]!.raw)).toContain("The ledger did not answer or was down.");
  });

  it("a refusal by the SMTP server leaves the e-mail to the next run; the portal notification is kept", async () => {
    inbox.received = [];
    const db = t.ctx.database;
    await run("ok");
    const streak = await run("failed", [{ step: "invoices", ref: "step", outcome: "error", error: { code: "invalid", retryable: false, detail: "unexpected field" } }, { step: "payments", ref: "step", outcome: "error", error: { code: "invalid", retryable: false, detail: "x" } }], "…");
    inbox.refuse = true;
    await expect(announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).rejects.toThrow(/451/);
    inbox.refuse = false;
    expect(await db.query("select 1 from notification_log where key = $1", [streak])).toHaveLength(0);
    expect(await db.query("select 1 from notifications where key = $1", [streak])).toHaveLength(3);
    expect(await announceSyncFailures(db, { mailer: inbox.mailer, portalUrl })).toEqual({ notified: 0, sent: 3 });
    expect(inbox.received).toHaveLength(3);
  });
});
