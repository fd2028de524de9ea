import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import type { Database } from "../../src/platform/db/database.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { setCreditorBankAccount } from "../../src/settlement/creditor-bank-account.js";
import { validatePain001 } from "../../src/settlement/pain001.js";
import { runSettlement } from "../../src/settlement/run-settlement.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

/**
 * The bank's answer to a payout file, read back: a real bank's pain.002 files
 * (test/fixtures/pain002, README there) with their original message and end-to-end ids replaced
 * by our payout's, imported through the API and the CLI; the status and reason are stored per
 * payout, a rejected payout is listed and can be re-issued (once, with new ids), and nothing is
 * applied twice.
 */
const rules = loadRuleBook();
const day = (s: string) => LocalDate.parse(s);
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pain002", name), "utf8");

/** A real report, answering our payout file `messageId` (and its payment `endToEndId`), under the bank message id `reportId`. */
function answer(name: string, ids: { messageId: string; endToEndId: string; reportId: string }): string {
  const replace: Record<string, [string, string, string, string]> = {
    // [original message id, its batch id, the payment's end-to-end id, the report's own id]
    "partially-accepted.xml": ["MsgId_110610", "20140102-123456-01", "TEST PMT", "1540378"],
    "rejected-transaction.xml": ["1547478597597", "1547478597597-G-1", "1547478597597-G-1-P-1", "Y0012019011417104982"],
    "technically-accepted.xml": ["20110102-0000001", "-", "-", "1539869"],
  };
  const [msg, batch, e2e, report] = replace[name]!;
  return fixture(name)
    .replaceAll(`>${msg}<`, `>${ids.messageId}<`)
    .replaceAll(`>${batch}<`, `>${ids.messageId}<`)
    .replaceAll(`>${e2e}<`, `>${ids.endToEndId}<`)
    .replaceAll(`>${report}<`, `>${ids.reportId}<`);
}

async function settledPayout(db: Database): Promise<{ creditorId: string; settlementId: string }> {
  const [creditorId] = (await seedPortfolio(db, { creditors: 1, casesPerCreditor: 1, openedOn: "2025-03-03" })) as [string];
  await runCycleDay(db, creditorId, day("2025-03-03"), { agency: agencyFromEnv(), rules });
  const [c] = await db.query<{ id: string }>("select id from cases where creditor_id = $1", [creditorId]);
  await db.transaction((tx) => recordPayment(tx, { agency: agencyFromEnv(), caseId: c!.id, amountMinor: 400_00, receivedOn: day("2025-03-10"), channel: "agency", source: "test", externalRef: "p1", today: day("2025-03-10"), actor: "test", rules }));
  const run = await runSettlement(db, { creditorId, from: day("2025-03-01"), to: day("2025-03-31"), settledOn: day("2025-04-01") });
  await setCreditorBankAccount(db, creditorId, { account: "1234.56.78903" });
  return { creditorId, settlementId: run.settlementId };
}

