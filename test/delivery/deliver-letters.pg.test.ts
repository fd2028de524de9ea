import { agencyFromEnv } from "../../src/collection/agency.js";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setDebtorNationalId } from "../../src/access/pii.js";
import { SecretBox } from "../../src/access/secret-box.js";
import { applyCaseAction } from "../../src/collection/actions/case-action.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { renderQueuedLetters } from "../../src/collection/letters/render-queued.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { deliverQueuedLetters, refreshLetterStatuses, type DeliveryDeps } from "../../src/delivery/deliver-letters.js";
import { digipostChannel } from "../../src/delivery/digipost/digipost-channel.js";
import { createDigipostSandbox, type DigipostSandbox } from "../../src/delivery/digipost/sandbox/server.js";
import { emailChannel } from "../../src/delivery/email/email-channel.js";
import { paperChannel } from "../../src/delivery/paper/paper-channel.js";
import { loadConfig } from "../../src/platform/config.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { listCases } from "../../src/read-models/cases.js";
import { aScenario } from "../support/scenario-builder.js";
import { databasePerTest } from "../support/test-database.js";

/**
 * The delivery step against the real channels on this machine: the Digipost sandbox over HTTP
 * (signed requests), an SMTP server speaking the protocol (smtp-server), and the print batch on
 * disk; the letters are the daily cycle's own, rendered, in a real PostgreSQL.
 */

const rules = loadRuleBook();
const t = databasePerTest();
const box = SecretBox.fromKey(randomBytes(32).toString("hex"));
const today = LocalDate.parse("2025-01-01");
const key = generateKeyPairSync("rsa", { modulusLength: 2048 });
const KARI_FNR = "01017010170";

interface Received {
  to: string[];
  raw: string;
}
let received: Received[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("bounce")) return callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        // Header lines folded by the sender are unfolded, so a header reads as one line.
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8").replace(/\r?\n[ \t]+/g, " ") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

let digipost: DigipostSandbox;
let printDir: string;
beforeEach(async () => {
  received = [];
  digipost = createDigipostSandbox({ senders: new Map([["9999", key.publicKey]]), recipients: [{ nationalId: KARI_FNR, name: "Kari Nordmann", addressline1: "Storgata 1", postalcode: "0155", city: "Oslo", hasMailbox: true }] });
  printDir = await mkdtemp(path.join(tmpdir(), "fordring-print-"));
});
afterEach(async () => {
  await digipost.close();
  await rm(printDir, { recursive: true, force: true });
});

async function channels() {
  const url = await digipost.listen(0);
  return {
    digipost: digipostChannel({ url, senderId: "9999", privateKey: key.privateKey }),
    email: emailChannel({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "Nordlys Inkasso <post@nordlys.example>" }),
    paper: paperChannel({ dir: printDir }),
  };
}

/** Cases for the given debtors, their collection notices queued and rendered; returns letter id by debtor name. */
async function lettersFor(debtors: { name: string; type?: "consumer" | "business" }[]): Promise<Map<string, string>> {
  const scenario = aScenario("2025-01-01", 1);
  debtors.forEach((d, i) => scenario.invoice({ id: `F${i + 1}`, name: d.name, ...(d.type ? { type: d.type } : {}) }));
  await runScenario(scenario.build(), rules, { agency: agencyFromEnv(), database: t.database });
  await renderQueuedLetters(t.database, 50);
  const rows = await t.database.query<{ id: string; name: string }>("select l.id, d.name from letters l join cases c on c.id = l.case_id join debtors d on d.id = c.debtor_id");
  expect(rows).toHaveLength(debtors.length);
  return new Map(rows.map((r) => [r.name, r.id]));
}
const debtorId = async (name: string) => (await t.database.query<{ id: string }>("select id from debtors where name = $1", [name]))[0]!.id;
async function emailFact(name: string, address: string, usedOn: string, own = true): Promise<void> {
  await t.database.query("insert into debtor_digital_addresses (creditor_id, debtor_id, kind, address, origin, used_on, debtors_own) select creditor_id, id, 'email', $2, 'debtor wrote to the creditor', $3, $4 from debtors where name = $1", [name, address, usedOn, own]);
}
const letter = async (id: string) =>
  (await t.database.query<{ delivery_status: string; channel: string | null; channel_message_id: string | null; delivery_reason: string | null; dispatched_on: string | null }>("select delivery_status, channel, channel_message_id, delivery_reason, dispatched_on from letters where id = $1", [id]))[0]!;
