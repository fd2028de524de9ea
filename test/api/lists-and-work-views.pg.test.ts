import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { upsertClaim, upsertDebtor } from "../../src/collection/cases/register.js";
import { postMessage } from "../../src/collection/messages/case-messages.js";

/**
 * Issue #20: sortable, filterable case and invoice lists paged on the server; a firm's work queue
 * across its clients; a debtor with every case and letter; a case's legal phase.
 */
let t: TestApp;
let creditorId: string;
let a: Tenant;
let other: Tenant;
const TODAY = "2025-03-03";
beforeAll(async () => {
  t = await createTestApp({ today: TODAY });
  [creditorId] = (await seedPortfolio(t.ctx.database, { creditors: 1, casesPerCreditor: 9, openedOn: TODAY })) as [string];
  a = await seedTenant(t, "Kø", "974760673");
  other = await seedTenant(t, "Annen", "974760673");
}, 90_000);
afterAll(async () => t?.close());

type Row = { caseNumber: string; stage: string; balance: string; dueDate: string; closeReason: string | null };
async function all<T>(url: string, limit: number, headers: Record<string, string> = {}): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 30; pages++) {
    const res = await t.inject({ method: "GET", url: `${url}${url.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: T[]; nextCursor: string | null };
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return seen;
}
const epochDay = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
const minor = (s: string) => Math.round(Number(s) * 100);
const byNumber = (x: string, y: string) => x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);

describe("sorting and filtering the case list on the server", () => {
  it("sorts by balance, age, stage and close reason both ways, paging each case exactly once", async () => {
    await t.ctx.database.query("update cases set stage = 'payment-demand' where case_number in (select case_number from cases where creditor_id = $1 order by case_number limit 3)", [creditorId]);
    await t.ctx.database.query("update cases set closed_on = $2, close_reason = 'paid' where case_number in (select case_number from cases where creditor_id = $1 order by case_number desc limit 2)", [creditorId, TODAY]);
    const base = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all`, 50);
    expect(base).toHaveLength(9);
    const keys: Record<string, (r: Row) => string | number> = { balance: (r) => minor(r.balance), age: (r) => -epochDay(r.dueDate), stage: (r) => r.stage, reason: (r) => r.closeReason ?? "" };
    for (const [sort, key] of Object.entries(keys)) {
      for (const dir of ["asc", "desc"] as const) {
        const expected = [...base].sort((x, y) => {
          const [kx, ky] = [key(x), key(y)];
          const c = kx < ky ? -1 : kx > ky ? 1 : byNumber(sort === "age" ? y.caseNumber : x.caseNumber, sort === "age" ? x.caseNumber : y.caseNumber);
          return dir === "asc" ? c : -c;
        });
        const seen = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&sort=${sort}&dir=${dir}`, 2);
        expect(seen.map((r) => key(r)), `${sort} ${dir}`).toEqual(expected.map((r) => key(r)));
        expect(new Set(seen.map((r) => r.caseNumber)).size, `${sort} ${dir}: each once`).toBe(9);
      }
    }
  });

  it("filters by balance, age and close reason", async () => {
    const base = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all`, 50);
    const mid = [...base].map((r) => minor(r.balance)).sort((x, y) => x - y)[4]!;
    const atLeast = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&minAmount=${(mid / 100).toFixed(2)}`, 3);
    expect(atLeast.map((r) => r.caseNumber).sort()).toEqual(base.filter((r) => minor(r.balance) >= mid).map((r) => r.caseNumber).sort());
    const atMost = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&maxAmount=${(mid / 100).toFixed(2)}`, 3);
    expect(atMost.map((r) => r.caseNumber).sort()).toEqual(base.filter((r) => minor(r.balance) <= mid).map((r) => r.caseNumber).sort());
    const today = epochDay(TODAY);
    const old = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&minAge=60`, 50);
    expect(old.length).toBeGreaterThan(0);
    expect(old.map((r) => r.caseNumber).sort()).toEqual(base.filter((r) => today - epochDay(r.dueDate) >= 60).map((r) => r.caseNumber).sort());
    const young = await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&maxAge=30`, 50);
    expect(young.map((r) => r.caseNumber).sort()).toEqual(base.filter((r) => today - epochDay(r.dueDate) <= 30).map((r) => r.caseNumber).sort());
    expect((await all<Row>(`/v1/creditors/${creditorId}/cases?state=all&reason=paid`, 50)).map((r) => r.closeReason)).toEqual(["paid", "paid"]);
  });

  it("refuses a cursor from another sort, and a bad amount, with the field", async () => {
    const first = await t.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases?state=all&sort=balance&limit=2` });
    const cursor = (first.json() as { nextCursor: string }).nextCursor;
    const wrong = await t.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases?state=all&sort=stage&limit=2&cursor=${cursor}` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("cursor");
    const bad = await t.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases?minAmount=12,5` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("minAmount");
  });
});

describe("sorting and filtering invoices", () => {
  type Inv = { claimId: string; invoiceNumber: string; open: string; dueDate: string; customerName: string };
  it("sorts by open amount and customer both ways, paged, and filters by amount and age", async () => {
    const base = await all<Inv>(`/v1/creditors/${creditorId}/invoices?state=all`, 50);
    expect(base).toHaveLength(9);
    for (const dir of ["asc", "desc"] as const) {
      const seen = await all<Inv>(`/v1/creditors/${creditorId}/invoices?state=all&sort=amount&dir=${dir}`, 2);
      const amounts = base.map((r) => minor(r.open)).sort((x, y) => (dir === "asc" ? x - y : y - x));
      expect(seen.map((r) => minor(r.open)), dir).toEqual(amounts);
      expect(new Set(seen.map((r) => r.claimId)).size).toBe(9);
      const names = await all<Inv>(`/v1/creditors/${creditorId}/invoices?state=all&sort=customer&dir=${dir}`, 4);
      expect(names).toHaveLength(9);
      const got = names.map((r) => r.customerName);
      expect(got).toEqual([...got].sort((x, y) => (dir === "asc" ? (x < y ? -1 : x > y ? 1 : 0) : x < y ? 1 : x > y ? -1 : 0)));
    }
    const min = base.map((r) => minor(r.open)).sort((x, y) => x - y)[6]!;
    const big = await all<Inv>(`/v1/creditors/${creditorId}/invoices?state=all&minAmount=${(min / 100).toFixed(2)}`, 50);
    expect(big.map((r) => r.claimId).sort()).toEqual(base.filter((r) => minor(r.open) >= min).map((r) => r.claimId).sort());
    const today = epochDay(TODAY);
    const old = await all<Inv>(`/v1/creditors/${creditorId}/invoices?state=all&minAge=45`, 50);
    expect(old.map((r) => r.claimId).sort()).toEqual(base.filter((r) => today - epochDay(r.dueDate) >= 45).map((r) => r.claimId).sort());
  });

  it("filters invoices not in collection by their reason code", async () => {
    const db = t.ctx.database;
    const debtorId = await upsertDebtor(db, a.creditorId, { source: "test", externalId: "blocked-d", type: "consumer", name: "Blokkert Person", address: { line1: "Gata 3", postcode: "0151", city: "Oslo", country: "NO" } });
    const claimId = await upsertClaim(db, a.creditorId, { source: "test", externalId: "blocked-i", debtorId, invoiceNumber: "BLK-1", issueDate: LocalDate.parse("2025-01-01"), dueDate: LocalDate.parse("2025-01-15"), currency: "NOK", amountMinor: 10_000, openMinor: 10_000, status: "sent" });
    await db.query(`update claims set transfer_state = 'blocked', eligibility = '{"reasons":[{"code":"disputed","text":"x","blocking":true}]}' where id = $1`, [claimId]);
    const rows = await all<Inv>(`/v1/creditors/${a.creditorId}/invoices?state=all&reason=disputed`, 50);
    expect(rows.map((r) => r.invoiceNumber)).toEqual(["BLK-1"]);
    expect(await all<Inv>(`/v1/creditors/${a.creditorId}/invoices?state=all&reason=credit-note`, 50)).toEqual([]);
  });
});

describe("an invoice's reasons in the reader's language (issue #16)", () => {
  it("gives a Swedish user the sv text, a Norwegian user the nb text, and nb for a reason stored without sv", async () => {
    const db = t.ctx.database;
    const debtorId = await upsertDebtor(db, a.creditorId, { source: "test", externalId: "sv-d", type: "consumer", name: "Svensk Person", address: { line1: "Gatan 1", postcode: "11122", city: "Stockholm", country: "SE" } });
    const claimId = await upsertClaim(db, a.creditorId, { source: "test", externalId: "sv-i", debtorId, invoiceNumber: "SV-1", issueDate: LocalDate.parse("2025-01-01"), dueDate: LocalDate.parse("2025-01-15"), currency: "SEK", amountMinor: 10_000, openMinor: 10_000, status: "sent" });
    const reasons = [
      { code: "time_barred", blocking: true, text: { nb: "Kravet er foreldet: 3 år etter forfall endte 2025-01-31", sv: "Fordran är preskriberad: 3 år efter förfallodagen löpte ut 2025-01-31", en: "Time-barred: 3 years after due ended on 2025-01-31" } },
      { code: "nothing_open", blocking: true, text: { nb: "Fakturaen har ikke noe åpent beløp", en: "Nothing is open on the invoice" } },
    ];
    await db.query("update claims set transfer_state = 'blocked', eligibility = $2::jsonb where id = $1", [claimId, JSON.stringify({ reasons })]);
    const textsFor = async (who: { email: string; password: string }, locale: string) => {
      await db.query("update users set locale = $2 where email = $1", [who.email, locale]);
      // As the user, not the operator (whose API key has no locale and would win over the session).
      const res = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/invoices?state=all&reason=time_barred`, headers: await login(t, who) });
      expect(res.statusCode, res.body).toBe(200);
      const rows = (res.json() as { items: { invoiceNumber: string; reasons: { code: string; text: string }[] }[] }).items;
      expect(rows.map((r) => r.invoiceNumber)).toEqual(["SV-1"]);
      return rows[0]!.reasons.map((r) => r.text);
    };
    expect(await textsFor(a.users.creditorUser, "sv")).toEqual(["Fordran är preskriberad: 3 år efter förfallodagen löpte ut 2025-01-31", "Fakturaen har ikke noe åpent beløp"]);
    expect(await textsFor(a.users.creditorUser, "nb")).toEqual(["Kravet er foreldet: 3 år etter forfall endte 2025-01-31", "Fakturaen har ikke noe åpent beløp"]);
    expect(await textsFor(a.users.creditorUser, "en")).toEqual(["Time-barred: 3 years after due ended on 2025-01-31", "Nothing is open on the invoice"]);
  });
});