describe("pain.002 through the API", () => {
  let t: TestApp;
  let settlementId: string;
  beforeAll(async () => {
    t = await createTestApp({ today: "2025-04-02" });
    ({ settlementId } = await settledPayout(t.ctx.database));
  }, 120_000);
  afterAll(async () => t?.close());

  const xmlPost = (url: string, payload: string) => t.inject({ method: "POST", url, payload, headers: { "content-type": "application/xml" } });

  it("stores a rejection with its reason from a partially accepted report, lists the rejected payout, re-issues it once with new ids, and reads the answers to the new file", async () => {
    const file = await t.inject({ method: "GET", url: `/v1/settlements/${settlementId}/payout-file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("application/xml");
    const compact = settlementId.replace(/-/g, "");
    expect(file.body).toContain(`<MsgId>S${compact}</MsgId>`);
    await validatePain001(file.body, "pain.001.001.03");
    // Asked again: the same payment, not a second one.
    const again = await t.inject({ method: "GET", url: `/v1/settlements/${settlementId}/payout-file` });
    expect(again.body).toContain(`<MsgId>S${compact}</MsgId>`);
    expect((await t.inject({ method: "GET", url: "/v1/payouts" })).json().items).toMatchObject([{ settlementId, attempt: 1, status: "issued", account: "12345678903" }]);

    // Nothing to re-issue while the bank has not rejected it.
    const early = await t.inject({ method: "POST", url: `/v1/settlements/${settlementId}/payout-file/reissue` });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/issued, not rejected/);

    const report = answer("partially-accepted.xml", { messageId: `S${compact}`, endToEndId: compact, reportId: "BANK-1" });
    const imported = await xmlPost("/v1/payout-status-reports", report);
    expect(imported.statusCode).toBe(200);
    const body = imported.json();
    expect(body).toMatchObject({ messageId: "BANK-1", originalMessageId: `S${compact}`, groupStatus: "PART" });
    expect(body.applied).toEqual([{ settlementId, creditorCode: "C001", attempt: 1, messageId: `S${compact}`, endToEndId: compact, status: "rejected", code: "RJCT", reason: "NARR see the bank's text: Viite virheellinen" }]);
    // The bank's other batches are not ours: listed, not dropped.
    expect(body.unmatched.map((u: { paymentInformationId: string; code: string }) => [u.paymentInformationId, u.code])).toEqual([
      ["20140102-123456-02", "RJCT"],
      ["20140102-123456-03", "ACCP"],
      ["20140102-123456-04", "ACCP"],
    ]);

    // The same report again: refused, nothing applied twice.
    const twice = await xmlPost("/v1/payout-status-reports", report);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/already imported on \d{4}-\d{2}-\d{2}/);

    const rejected = (await t.inject({ method: "GET", url: "/v1/payouts?status=rejected" })).json().items;
    expect(rejected).toMatchObject([{ settlementId, status: "rejected", statusCode: "RJCT", reason: "NARR see the bank's text: Viite virheellinen" }]);
    const audit = await t.ctx.database.query<{ action: string; target: string }>("select action, target from audit_log where action like 'payout.%' order by id");
    expect(audit).toEqual([{ action: "payout.rejected", target: settlementId }]);

    // The creditor's account is corrected; the re-issue pays to it under new ids.
    await setCreditorBankAccount(t.ctx.database, (await t.ctx.database.query<{ creditor_id: string }>("select creditor_id from settlements where id = $1", [settlementId]))[0]!.creditor_id, { iban: "NO93 8601 1117 947", bic: "DNBANOKK" });
    const reissued = await t.inject({ method: "POST", url: `/v1/settlements/${settlementId}/payout-file/reissue?pain=09` });
    expect(reissued.statusCode).toBe(200);
    expect(reissued.body).toContain(`<MsgId>S${compact}R2</MsgId>`);
    expect(reissued.body).toContain(`<EndToEndId>${compact}R2</EndToEndId>`);
    expect(reissued.body).toContain("<IBAN>NO9386011117947</IBAN>");
    await validatePain001(reissued.body, "pain.001.001.09");
    expect((await t.inject({ method: "POST", url: `/v1/settlements/${settlementId}/payout-file/reissue` })).statusCode).toBe(409);
    expect((await t.inject({ method: "GET", url: "/v1/payouts?status=rejected" })).json().items).toEqual([]);

    // The bank's answers to the new file: received, then rejected (AM01), then a late "received" that does not undo it.
    const received = await xmlPost("/v1/payout-status-reports", answer("technically-accepted.xml", { messageId: `S${compact}R2`, endToEndId: `${compact}R2`, reportId: "BANK-2" }));
    expect(received.json().applied).toMatchObject([{ attempt: 2, status: "received", code: "ACTC" }]);
    const refused = await xmlPost("/v1/payout-status-reports", answer("rejected-transaction.xml", { messageId: `S${compact}R2`, endToEndId: `${compact}R2`, reportId: "BANK-3" }));
    expect(refused.json().applied).toMatchObject([{ attempt: 2, status: "rejected", code: "RJCT", reason: "AM01 zero amount: Nolla-summa tilisiirrossa." }]);
    const late = await xmlPost("/v1/payout-status-reports", answer("technically-accepted.xml", { messageId: `S${compact}R2`, endToEndId: `${compact}R2`, reportId: "BANK-4" }));
    expect(late.json().applied).toMatchObject([{ status: "received", kept: true }]);
    expect((await t.inject({ method: "GET", url: "/v1/payouts?status=rejected" })).json().items).toMatchObject([{ settlementId, attempt: 2, reason: "AM01 zero amount: Nolla-summa tilisiirrossa." }]);
  }, 60_000);

  it("refuses a report for a file Fordring did not write, and what is not a pain.002, storing nothing", async () => {
    const foreign = await xmlPost("/v1/payout-status-reports", fixture("partially-accepted.xml"));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({ code: "unknown_payout_file", detail: expect.stringContaining("MsgId_110610") });
    const notOne = await xmlPost("/v1/payout-status-reports", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\"/>");
    expect(notOne.statusCode).toBe(400);
    const [n] = await t.ctx.database.query<{ n: number }>("select count(*)::int as n from payout_status_reports where message_id = '1540378'");
    expect(n!.n).toBe(0);
  });
});

describe("pain.002 through the CLI", () => {
  let c: CliDatabase;
  let settlementId: string;
  beforeAll(async () => {
    c = await cliDatabase("fordring-payout-status", { FORDRING_TODAY: "2025-04-02" });
    ({ settlementId } = await c.withDb((db) => settledPayout(db)));
  }, 120_000);
  afterAll(async () => c?.drop());

  it("writes the payout file, imports the bank's rejection, lists it and re-issues it", async () => {
    const out = path.join(c.dir, "payout.xml");
    const written = await c.run("payouts", "file", settlementId, "--out", out, "--json");
    expect(written.stderr).toBe("");
    expect(written.json()).toMatchObject({ attempt: 1, messageId: `S${settlementId.replace(/-/g, "")}` });
    const compact = settlementId.replace(/-/g, "");
    const report = path.join(c.dir, "pain002.xml");
    fs.writeFileSync(report, answer("rejected-transaction.xml", { messageId: `S${compact}`, endToEndId: compact, reportId: "CLI-1" }));
    const imported = await c.run("payouts", "import", report);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("rejected — AM01 zero amount: Nolla-summa tilisiirrossa.");
    expect(imported.stdout).toContain("fordring payouts reissue");
    const again = await c.run("payouts", "import", report);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already imported");

    const listed = await c.run("payouts", "list", "--status", "rejected", "--json");
    expect(listed.json<{ settlementId: string; status: string }[]>()).toMatchObject([{ settlementId, status: "rejected" }]);
    const reissued = await c.run("payouts", "reissue", settlementId, "--out", path.join(c.dir, "again.xml"), "--json");
    expect(reissued.stderr).toBe("");
    expect(reissued.json()).toMatchObject({ attempt: 2, messageId: `S${compact}R2` });
    expect(fs.readFileSync(path.join(c.dir, "again.xml"), "utf8")).toContain(`<MsgId>S${compact}R2</MsgId>`);
    expect((await c.run("payouts", "reissue", settlementId, "--out", path.join(c.dir, "third.xml"))).code).not.toBe(0);
  }, 120_000);
});