const historyOf = async (id: string) => (await t.database.query<{ status: string; channel: string | null }>("select status, channel from letter_status_history where letter_id = $1 order by id", [id])).map((h) => `${h.status}:${h.channel ?? "-"}`);
const deps = async (over: Partial<DeliveryDeps> = {}): Promise<DeliveryDeps> => ({ database: t.database, channels: await channels(), today, box, retryBaseSeconds: 0, lettersRefused: [], ...over });

describe("the delivery step chooses a lawful channel and records what happened", () => {
  it("Digipost for a mailbox, e-mail to a consumer's own recent address or a business's, paper otherwise — one print batch for the day", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }, { name: "Per Hansen" }, { name: "Lise Berg" }, { name: "Firma AS", type: "business" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    await emailFact("Per Hansen", "per@example.no", "2024-11-02");
    await emailFact("Lise Berg", "lise@example.no", "2023-01-01"); // too long ago
    await t.database.query("update debtors set email = 'lise.jobb@example.no' where name = 'Lise Berg'"); // the ledger's: not lawful for a consumer
    await t.database.query("update debtors set email = 'faktura@firma.example' where name = 'Firma AS'");
    const d = await deps();

    expect(await deliverQueuedLetters(d, 50)).toEqual({ sent: 4, failed: 0, cancelled: 0, waiting: 0, inDoubt: 0 });

    const kari = await letter(ids.get("Kari Nordmann")!);
    expect(kari).toMatchObject({ delivery_status: "sent", channel: "digipost", channel_message_id: `fordring-letter-${ids.get("Kari Nordmann")}`, dispatched_on: "2025-01-01" });
    expect(kari.delivery_reason).toContain("Digipost mailbox");
    expect(digipost.messages[0]!.subject).toMatch(/^\[INKASSO\] Inkassovarsel /);

    expect(await letter(ids.get("Per Hansen")!)).toMatchObject({ channel: "email", delivery_reason: expect.stringContaining("per@example.no, used by the debtor on 2024-11-02") });
    expect(await letter(ids.get("Firma AS")!)).toMatchObject({ channel: "email", delivery_reason: expect.stringContaining("faktura@firma.example") });
    const lise = await letter(ids.get("Lise Berg")!);
    expect(lise.channel).toBe("paper");
    expect(lise.delivery_reason).toContain("more than 365 days ago");

    // The e-mails went over SMTP with the PDF attached and a Message-ID derived from the letter id.
    expect(received.map((r) => r.to[0]).sort()).toEqual(["faktura@firma.example", "per@example.no"]);
    const per = received.find((r) => r.to[0] === "per@example.no")!;
    expect(per.raw).toContain(`Message-ID: <fordring-letter-${ids.get("Per Hansen")}@nordlys.example>`);
    expect(per.raw).toMatch(/Content-Type: application\/pdf; name=.*\.pdf/);
    expect(per.raw).toContain("JVBERi0"); // base64 of "%PDF-"

    // The print batch: one PDF and a manifest for the day.
    const batch = await (d.channels.paper as ReturnType<typeof paperChannel>).writeBatch(today);
    expect(batch!.letters).toHaveLength(1);
    const manifest = JSON.parse(await readFile(batch!.manifestFile, "utf8")) as { date: string; letters: number; entries: { letterId: string; caseNumber: string; pages: number; recipient: string[]; postageClass: string }[] };
    expect(manifest).toMatchObject({ date: "2025-01-01", letters: 1, entries: [{ letterId: ids.get("Lise Berg"), caseNumber: expect.stringMatching(/^SCN-/), postageClass: "B-domestic", recipient: ["Lise Berg", "Storgata 1", "0155 Oslo"] }] });
    expect(manifest.entries[0]!.pages).toBeGreaterThanOrEqual(1);
    expect((await readFile(batch!.pdfFile)).subarray(0, 5).toString()).toBe("%PDF-");

    expect(await historyOf(ids.get("Kari Nordmann")!)).toEqual(["sent:digipost"]);
    // Nothing left to deliver: a second run sends nothing.
    expect(await deliverQueuedLetters(d, 50)).toEqual({ sent: 0, failed: 0, cancelled: 0, waiting: 0, inDoubt: 0 });
    expect(digipost.deliveries).toBe(1);
    expect(received).toHaveLength(2);
  });

  it("while the agency's identity is incomplete (outside the demo) no letter leaves, and the step says why", async () => {
    const ids = await lettersFor([{ name: "Lise Berg" }]);
    const refused = loadConfig({ FORDRING_DEMO: "off", FORDRING_AGENCY_NAME: "Nord Inkasso AS" }).lettersRefused;
    const d = await deps({ lettersRefused: refused });
    await expect(deliverQueuedLetters(d, 50)).rejects.toThrow(/no letter is sent:\n {2}- letters are not sent until the agency's identity is complete: FORDRING_AGENCY_ORGNR: not set/);
    expect(await letter(ids.get("Lise Berg")!)).toMatchObject({ delivery_status: "queued", channel: null });
    expect(await t.database.query("select 1 from letter_delivery_attempts")).toHaveLength(0);
    expect(await deliverQueuedLetters({ ...d, lettersRefused: [] }, 50)).toMatchObject({ sent: 1 });
  });

  it("an e-mail refused with a 5xx fails on e-mail and goes on paper", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }]);
    await emailFact("Per Hansen", "bounce@example.no", "2024-12-01");
    expect(await deliverQueuedLetters(await deps(), 50)).toMatchObject({ sent: 1 });
    const per = await letter(ids.get("Per Hansen")!);
    expect(per).toMatchObject({ delivery_status: "sent", channel: "paper" });
    expect(await historyOf(ids.get("Per Hansen")!)).toEqual(["failed:email", "sent:paper"]);
    const [attempt] = await t.database.query<{ detail: string; permanent: boolean }>("select detail, permanent from letter_delivery_attempts where channel = 'email'");
    expect(attempt).toMatchObject({ permanent: true, detail: expect.stringContaining("550") });
    expect(received).toHaveLength(0);
  });

  it("a letter whose case was paid, withdrawn or paused since it was queued is not sent", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }, { name: "Lise Berg" }, { name: "Kari Nordmann" }]);
    await t.database.query("update cases set closed_on = '2025-01-01', close_reason = 'paid' where debtor_id = (select id from debtors where name = 'Per Hansen')");
    await t.database.query("update cases set hold_kind = 'paused', hold_reason = 'the debtor called' where debtor_id = (select id from debtors where name = 'Lise Berg')");
    expect(await deliverQueuedLetters(await deps(), 50)).toMatchObject({ sent: 1, cancelled: 2 });
    expect(await letter(ids.get("Per Hansen")!)).toMatchObject({ delivery_status: "cancelled", channel: null, delivery_reason: "not sent: the case was closed (paid) on 2025-01-01" });
    expect(await letter(ids.get("Lise Berg")!)).toMatchObject({ delivery_status: "cancelled", delivery_reason: "not sent: the case is paused (the debtor called)" });
    // The same reasons in Norwegian for the case page (a person's reason for the pause quoted as written).
    const texts = async (id: string) => (await t.database.query<{ t: unknown }>("select delivery_reason_text as t from letters where id = $1", [id]))[0]!.t;
    expect(await texts(ids.get("Per Hansen")!)).toEqual({ nb: "ikke sendt: saken ble avsluttet (betalt) 01.01.2025", en: "not sent: the case was closed (paid) on 2025-01-01" });
    expect(await texts(ids.get("Lise Berg")!)).toEqual({ nb: "ikke sendt: saken er satt på pause (the debtor called)", en: "not sent: the case is paused (the debtor called)" });
    // Kari is found in Digipost by name and address.
    expect(await letter(ids.get("Kari Nordmann")!)).toMatchObject({ delivery_status: "sent", channel: "digipost" });
  });

  it("a debtor no channel can reach: the letter fails with the reason 'no address' in words", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }]);
    expect(await deliverQueuedLetters(await deps({ channels: {} }), 50)).toMatchObject({ failed: 1 });
    expect((await letter(ids.get("Per Hansen")!)).delivery_reason).toBe("no address: no channel can reach the debtor (Digipost is not configured; no e-mail address recorded; paper is not configured)");
  });

  it("a debtor no channel can reach: the case holds with the reason in words, and the portal's list of cases without an address shows it", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }, { name: "Lise Berg" }]);
    await t.database.query("update debtors set address = jsonb_set(jsonb_set(address, '{line1}', '\"\"'), '{postcode}', '\"\"') where name = 'Per Hansen'");
    await t.database.query("update letters set model = jsonb_set(jsonb_set(model, '{debtor,address,line1}', '\"\"'), '{debtor,address,postcode}', '\"\"') where id = $1", [ids.get("Per Hansen")]);
    const d = await deps({ channels: { paper: paperChannel({ dir: printDir }) } });
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ sent: 1, failed: 1 });
    const [held] = await t.database.query<{ id: string; hold_kind: string; hold_reason: string; next_action_on: string | null }>("select c.id, hold_kind, hold_reason, next_action_on from cases c join debtors d on d.id = c.debtor_id where d.name = 'Per Hansen'");
    expect(held).toMatchObject({ hold_kind: "paused", next_action_on: null, hold_reason: "no address: no channel can reach the debtor (Digipost is not configured; no e-mail address recorded; the debtor has no postal address); the collection notice was not sent" });
    const listed = await listCases(t.database, { creditorId: (await t.database.query<{ id: string }>("select id from creditors"))[0]!.id }, { state: "no-address", limit: 10 });
    expect(listed.map((c) => c.debtor_name)).toEqual(["Per Hansen"]);
    // The timeline: the hold for Per, the channel and its reason for Lise.
    const events = await t.database.query<{ name: string; type: string; reason: string }>("select d.name, e.type, e.reason from case_events e join cases c on c.id = e.case_id join debtors d on d.id = c.debtor_id where e.actor = 'delivery' order by d.name");
    expect(events).toEqual([
      { name: "Lise Berg", type: "letter-sent", reason: "by paper (print batch): no lawful electronic channel: on paper; Digipost is not configured; no e-mail address recorded" },
      { name: "Per Hansen", type: "pause", reason: held!.hold_reason },
    ]);
  });
});