describe("the firm's work queue", () => {
  it("lists drafts, gates and disputes of the firm's clients only, and a firm user may read it", async () => {
    const db = t.ctx.database;
    const debtorId = await upsertDebtor(db, a.creditorId, { source: "test", externalId: "draft-d", type: "consumer", name: "Utkast Person", address: { line1: "Gata 4", postcode: "0151", city: "Oslo", country: "NO" } });
    const claimId = await upsertClaim(db, a.creditorId, { source: "test", externalId: "draft-i", debtorId, invoiceNumber: "DRAFT-1", issueDate: LocalDate.parse("2025-01-01"), dueDate: LocalDate.parse("2025-01-20"), currency: "NOK", amountMinor: 25_000, openMinor: 25_000, status: "sent" });
    await db.query("update claims set transfer_state = 'draft' where id = $1", [claimId]);
    await db.query("update cases set stage = 'awaiting-legal-approval' where id = $1", [a.caseId]);
    await db.query("update cases set hold_kind = 'disputed', hold_reason = 'the debtor says it was paid', hold_since = '2025-02-01' where id = $1", [other.caseId]);
    const s = await login(t, a.users.accountant);
    const res = await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/work-queue`, headers: s });
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json() as { drafts: { invoiceNumber: string; open: string; creditorName: string }[]; gates: { caseNumber: string; stage: string }[]; disputes: unknown[]; truncated: unknown };
    expect(q.drafts).toEqual([expect.objectContaining({ invoiceNumber: "DRAFT-1", open: "250.00", creditorName: "Creditor Kø AS" })]);
    expect(q.gates).toEqual([expect.objectContaining({ caseNumber: a.caseNumber, stage: "awaiting-legal-approval" })]);
    expect(q.disputes).toEqual([]); // the other firm's dispute is not this firm's
    expect(q.truncated).toEqual({ drafts: false, gates: false, disputes: false, messages: false });
    const theirs = await t.app.inject({ method: "GET", url: `/v1/firms/${other.firmId}/work-queue`, headers: s });
    expect(theirs.statusCode).toBe(404);
    const otherQueue = (await t.inject({ method: "GET", url: `/v1/firms/${other.firmId}/work-queue` })).json() as { disputes: { caseNumber: string; holdReason: string }[] };
    expect(otherQueue.disputes).toEqual([expect.objectContaining({ caseNumber: other.caseNumber, holdReason: "the debtor says it was paid" })]);
  });
});

describe("messages in the firm's work queue", () => {
  type MessageCase = { caseNumber: string; unread: number; lastFrom: string; lastExcerpt: string; lastAt: string };
  const queue = async (headers: Record<string, string>) => {
    const res = await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/work-queue`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { messages: MessageCase[]; truncated: { messages: boolean } };
  };

  it("lists the cases with messages from the agency the reader has not read, until the reader reads them", async () => {
    const s = await login(t, a.users.accountant);
    expect((await queue(s)).messages).toEqual([]);
    // The firm's own message is no message to read; the agency's two are.
    await postMessage(t.ctx.database, { caseId: a.caseId, author: { userId: null, name: "Hanne Handler", side: "client" }, body: "Kunden sier de har betalt.", attachments: [] });
    expect((await queue(s)).messages).toEqual([]);
    await postMessage(t.ctx.database, { caseId: a.caseId, author: { userId: null, name: "Hanne Handler", side: "agency" }, body: "Vi sjekker innbetalingen.", attachments: [] });
    await postMessage(t.ctx.database, { caseId: a.caseId, author: { userId: null, name: "Hanne Handler", side: "agency" }, body: "Innbetalingen er funnet.", attachments: [] });
    const q = await queue(s);
    expect(q.messages).toEqual([expect.objectContaining({ caseNumber: a.caseNumber, unread: 2, lastFrom: "Hanne Handler", lastExcerpt: "Innbetalingen er funnet.", lastAt: expect.any(String) })]);
    expect(q.truncated.messages).toBe(false);
    // Another firm's user, and an API client key, see none of them.
    expect(((await t.app.inject({ method: "GET", url: `/v1/firms/${other.firmId}/work-queue`, headers: await login(t, other.users.accountant) })).json() as { messages: unknown[] }).messages).toEqual([]);
    expect(((await t.inject({ method: "GET", url: `/v1/firms/${a.firmId}/work-queue` })).json() as { messages: unknown[] }).messages).toEqual([]);
    // Reading one leaves the case with one unread; reading all takes it off.
    const notes = (await t.app.inject({ method: "GET", url: "/v1/notifications?unread=true", headers: s })).json() as { items: { id: number; kind: string }[] };
    const messageNotes = notes.items.filter((n) => n.kind === "message");
    await t.app.inject({ method: "POST", url: "/v1/notifications/read", headers: s, payload: { ids: [messageNotes[0]!.id] } });
    expect((await queue(s)).messages.map((m) => m.unread)).toEqual([1]);
    await t.app.inject({ method: "POST", url: "/v1/notifications/read", headers: s, payload: { all: true } });
    expect((await queue(s)).messages).toEqual([]);
  });
});

describe("the debtor view", () => {
  it("shows the debtor, every case and every letter with its channel and status, to those who may see the creditor", async () => {
    const [c] = await t.ctx.database.query<{ debtor_id: string }>("select debtor_id from cases where id = $1", [a.caseId]);
    const detail = (await t.inject({ method: "GET", url: `/v1/cases/${a.caseId}` })).json() as { case: { debtorId: string } };
    expect(detail.case.debtorId).toBe(c!.debtor_id);
    const s = await login(t, a.users.creditorUser);
    const res = await t.app.inject({ method: "GET", url: `/v1/debtors/${c!.debtor_id}`, headers: s });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as { debtor: { name: string; creditorName: string }; cases: { caseNumber: string }[]; letters: { caseNumber: string; kind: string; delivery: { status: string } }[] };
    expect(v.debtor).toMatchObject({ name: "Debtor Kø", creditorName: "Creditor Kø AS" });
    expect(v.cases.map((x) => x.caseNumber)).toEqual([a.caseNumber]);
    expect(v.letters.length).toBeGreaterThan(0);
    expect(v.letters[0]).toMatchObject({ caseNumber: a.caseNumber, delivery: { status: expect.any(String) } });
    const otherUser = await login(t, other.users.creditorUser);
    expect((await t.app.inject({ method: "GET", url: `/v1/debtors/${c!.debtor_id}`, headers: otherUser })).statusCode).toBe(404);
    expect((await t.inject({ method: "GET", url: "/v1/debtors/not-an-id" })).statusCode).toBe(404);
  });
});

describe("the legal phase of a case", () => {
  it("shows approval, the filed step with its dated events, and the register checks", async () => {
    const db = t.ctx.database;
    // The case at the legal gate, approved through the API; then a step and a hearing through the API.
    await db.query("update cases set stage = 'awaiting-legal-approval', hold_kind = null where id = $1", [a.caseId]);
    const approved = await t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/approve`, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const before = (await t.inject({ method: "GET", url: `/v1/cases/${a.caseId}/legal` })).json() as { legalApprovedOn: string | null; proceedings: unknown[] };
    expect(before.legalApprovedOn).toBe(TODAY);
    expect(before.proceedings).toEqual([]);
    const step = await t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/legal-steps`, payload: { step: "forliksklage" } });
    expect(step.statusCode, step.body).toBe(200);
    const { proceedingId, status } = step.json() as { proceedingId: string | null; status: string };
    await db.query("insert into debtor_checks (creditor_id, case_id, source, subject, purpose, actor, checked_on, outcome) values ($1, $2, 'company-register', '923609016', 'legal step', 'test', $3, 'ok')", [a.creditorId, a.caseId, TODAY]);
    const v = (await t.inject({ method: "GET", url: `/v1/cases/${a.caseId}/legal` })).json() as { proceedings: { step: string; status: string; events: { kind: string; on: string }[] }[]; checks: { source: string; outcome: string }[]; events: { type: string }[] };
    expect(v.checks).toEqual([expect.objectContaining({ source: "company-register", outcome: "ok" })]);
    expect(v.events.map((e) => e.type)).toContain("approve-legal");
    expect(status).toBe("filed");
    {
      const hearing = await t.inject({ method: "POST", url: `/v1/cases/${a.caseId}/legal-steps/${proceedingId}/events`, payload: { kind: "hearing", on: TODAY, note: "forliksrådet" } });
      expect(hearing.statusCode, hearing.body).toBe(200);
      const after = (await t.inject({ method: "GET", url: `/v1/cases/${a.caseId}/legal` })).json() as typeof v;
      expect(after.proceedings).toEqual([expect.objectContaining({ step: "forliksklage", status: "hearing", events: [expect.objectContaining({ kind: "hearing", on: TODAY, note: "forliksrådet" })] })]);
    }
  });
});
