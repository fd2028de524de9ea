import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { renderQueuedLetters } from "../../src/collection/letters/render-queued.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { deliverQueuedLetters } from "../../src/delivery/deliver-letters.js";
import { paperChannel } from "../../src/delivery/paper/paper-channel.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Letters fit for debtors, over the API on a real PostgreSQL: a short letter number and no
 * internal id on the letter, the letter's channel and status on the case page, and a copy sent
 * again by the case handler.
 */
let t: TestApp;
let a: Tenant;
let s: Record<string, string>;
let printDir: string;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Brev", "974760673");
  s = await login(t, a.users.firmAdmin);
  printDir = await mkdtemp(path.join(tmpdir(), "fordring-print-"));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(printDir, { recursive: true, force: true });
});

const casePage = async () => (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
const deliver = () => deliverQueuedLetters({ database: t.ctx.database, channels: { paper: paperChannel({ dir: printDir }) }, today: LocalDate.parse("2025-01-02"), lettersRefused: [] }, 50);

describe("letters fit for debtors", () => {
  it("a short letter number on the letter and no internal id; the case page shows each letter's number, channel and status", async () => {
    await renderQueuedLetters(t.ctx.database, 50);
    let page = await casePage();
    expect(page.letters).toHaveLength(1);
    const [notice] = page.letters;
    expect(notice).toMatchObject({ letterId: a.letterId, kind: "collection-notice", number: expect.stringMatching(/^\d{6,}$/), copyOf: null, delivery: { status: "queued", channel: null, reason: null, dispatchedOn: null } });
    const pdf = await readPdf((await t.app.inject({ method: "GET", url: `/v1/letters/${a.letterId}/pdf`, headers: s })).rawPayload);
    expect(pdf.text).toContain(`Brevnummer ${notice.number}`);
    expect(pdf.text).not.toContain(a.letterId);
    expect(pdf.text).not.toContain("Kundenummer"); // this debtor came without the creditor's customer number: none is invented

    expect(await deliver()).toMatchObject({ sent: 1 });
    page = await casePage();
    expect(page.letters[0].delivery).toMatchObject({ status: "sent", channel: "paper", dispatchedOn: "2025-01-02", reason: expect.stringMatching(/^ingen lovlig elektronisk kanal: på papir/) });
    const [letter] = await t.ctx.database.query<{ delivery_reason: string }>("select delivery_reason from letters where id = $1", [page.letters[0].letterId]);
    expect(letter!.delivery_reason).toMatch(/^no lawful electronic channel: on paper/);
    // The reason in the reader's language, as the step's text (the row keeps the English).
    expect(page.timeline.find((e: { type: string }) => e.type === "letter-sent")).toMatchObject({ text: "Brev sendt", reason: expect.stringMatching(/^på papir \(utskriftsbunke\): ingen lovlig elektronisk kanal/) });
    const [row] = await t.ctx.database.query<{ reason: string }>("select reason from case_events where type = 'letter-sent' order by id desc limit 1");
    expect(row!.reason).toMatch(/^by paper \(print batch\): no lawful electronic channel/);
  });

  it("the case handler sends a copy again: the same PDF and deadline, its channel chosen anew, on the timeline; the case's deadline stays", async () => {
    const before = await casePage();
    const copy = await t.app.inject({ method: "POST", url: `/v1/letters/${a.letterId}/copy`, headers: s, payload: { reason: "the debtor lost the letter" } });
    expect(copy.statusCode).toBe(201);
    const { letterId } = copy.json();
    expect(copy.json()).toMatchObject({ copyOf: a.letterId, caseNumber: a.caseNumber });
    const page = await casePage();
    const queued = page.letters.find((l: { letterId: string }) => l.letterId === letterId);
    expect(queued).toMatchObject({ copyOf: a.letterId, deadline: before.letters[0].deadline, number: null, delivery: { status: "queued" } });
    expect(page.timeline.at(-1)).toMatchObject({ type: "letter-copy-sent", text: "Kopi av brev sendt", reason: expect.stringMatching(/^a copy of letter \d+ \(collection notice\), deadline \d{4}-\d{2}-\d{2} as on the original: the debtor lost the letter$/) });
    const [pdfs] = await t.ctx.database.query<{ same: boolean }>("select (select pdf from letters where id = $1) = (select pdf from letters where id = $2) as same", [letterId, a.letterId]);
    expect(pdfs!.same).toBe(true);

    // Delivered later than it was asked for, a copy still carries the original's deadline.
    expect(await deliverQueuedLetters({ database: t.ctx.database, channels: { paper: paperChannel({ dir: printDir }) }, today: LocalDate.parse("2025-02-05"), lettersRefused: [] }, 50)).toMatchObject({ sent: 1 });
    const after = await casePage();
    expect(after.letters.find((l: { letterId: string }) => l.letterId === letterId)).toMatchObject({ deadline: before.letters[0].deadline, delivery: { status: "sent", channel: "paper", dispatchedOn: "2025-02-05" } });
    expect(after.case.nextActionOn).toBe(before.case.nextActionOn);
  });

  it("a letter not yet sent, or an unknown one, is not copied, and says why", async () => {
    const unknown = await t.app.inject({ method: "POST", url: `/v1/letters/00000000-0000-4000-8000-000000000000/copy`, headers: s, payload: {} });
    expect(unknown.statusCode).toBe(404);
    const [queued] = await t.ctx.database.query<{ id: string }>(
      "insert into letters (creditor_id, case_id, kind, sent_on, deadline, language, model, status) select creditor_id, case_id, 'payment-demand', '2025-02-03', '2025-02-17', 'nb', model, 'queued' from letters where id = $1 returning id",
      [a.letterId],
    );
    const refused = await t.app.inject({ method: "POST", url: `/v1/letters/${queued!.id}/copy`, headers: s, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message ?? refused.json().error?.message ?? refused.body).toContain("the letter has not left yet (queued)");
  });
});