describe("reliability", () => {
  it("a crash after Digipost accepted and before our record: the rerun does not send it twice", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    const d = await deps();
    await expect(deliverQueuedLetters({ ...d, afterAccept: () => Promise.reject(new Error("killed")) }, 50)).rejects.toThrow("killed");
    expect(digipost.deliveries).toBe(1);
    expect((await letter(ids.get("Kari Nordmann")!)).delivery_status).toBe("queued");

    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ sent: 1 });
    expect(digipost.deliveries).toBe(1);
    expect(await letter(ids.get("Kari Nordmann")!)).toMatchObject({ delivery_status: "sent", channel: "digipost" });
    const attempts = await t.database.query<{ outcome: string }>("select outcome from letter_delivery_attempts");
    expect(attempts.map((a) => a.outcome)).toEqual(["accepted"]);
  });

  it("a crash after the SMTP server accepted: the e-mail is not sent again, the letter is in doubt for a person to check", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }]);
    await emailFact("Per Hansen", "per@example.no", "2024-12-01");
    const d = await deps();
    await expect(deliverQueuedLetters({ ...d, afterAccept: () => Promise.reject(new Error("killed")) }, 50)).rejects.toThrow("killed");
    expect(received).toHaveLength(1);
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ inDoubt: 1 });
    expect(received).toHaveLength(1);
    expect(await letter(ids.get("Per Hansen")!)).toMatchObject({ delivery_status: "in-doubt", channel: "email", delivery_reason: expect.stringContaining("not sent again automatically") });
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ sent: 0, inDoubt: 0 });
  });

  it("Digipost down: the letter waits (nothing lost, no fallback to paper), and goes when it is back; the dispatch date is the real one", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    const d = await deps();
    digipost.injectFault("503", 2);
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ waiting: 1 });
    expect(await deliverQueuedLetters({ ...d, retryBaseSeconds: 3600 }, 50)).toMatchObject({ waiting: 0, sent: 0 }); // backing off
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ waiting: 1 });
    expect((await letter(ids.get("Kari Nordmann")!)).delivery_status).toBe("queued");
    const nextDay = LocalDate.parse("2025-01-02");
    expect(await deliverQueuedLetters({ ...d, today: nextDay }, 50)).toMatchObject({ sent: 1 });
    expect(await letter(ids.get("Kari Nordmann")!)).toMatchObject({ channel: "digipost", dispatched_on: "2025-01-02" });
  });

  it("the status read back from Digipost: delivered, then read", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    const d = await deps();
    await deliverQueuedLetters(d, 50);
    const id = ids.get("Kari Nordmann")!;
    await refreshLetterStatuses(d);
    expect((await letter(id)).delivery_status).toBe("delivered");
    digipost.open(id);
    await refreshLetterStatuses(d);
    expect((await letter(id)).delivery_status).toBe("read");
    expect(await historyOf(id)).toEqual(["sent:digipost", "delivered:digipost", "read:digipost"]);
  });

  it("a channel reporting failure after it accepted sends the letter on to the next channel", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    const d = await deps();
    await deliverQueuedLetters(d, 50);
    const id = ids.get("Kari Nordmann")!;
    digipost.failPrint(id); // the sandbox now reports the document NOT_DELIVERED
    expect(await refreshLetterStatuses(d)).toEqual({ changed: 1 });
    expect((await letter(id)).delivery_status).toBe("queued");
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ sent: 1 });
    expect(await letter(id)).toMatchObject({ delivery_status: "sent", channel: "paper" });
    expect(await historyOf(id)).toEqual(["sent:digipost", "failed:digipost", "sent:paper"]);
    expect(digipost.deliveries).toBe(1);
  });
});

