import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { takeLegalStepOn } from "../../src/collection/legal/legal-steps.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { deliverQueuedLetters } from "../../src/delivery/deliver-letters.js";
import { paperChannel } from "../../src/delivery/paper/paper-channel.js";
import type { LetterChannel, OutgoingLetter } from "../../src/delivery/letter-channel.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * Plan letters and legal filings through the delivery step (docs/CASES.md): the plan's
 * confirmation and breach notice go to the debtor like any letter, with their own PDF; a filing
 * goes on paper only, as a print-batch item marked for the forliksråd or the namsmann.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fordring-docs-"));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** An e-mail channel that takes everything (the filing must never reach it). */
function recordingEmail(sent: OutgoingLetter[]): LetterChannel {
  return { name: "email", idempotent: false, reaches: async () => true, send: async (l) => (sent.push(l), { kind: "accepted", messageId: `m-${l.letterId}` }), status: async () => ({ kind: "unknown" }) };
}

describe("back-office documents through the delivery step", () => {
  it("a plan confirmation is sent while the plan holds, from the plan's own PDF; the breach notice after the plan breaks", async () => {
    const json = aScenario("2025-01-01", 120).invoice({ id: "F1" })
      .event({ on: "2025-02-20", type: "payment-plan", invoice: "F1", count: 3, first: "2025-03-01" })
      .event({ on: "2025-03-01", type: "missed-instalment", invoice: "F1", instalment: 1 })
      .build();
    await runScenario(json, rules, { agency, database: t.database });
    const letters = await t.database.query<{ id: string; kind: string; status: string; delivery_status: string; sent_on: string; pdf: Buffer }>("select id, kind, status, delivery_status, sent_on::text, pdf from letters where kind like 'payment-plan%' order by sent_on");
    expect(letters.map((l) => `${l.kind} ${l.status} ${l.delivery_status}`)).toEqual(["payment-plan rendered queued", "payment-plan-breach rendered queued"]);
    const docs = await t.database.query<{ kind: string; content: Buffer }>("select kind, content from case_documents where kind like 'payment-plan%' order by created_at");
    expect(letters[0]!.pdf.equals(docs[0]!.content)).toBe(true);
    expect(letters[1]!.pdf.equals(docs[1]!.content)).toBe(true);

    const counts = await deliverQueuedLetters({ database: t.database, channels: { paper: paperChannel({ dir }) }, today: LocalDate.parse("2025-04-30"), lettersRefused: [] }, 50);
    expect(counts.sent).toBeGreaterThanOrEqual(2);
    const after = await t.database.query<{ kind: string; delivery_status: string; channel: string; sent_on: string; pdf: Buffer }>("select kind, delivery_status, channel, sent_on::text, pdf from letters where kind like 'payment-plan%' order by sent_on");
    expect(after.map((l) => `${l.kind} ${l.delivery_status} ${l.channel}`)).toEqual(["payment-plan sent paper", "payment-plan-breach sent paper"]);
    // Not re-dated or re-rendered though it left late: the document is the letter.
    expect(after[0]!.sent_on).toBe(letters[0]!.sent_on);
    expect(after[0]!.pdf.equals(docs[0]!.content)).toBe(true);
    const batch = await paperChannel({ dir }).writeBatch(LocalDate.parse("2025-04-30"));
    const plan = batch!.letters.find((l) => l.kind === "payment-plan")!;
    expect(plan).toMatchObject({ forAuthority: false, recipient: expect.arrayContaining(["Kari Nordmann"]) });
    expect((await readFile(plan.file!)).equals(docs[0]!.content)).toBe(true);
  });

  it("a plan confirmation is not cancelled by the plan's own hold", async () => {
    const json = aScenario("2025-01-01", 60).invoice({ id: "F1" }).event({ on: "2025-02-20", type: "payment-plan", invoice: "F1", count: 3, first: "2025-03-01", autoPay: true }).build();
    await runScenario(json, rules, { agency, database: t.database });
    const [hold] = await t.database.query<{ hold_kind: string }>("select hold_kind from cases");
    expect(hold!.hold_kind).toBe("payment-plan");
    await deliverQueuedLetters({ database: t.database, channels: { paper: paperChannel({ dir }) }, today: LocalDate.parse("2025-03-01"), lettersRefused: [] }, 50);
    const [plan] = await t.database.query<{ delivery_status: string }>("select delivery_status from letters where kind = 'payment-plan'");
    expect(plan!.delivery_status).toBe("sent");
  });

  it("a filing goes on paper only, addressed to the forliksråd, marked for the authority in the print batch — never by e-mail", async () => {
    const json = aScenario("2025-01-01", 60).invoice({ id: "F1" }).event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" }).build();
    await runScenario(json, rules, { agency, database: t.database });
    const [c] = await t.database.query<{ id: string; debtor_id: string; creditor_id: string }>("select id, debtor_id, creditor_id from cases");
    // The debtor has an e-mail address the law would let other letters use.
    await t.database.query("insert into debtor_digital_addresses (creditor_id, debtor_id, kind, address, origin, used_on, debtors_own) values ($2, $1, 'email', 'kari@example.no', 'debtor', '2025-01-10', true)", [c!.debtor_id, c!.creditor_id]);
    const r = await takeLegalStepOn(t.database, { caseId: c!.id, step: "forliksklage", tvangsgrunnlag: null, today: LocalDate.parse("2025-03-01"), actor: "test", rules, agency });
    expect(r).toMatchObject({ ok: true, status: "filed" });
    const [filing] = await t.database.query<{ id: string; pdf: Buffer }>("select id, pdf from letters where kind = 'legal-filing'");
    const [doc] = await t.database.query<{ content: Buffer }>("select content from case_documents where kind like 'forliksklage:%'");
    expect(filing!.pdf.equals(doc!.content)).toBe(true);
    const emailed: OutgoingLetter[] = [];
    await deliverQueuedLetters({ database: t.database, channels: { paper: paperChannel({ dir }), email: recordingEmail(emailed) }, today: LocalDate.parse("2025-03-01"), lettersRefused: [] }, 50);
    expect(emailed.filter((l) => l.kind === "legal-filing")).toEqual([]);
    const [sent] = await t.database.query<{ delivery_status: string; channel: string }>("select delivery_status, channel from letters where kind = 'legal-filing'");
    expect(sent).toEqual({ delivery_status: "sent", channel: "paper" });
    const batch = await paperChannel({ dir }).writeBatch(LocalDate.parse("2025-03-01"));
    const item = batch!.letters.find((l) => l.kind === "legal-filing")!;
    expect(item.forAuthority).toBe(true);
    expect(item.recipient[0]).toMatch(/^Forliksrådet/);
    expect((await readFile(item.file!)).equals(doc!.content)).toBe(true);
  });
});
