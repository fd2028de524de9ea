import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock, type ManualClock } from "../../poweroffice/sandbox/sandbox-test-kit.js";
import { runProcountorSandbox, startDemoProcountorSandbox, type RunningProcountorSandbox } from "./run-sandbox.js";
import { createProcountorSandbox, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SWEDISH_COMPANIES, type ProcountorSandbox, type ProcountorSandboxOptions } from "./server.js";

/**
 * The sandbox against Procountor's REST API reference: the token request (form-encoded, all four
 * fields, one api_key = one company, expiry), searches with filters and paging, payment events,
 * notes, journals, optimistic versions, rate limit and fault mode.
 */
const [NORRSKEN, VASA] = SWEDISH_COMPANIES;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function token(app: FastifyInstance, apiKey = NORRSKEN!.apiKey): Promise<string> {
  const res = await app.inject({ method: "POST", url: "/oauth/token", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form({ grant_type: "client_credentials", client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, api_key: apiKey }) });
  if (res.statusCode !== 200) throw new Error(`token ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

function api(app: FastifyInstance, bearer: string) {
  const call = async (method: "GET" | "POST" | "PUT" | "PATCH", url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read wire shapes
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, body: json, raw: res.body };
  };
  return { get: (u: string) => call("GET", u), post: (u: string, b: unknown) => call("POST", u, b), put: (u: string, b: unknown) => call("PUT", u, b), patch: (u: string, b: unknown) => call("PATCH", u, b) };
}

let sandbox: ProcountorSandbox | undefined;
let clock: ManualClock;
function make(options: Omit<ProcountorSandboxOptions, "clock"> = {}): ProcountorSandbox {
  clock = manualClock("2026-03-02T08:00:00Z");
  sandbox = createProcountorSandbox({ ...options, clock });
  return sandbox;
}
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("Procountor sandbox: POST /oauth/token", () => {
  it("wants all four form fields, refuses wrong secrets and JSON bodies, and issues expiring tokens per company", async () => {
    const s = make({ tokenTtlSeconds: 3600 });
    const post = (payload: string, type = "application/x-www-form-urlencoded") => s.app.inject({ method: "POST", url: "/oauth/token", headers: { "content-type": type }, payload });
    const all = { grant_type: "client_credentials", client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET, api_key: NORRSKEN!.apiKey };
    for (const drop of Object.keys(all)) {
      const partial = Object.fromEntries(Object.entries(all).filter(([k]) => k !== drop));
      const res = await post(form(partial));
      expect(res.statusCode, drop).toBe(401);
      expect(JSON.parse(res.body).error_description).toContain(drop);
    }
    expect((await post(form({ ...all, client_secret: "wrong" }))).statusCode).toBe(401);
    expect((await post(form({ ...all, api_key: "no-such-company" }))).statusCode).toBe(401);
    expect((await post(JSON.stringify(all), "application/json")).statusCode).toBe(400);
    const ok = await post(form(all));
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ token_type: "bearer", expires_in: 3600 });

    // One api_key = one company: each token sees its own company only.
    s.ledgerFor(VASA!.apiKey).addPartner({ name: "Bara hos Vasa AB", customerNumber: "9" });
    const norrsken = api(s.app, JSON.parse(ok.body).access_token);
    const vasa = api(s.app, await token(s.app, VASA!.apiKey));
    expect((await norrsken.get("/businesspartners")).body.meta.totalCount).toBe(0);
    expect((await vasa.get("/businesspartners")).body.results.map((p: { name: string }) => p.name)).toEqual(["Bara hos Vasa AB"]);
    expect((await norrsken.get("/company")).body).toMatchObject({ name: "Norrsken Bygg AB", businessId: "556036-0793" });

    clock.advance(3600 * 1000);
    const expired = await norrsken.get("/company");
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].status).toBe(401);
    expect((await s.app.inject({ method: "GET", url: "/company" })).statusCode).toBe(401);
  });
});

describe("Procountor sandbox: invoices, payment events, reference payments", () => {
  it("searches sales invoices by status, due date and changed-since (versionStartDate), paging by page and previousId", async () => {
    const s = make();
    const ledger = s.ledger;
    const p = ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", address: { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" } });
    for (let n = 0; n < 5; n++) ledger.addInvoice({ partnerId: p.id, invoiceNumber: 7001 + n, date: "2026-01-10", dueDate: n < 3 ? "2026-02-09" : "2026-04-01", sumMinor: 1_000_00 + n * 1_00 });
    const a = api(s.app, await token(s.app));

    const overdue = await a.get("/invoices?types=SALES_INVOICE&status=SENT,PARTLY_PAID&dueEndDate=2026-03-01&orderById=ASC&size=2");
    expect(overdue.status).toBe(200);
    expect(overdue.body.meta).toEqual({ pageNumber: 0, pageSize: 2, resultCount: 2, totalCount: 3 });
    expect(overdue.body.results.map((i: { invoiceNumber: number }) => i.invoiceNumber)).toEqual([7001, 7002]);
    expect(overdue.body.results[0]).toMatchObject({ type: "SALES_INVOICE", status: "SENT", partnerId: p.id, invoiceSumInfo: [{ currency: "SEK", invoiceSumTotal: 1000 }] });
    const next = await a.get(`/invoices?types=SALES_INVOICE&status=SENT,PARTLY_PAID&dueEndDate=2026-03-01&orderById=ASC&size=2&previousId=${overdue.body.results[1].id}`);
    expect(next.body.results.map((i: { invoiceNumber: number }) => i.invoiceNumber)).toEqual([7003]);
    expect((await a.get("/invoices?orderById=ASC&size=2&page=2")).body.results.map((i: { invoiceNumber: number }) => i.invoiceNumber)).toEqual([7005]);
    expect((await a.get("/invoices?size=201")).body.errors[0]).toMatchObject({ status: 400, field: "size" });
    expect((await a.get("/invoices?dueEndDate=1.3.2026")).body.errors[0]).toMatchObject({ status: 400, field: "dueEndDate" });

    // A payment changes the invoice's version: the changed-since search finds that one only.
    clock.advance(60_000);
    const since = clock.now().toISOString();
    clock.advance(1_000);
    const inv = ledger.invoiceByNumber(7002);
    const pay = await a.post("/_test/pay", { invoiceId: inv.id, amount: 400.5, paymentDate: "2026-03-02" });
    expect(pay.body).toMatchObject({ type: "REFERENCEPAYMENT", amount: 400.5, currency: "SEK" });
    const changed = await a.get(`/invoices?versionStartDate=${encodeURIComponent(since)}`);
    expect(changed.body.results.map((i: { invoiceNumber: number; status: string }) => [i.invoiceNumber, i.status])).toEqual([[7002, "PARTLY_PAID"]]);

    // No balance field: the full invoice has `sum`, the events say what was paid.
    const full = await a.get(`/invoices/${inv.id}`);
    expect(full.body).toMatchObject({ sum: 1001, status: "PARTLY_PAID", paymentInfo: { currency: "SEK", bankReferenceCodeType: "OCR", bankReferenceCode: inv.bankReferenceCode }, counterParty: { counterPartyAddress: { street: "Kungsgatan 4", city: "Stockholm" } } });
    expect(full.body).not.toHaveProperty("balance");
    const events = await a.get(`/invoices/${inv.id}/paymentevents`);
    expect(events.body.results).toEqual([expect.objectContaining({ invoiceId: inv.id, type: "REFERENCEPAYMENT", amount: 400.5, paymentDate: "2026-03-02" })]);
    const refs = await a.get("/referencepayments?startDate=2026-03-01&endDate=2026-03-31");
    expect(refs.body.results).toEqual([expect.objectContaining({ invoiceId: inv.id, sum: 400.5, bankReference: inv.bankReferenceCode, allocated: true })]);

    // The rest paid → PAID; marking another paid → MARKED_PAID.
    await a.post("/_test/pay", { invoiceId: inv.id, amount: 600.5 });
    expect((await a.get(`/invoices/${inv.id}`)).body.status).toBe("PAID");
    const other = ledger.invoiceByNumber(7001);
    const marked = await a.put(`/invoices/${other.id}/paymentevents/markpaid`, { paymentDate: "2026-03-02", amount: 1000, currency: "SEK" });
    expect(marked.status).toBe(200);
    expect((await a.get(`/invoices/${other.id}`)).body.status).toBe("MARKED_PAID");
    expect((await a.put(`/invoices/${other.id}/paymentevents/markpaid`, { paymentDate: "2026-03-02", amount: 1, currency: "SEK" })).status).toBe(403);
    expect((await a.get("/invoices/1")).status).toBe(404);
  });

  it("writes the seller's notes regardless of status, and reads the collection settings' collectionPartner", async () => {
    const s = make();
    const inv = s.ledger.addInvoice({ invoiceNumber: 1, date: "2026-01-01", dueDate: "2026-01-31", sumMinor: 100_00, status: "PAID" });
    const a = api(s.app, await token(s.app));
    expect((await a.get("/company/expenses/collectionpenal/settings")).body).toMatchObject({ collectionPartner: "", useAutomaticHandling: false });
    s.ledger.setCollectionPartner("Fordring");
    expect((await a.get("/company/expenses/collectionpenal/settings")).body.collectionPartner).toBe("Fordring");
    expect((await a.put(`/invoices/${inv.id}/notes`, { notes: "Inkasso: ärende 2026-0001" })).status).toBe(200);
    expect((await a.get(`/invoices/${inv.id}`)).body.notes).toBe("Inkasso: ärende 2026-0001");
    expect((await a.put(`/invoices/${inv.id}/notes`, {})).body.errors[0]).toMatchObject({ status: 400, field: "notes" });
    const image = await s.app.inject({ method: "GET", url: `/invoices/${inv.id}/image`, headers: { authorization: `Bearer ${await token(s.app)}` } });
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await a.get(`/invoices/${inv.id}/image?page=2`)).status).toBe(404);
  });
});

describe("Procountor sandbox: ledger receipts and versions", () => {
  it("posts balanced journals on known accounts, and refuses a PUT or PATCH with a stale version (409)", async () => {
    const s = make();
    const p = s.ledger.addPartner({ name: "Öberg & Söner HB", customerNumber: "1003" });
    const a = api(s.app, await token(s.app));
    const journal = { type: "JOURNAL", name: "Inkasso 2026-03-02", receiptDate: "2026-03-02", vatType: "SALES", vatStatus: 1, transactions: [
      { transactionType: "ENTRY", account: "1512", accountingValue: 1250.5, vatPercent: 0 },
      { transactionType: "ENTRY", account: "1510", accountingValue: -1250.5, vatPercent: 0, partnerId: p.id, description: "OCR 500133" },
    ] };
    const posted = await a.post("/ledgerreceipts", journal);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ type: "JOURNAL", status: "APPROVED", transactions: [{ account: "1512", accountingValue: 1250.5 }, { account: "1510", accountingValue: -1250.5, partnerId: p.id }] });
    const unbalanced = await a.post("/ledgerreceipts", { ...journal, transactions: [journal.transactions[0], { ...journal.transactions[1], accountingValue: -1250 }] });
    expect(unbalanced.body.errors[0]).toMatchObject({ status: 400, field: "transactions" });
    const badAccount = await a.post("/ledgerreceipts", { ...journal, transactions: [{ ...journal.transactions[0], account: "9999" }, journal.transactions[1]] });
    expect(badAccount.body.errors[0]).toMatchObject({ field: "transactions[0].account" });
    expect((await a.get("/ledgerreceipts?types=JOURNAL")).body.results.map((r: { name: string }) => r.name)).toEqual(["Inkasso 2026-03-02"]);

    const v1 = posted.body.version as string;
    const put = await a.put(`/ledgerreceipts/${posted.body.id}`, { version: v1, accountantsNotes: "fordring:jrn-1" });
    expect(put.status).toBe(200);
    expect(put.body.version > v1).toBe(true);
    const stale = await a.put(`/ledgerreceipts/${posted.body.id}`, { version: v1, accountantsNotes: "again" });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]).toMatchObject({ status: 409, field: "version" });
    const bp = await a.get(`/businesspartners/${p.id}`);
    expect((await a.patch(`/businesspartners/${p.id}`, { version: bp.body.version, name: "Öberg & Söner Handelsbolag" })).status).toBe(200);
    expect((await a.patch(`/businesspartners/${p.id}`, { version: bp.body.version, name: "x" })).status).toBe(409);
    expect(s.ledger.company.counters.staleRefused).toBe(2);
  });
});

describe("Procountor sandbox: rate limit and faults", () => {
  it("answers 429 above the limit per company, and again after a second", async () => {
    const s = make({ rateLimitPerSecond: 3 });
    const a = api(s.app, await token(s.app));
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await a.get("/company")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    clock.advance(1_001);
    expect((await a.get("/company")).status).toBe(200);
    expect(s.state.rateLimited).toBe(1);
  });

  it("injects the same seeded faults on every run: 429, 500, cut bodies and hangs after the work is done", async () => {
    const outcomes = async () => {
      const s = make({ faults: { rate: 0.5, seed: 3, kinds: ["429", "500", "malformed"] } });
      const a = api(s.app, await token(s.app));
      const seen: string[] = [];
      for (let n = 0; n < 12; n++) {
        const r = await a.get("/company");
        seen.push(r.status === 200 && r.body === undefined ? "cut" : String(r.status));
      }
      await s.close();
      sandbox = undefined;
      return seen;
    };
    const first = await outcomes();
    expect(first).toEqual(await outcomes());
    expect(new Set(first)).toEqual(new Set(["200", "429", "500", "cut"]));
  });
});

describe("runProcountorSandbox (the CLI's entry point)", () => {
  let running: RunningProcountorSandbox | undefined;
  afterEach(async () => {
    await running?.sandbox.close();
    running = undefined;
  });
  it("serves a seeded Swedish ledger over HTTP", async () => {
    running = await runProcountorSandbox({ port: 0, seedToday: "2026-03-02" });
    expect(running.seeded).toEqual({ partners: 4, invoices: 7, payments: 1 });
    const t = await fetch(`${running.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form({ grant_type: "client_credentials", client_id: running.clientId, client_secret: running.clientSecret, api_key: running.apiKey }) });
    const { access_token } = (await t.json()) as { access_token: string };
    const res = await fetch(`${running.url}/invoices?status=PARTLY_PAID`, { headers: { authorization: `Bearer ${access_token}` } });
    const body = (await res.json()) as { results: { invoiceNumber: number; counterParty: { counterPartyAddress: { city: string } } }[] };
    expect(body.results.map((i) => [i.invoiceNumber, i.counterParty.counterPartyAddress.city])).toEqual([[5002, "Uppsala"]]);
  });

  it("starts the demo's company: seeded, with Fordring chosen as its collection partner", async () => {
    running = await startDemoProcountorSandbox({ today: "2026-03-02" });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.sandbox.ledger.company.settings.collectionPartner).toBe("Fordring");
    expect(running.seeded).toMatchObject({ invoices: 7 });
  });
});
