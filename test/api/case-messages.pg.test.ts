import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, grantRole } from "../../src/access/users.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { PASSWORD, login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Messages both ways on a case (issue 20, item 4) and the portal's notifications (item 7) over
 * the API on a real PostgreSQL: a firm's user writes to the case handler with an invoice copy,
 * the case handler is notified and answers, the creditor's people are notified; attachments are
 * judged by their bytes and size; another tenant reaches nothing.
 */
let t: TestApp;
let a: Tenant;
let b: Tenant;
type Headers = { cookie: string; "x-csrf-token": string };
let admin: Headers;
let accountant: Headers;
let handler: Headers;
let other: Headers;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const EXE = Buffer.concat([Buffer.from("MZ", "latin1"), Buffer.alloc(64, 0)]);
const b64 = (b: Buffer) => b.toString("base64");

beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Msg", "974760673");
  b = await seedTenant(t, "Other", "923609016");
  const handlerEmail = "handler@agency.test";
  await grantRole(t.ctx.database, { userId: await createUser(t.ctx.database, { email: handlerEmail, name: "Hanne Handler", password: PASSWORD }), role: "case-handler" });
  admin = await login(t, a.users.firmAdmin);
  accountant = await login(t, a.users.accountant);
  handler = await login(t, { email: handlerEmail, password: PASSWORD });
  other = await login(t, b.users.firmAdmin);
}, 60_000);
afterAll(async () => t?.close());

const post = (headers: Headers, caseId: string, payload: unknown) => t.app.inject({ method: "POST", url: `/v1/cases/${caseId}/messages`, headers, payload: payload as object });
const notifications = async (headers: Headers) => (await t.app.inject({ method: "GET", url: "/v1/notifications", headers })).json() as { unread: number; items: { id: number; kind: string; caseId: string | null; caseNumber: string | null; data: Record<string, unknown>; read: boolean }[] };
const messageCount = async () => Number((await t.ctx.database.query<{ n: number }>("select count(*)::int as n from case_messages"))[0]!.n);

describe("messages on a case", () => {
  let attachmentId: string;

  it("a firm's user writes to the case handler with an invoice copy; the case handler is notified, the writer is not", async () => {
    const res = await post(admin, a.caseId, { body: "  Kunden sier fakturaen er betalt. Kopi vedlagt.  ", attachments: [{ filename: "../../faktura 1001.pdf", contentBase64: b64(PDF) }, { filename: "kvittering.png", contentBase64: b64(PNG) }] });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ side: "client", authorName: "Admin Msg", body: "Kunden sier fakturaen er betalt. Kopi vedlagt." });
    expect(m.attachments.map((x: { filename: string; contentType: string; size: number }) => [x.filename, x.contentType, x.size])).toEqual([
      ["faktura 1001.pdf", "application/pdf", PDF.length],
      ["kvittering.png", "image/png", PNG.length],
    ]);
    attachmentId = m.attachments[0].attachmentId;

    const h = await notifications(handler);
    expect(h.unread).toBe(1);
    expect(h.items[0]).toMatchObject({ kind: "message", caseId: a.caseId, caseNumber: a.caseNumber, read: false, data: { from: "Admin Msg", side: "client", attachments: 2 } });
    expect((await notifications(admin)).unread).toBe(0);
  });

  it("the attachment comes back as the same bytes, as a download that the browser may not sniff", async () => {
    const res = await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/messages/attachments/${attachmentId}`, headers: accountant });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="faktura_1001.pdf"; filename*=UTF-8''faktura%201001.pdf`);
  });

  it("the case handler answers; the creditor's people are notified, and read it", async () => {
    const res = await post(handler, a.caseId, { body: "Takk, vi sjekker innbetalingen." });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ side: "agency", authorName: "Hanne Handler", attachments: [] });

    const list = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/messages`, headers: accountant })).json();
    expect(list.items.map((m: { side: string; body: string }) => [m.side, m.body])).toEqual([
      ["client", "Kunden sier fakturaen er betalt. Kopi vedlagt."],
      ["agency", "Takk, vi sjekker innbetalingen."],
    ]);

    const before = await notifications(accountant);
    expect(before.unread).toBe(1);
    expect(before.items[0]).toMatchObject({ kind: "message", data: { from: "Hanne Handler", side: "agency", excerpt: "Takk, vi sjekker innbetalingen." } });
    expect((await notifications(admin)).unread).toBe(1);

    // Marking another user's notification changes nothing; one's own, by id or all, does.
    const handlersNote = (await notifications(handler)).items[0]!.id;
    expect((await t.app.inject({ method: "POST", url: "/v1/notifications/read", headers: accountant, payload: { ids: [handlersNote] } })).json()).toEqual({ unread: 1 });
    expect((await notifications(handler)).unread).toBe(1);
    expect((await t.app.inject({ method: "POST", url: "/v1/notifications/read", headers: accountant, payload: { ids: [before.items[0]!.id] } })).json()).toEqual({ unread: 0 });
    expect((await notifications(accountant)).items[0]!.read).toBe(true);
    expect((await t.app.inject({ method: "POST", url: "/v1/notifications/read", headers: handler, payload: { all: true } })).json()).toEqual({ unread: 0 });
    expect((await notifications(admin)).unread).toBe(1);
  });

  it("refuses a file that is not a PDF, PNG or JPEG by its bytes whatever its name, an empty or too large file, too many files, an empty text — and writes nothing", async () => {
    const before = await messageCount();
    const exe = await post(admin, a.caseId, { body: "Her er kontrakten", attachments: [{ filename: "faktura.pdf", contentBase64: b64(PDF) }, { filename: "kontrakt.pdf", contentBase64: b64(EXE) }] });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors).toEqual([{ field: "attachments[1]", message: expect.stringContaining('"kontrakt.pdf" is not a PDF, PNG or JPEG file') }]);

    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 - PDF.length + 1, 0x20)]);
    const tooBig = await post(admin, a.caseId, { body: "Stor fil", attachments: [{ filename: "stor.pdf", contentBase64: b64(big) }] });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0].field).toMatch(/^attachments/);

    const empty = await post(admin, a.caseId, { body: "Tom", attachments: [{ filename: "tom.pdf", contentBase64: "" }] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('"tom.pdf" is empty');

    const four = await post(admin, a.caseId, { body: "Fire", attachments: Array.from({ length: 4 }, (_, i) => ({ filename: `f${i}.pdf`, contentBase64: b64(PDF) })) });
    expect(four.statusCode).toBe(400);

    const blank = await post(admin, a.caseId, { body: "   " });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([{ field: "body", message: "body: the message is empty" }]);

    expect(await messageCount()).toBe(before);
    expect((await notifications(handler)).unread).toBe(0);
  });

  it("another firm's user reaches neither the messages, nor an attachment, nor can write; an attachment is reached only through its own case", async () => {
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/messages`, headers: other })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/messages/attachments/${attachmentId}`, headers: other })).statusCode).toBe(404);
    expect((await post(other, a.caseId, { body: "hei" })).statusCode).toBe(404);
    // The other tenant's own case does not open this tenant's attachment.
    const cross = await t.app.inject({ method: "GET", url: `/v1/cases/${b.caseId}/messages/attachments/${attachmentId}`, headers: other });
    expect(cross.statusCode).toBe(404);
    expect(cross.body).not.toContain("faktura");
    expect((await notifications(other)).items.filter((n) => n.kind === "message")).toEqual([]);
  });
});