describe("the deadline runs from the day a letter actually leaves", () => {
  const caseOf = async (name: string) =>
    (await t.database.query<{ id: string; notice_deadline: string; next_action_on: string; balance_minor: string; version: number }>("select c.id, c.notice_deadline, c.next_action_on, c.balance_minor, c.version from cases c join debtors d on d.id = c.debtor_id where d.name = $1", [name]))[0]!;

  it("a notice that could not leave on the day it was written leaves two days later with its deadline, and the case's, moved by two days", async () => {
    const ids = await lettersFor([{ name: "Kari Nordmann" }]);
    await setDebtorNationalId(t.database, box, await debtorId("Kari Nordmann"), KARI_FNR);
    const before = await caseOf("Kari Nordmann");
    expect(before).toMatchObject({ notice_deadline: "2025-01-15", next_action_on: "2025-01-16" });
    const d = await deps();
    digipost.injectFault("503", 1);
    expect(await deliverQueuedLetters(d, 50)).toMatchObject({ waiting: 1 });
    // The letter waited: on the first of January nothing moved.
    expect((await caseOf("Kari Nordmann")).notice_deadline).toBe("2025-01-15");

    const leavesOn = LocalDate.parse("2025-01-03");
    expect(await deliverQueuedLetters({ ...d, today: leavesOn }, 50)).toMatchObject({ sent: 1 });
    const id = ids.get("Kari Nordmann")!;
    const row = (await t.database.query<{ deadline: string; dispatched_on: string; model: { sentOn: string; deadline: string } }>("select deadline, dispatched_on, model from letters where id = $1", [id]))[0]!;
    expect(row).toMatchObject({ deadline: "2025-01-17", dispatched_on: "2025-01-03", model: { sentOn: "2025-01-03", deadline: "2025-01-17" } });
    expect(await caseOf("Kari Nordmann")).toMatchObject({ notice_deadline: "2025-01-17", next_action_on: "2025-01-18", version: before.version + 1 });
    // What Digipost got is the re-dated letter: its due date and the PDF's deadline.
    expect(digipost.messages[0]!.invoice?.dueDate).toBe("2025-01-17");
    expect((await readPdf(digipost.messages[0]!.pdf)).text).toContain("17.01.2025");
    const [event] = await t.database.query<{ type: string; on: string; reason: string }>("select type, \"on\", reason from case_events where case_id = $1 and type = 'letter-deadline-moved'", [before.id]);
    expect(event).toMatchObject({ on: "2025-01-03", reason: "the collection notice leaves on 2025-01-03, not on 2025-01-01 as written: its deadline runs from sending, so it moves from 2025-01-15 to 2025-01-17" });
  });

  it("a letter sent on the day it was written keeps its deadline and the case is not touched", async () => {
    await lettersFor([{ name: "Lise Berg" }]);
    const before = await caseOf("Lise Berg");
    expect(await deliverQueuedLetters(await deps(), 50)).toMatchObject({ sent: 1 });
    expect(await caseOf("Lise Berg")).toMatchObject({ notice_deadline: "2025-01-15", version: before.version });
    expect(await t.database.query("select 1 from case_events where type = 'letter-deadline-moved'")).toHaveLength(0);
  });

  it("letters of cases paid in full, withdrawn or paused through the case's own actions since they were queued are cancelled with the reason", async () => {
    const ids = await lettersFor([{ name: "Per Hansen" }, { name: "Lise Berg" }, { name: "Ola Berg" }, { name: "Kari Nordmann" }]);
    const on = LocalDate.parse("2025-01-02");
    const per = await caseOf("Per Hansen");
    const paid = await t.database.transaction((tx) => recordPayment(tx, { agency: agencyFromEnv({}), caseId: per.id, amountMinor: Number(per.balance_minor) + 100_00, receivedOn: on, channel: "agency", source: "test", externalRef: "paid-1", today: on, actor: "test", rules }));
    expect(paid).toMatchObject({ recorded: true, stage: "closed" });
    const act = async (name: string, event: Parameters<typeof applyCaseAction>[1]["event"]) => {
      const caseId = (await caseOf(name)).id;
      expect(await t.database.transaction((tx) => applyCaseAction(tx, { caseId, event, today: on, actor: "test", rules, agency: agencyFromEnv({}) }))).toMatchObject({ ok: true });
    };
    await act("Lise Berg", { type: "withdraw" });
    await act("Ola Berg", { type: "pause", reason: "the debtor called" });

    expect(await deliverQueuedLetters({ ...(await deps()), today: on }, 50)).toMatchObject({ sent: 1, cancelled: 3 });
    const reasons = await Promise.all(["Per Hansen", "Lise Berg", "Ola Berg"].map(async (n) => letter(ids.get(n)!)));
    expect(reasons.map((r) => [r.delivery_status, r.channel, r.delivery_reason])).toEqual([
      ["cancelled", null, expect.stringMatching(/^not sent: the case was closed \(paid[a-z-]*\) on 2025-01-02$/)],
      ["cancelled", null, expect.stringMatching(/^not sent: the case was closed \(withdrawn\) on 2025-01-02$/)],
      ["cancelled", null, "not sent: the case is paused (the debtor called)"],
    ]);
    expect(await historyOf(ids.get("Lise Berg")!)).toEqual(["cancelled:-"]);
    // A cancelled letter stays cancelled: a later run sends nothing.
    expect(await deliverQueuedLetters({ ...(await deps()), today: on }, 50)).toMatchObject({ sent: 0, cancelled: 0 });
    expect(received).toHaveLength(0);
    expect(digipost.deliveries).toBe(1);
  });
});

describe("no internal ids on letters", () => {
  it("the creditor's customer number and a short letter number, never the letter's or the debtor's internal id", async () => {
    const built = aScenario("2025-01-01", 1).invoice({ id: "F1", name: "Per Hansen" }).build();
    (built.invoices[0] as { debtor: Record<string, unknown> }).debtor.id = "10077";
    await runScenario(built, rules, { agency: agencyFromEnv(), database: t.database });
    await renderQueuedLetters(t.database, 50);
    const [row] = await t.database.query<{ id: string; number: string; pdf: Buffer; debtor_id: string }>("select l.id, l.number, l.pdf, c.debtor_id from letters l join cases c on c.id = l.case_id");
    const text = (await readPdf(row!.pdf)).text;
    expect(row!.number).toMatch(/^\d{6}$/);
    expect(text).toContain(`Brevnummer ${row!.number} Kundenummer 10077`);
    expect(text).not.toContain(row!.id);
    expect(text).not.toContain(row!.debtor_id);
  });
});
