import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../domain/calendar/local-date.js";
import { DEMO_COMPANIES } from "../integration/visma-net/sandbox/index.js";
import { PROCOUNTOR_STATE_FILE, startDemoProcountor, startDemoVismaNet, VISMA_NET_STATE_FILE } from "./demo-ledgers.js";

/**
 * The demo's Procountor ledger (UPPSALA's) and Visma.net ledger (RORLEGGER's) kept in the data
 * directory (issue 17): what is written through the sandbox's API is there after a restart, and a
 * corrupt state file stops the start.
 */
const seededOn = LocalDate.parse("2026-11-20");
const clock = { now: () => new Date("2026-12-01T09:00:00Z") };
const running: { stop(): Promise<void> }[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), "fordring-demo-procountor-"));
  dirs.push(d);
  return d;
}

async function start(dir: string, restore?: boolean) {
  const p = await startDemoProcountor({ seededOn, clock, dataDir: dir, ...(restore === undefined ? {} : { restore }) });
  running.push(p);
  return p;
}

async function stop(p: { stop(): Promise<void> }): Promise<void> {
  running.splice(running.indexOf(p), 1);
  await p.stop();
}

/** A client of the sandbox over HTTP, as the sync talks to it. */
async function client(p: Awaited<ReturnType<typeof start>>) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: p.clientId, client_secret: p.clientSecret, api_key: p.apiKey });
  const t = await fetch(`${p.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  expect(t.status).toBe(200);
  const { access_token } = (await t.json()) as { access_token: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${p.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { results?: Record<string, unknown>[] } };
  };
  return { get: (u: string) => call("GET", u), put: (u: string, b: unknown) => call("PUT", u, b), post: (u: string, b: unknown) => call("POST", u, b) };
}

const journal = {
  type: "JOURNAL",
  name: "Inkasso redovisning 2026-11",
  receiptDate: "2026-12-01",
  vatType: "SALES",
  vatStatus: 1,
  transactions: [
    { transactionType: "ENTRY", account: "1930", accountingValue: 500, vatPercent: 0 },
    { transactionType: "ENTRY", account: "1510", accountingValue: -500, vatPercent: 0, description: "Fordring" },
  ],
};

describe("the demo's Procountor ledger in the data directory", () => {
  it("keeps notes, journals and payments written through the API across a restart, and continues its ids", async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const a = await client(first);
    const invoices = (await a.get("/invoices")).body.results!;
    const invoiceId = invoices[0]!["id"] as number;
    expect((await a.put(`/invoices/${invoiceId}/notes`, { notes: "Inkasso: ärende S-2026-0042" })).status).toBe(200);
    const posted = await a.post("/ledgerreceipts", journal);
    expect(posted.status).toBe(200);
    const receiptId = posted.body["id"] as number;
    expect((await a.post("/_test/pay", { invoiceId, amount: 100.5, paymentDate: "2026-12-01" })).status).toBe(200);
    const before = (await a.get(`/invoices/${invoiceId}`)).body;
    await stop(first);

    const saved = JSON.parse(await fs.readFile(path.join(dir, PROCOUNTOR_STATE_FILE), "utf8")) as { version: number };
    expect(saved.version).toBe(1);

    const second = await start(dir);
    const b = await client(second);
    const after = (await b.get(`/invoices/${invoiceId}`)).body;
    expect(after["notes"]).toBe("Inkasso: ärende S-2026-0042");
    expect(after["version"]).toBe(before["version"]);
    expect(after).toEqual(before);
    const events = (await b.get(`/invoices/${invoiceId}/paymentevents`)).body.results!;
    expect(events.map((e) => e["amount"])).toEqual([100.5]);
    const receipt = await b.get(`/ledgerreceipts/${receiptId}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body["name"]).toBe("Inkasso redovisning 2026-11");
    // Ids handed out after the restart do not repeat the saved ones.
    const next = await b.post("/ledgerreceipts", { ...journal, name: "Inkasso redovisning 2026-12" });
    expect(next.status).toBe(200);
    expect(next.body["id"]).not.toBe(receiptId);
    expect((await b.get(`/ledgerreceipts/${receiptId}`)).body["name"]).toBe("Inkasso redovisning 2026-11");
  });

  it("saves after a write without waiting for the stop", async () => {
    const dir = await dataDir();
    const p = await start(dir);
    const a = await client(p);
    const invoiceId = (await a.get("/invoices")).body.results![0]!["id"] as number;
    await a.put(`/invoices/${invoiceId}/notes`, { notes: "skrivet före kraschen" });
    const file = path.join(dir, PROCOUNTOR_STATE_FILE);
    await expect.poll(async () => (await fs.readFile(file, "utf8")).includes("skrivet före kraschen"), { timeout: 3_000 }).toBe(true);
  });

  it("refuses a corrupt state file with an error naming it, and leaves the file as it was", async () => {
    const dir = await dataDir();
    const file = path.join(dir, PROCOUNTOR_STATE_FILE);
    await fs.writeFile(file, '{"version": 1, "state": {"compan');
    await expect(startDemoProcountor({ seededOn, clock, dataDir: dir })).rejects.toThrow(file);
    await fs.writeFile(file, JSON.stringify({ version: 1, state: { companies: [{ apiKey: "pts-sandbox-api-key-norrsken" }] } }));
    await expect(startDemoProcountor({ seededOn, clock, dataDir: dir })).rejects.toThrow(file);
    await fs.writeFile(file, JSON.stringify({ version: 7, state: {} }));
    await expect(startDemoProcountor({ seededOn, clock, dataDir: dir })).rejects.toThrow(/demo-procountor\.json is not a version 1 state file/);
    expect(await fs.readFile(file, "utf8")).toBe(JSON.stringify({ version: 7, state: {} }));
  });

  it("starts from the seed when there is no file, and the seeding (restore: false) overwrites an older one", async () => {
    const dir = await dataDir();
    const first = await start(dir);
    const a = await client(first);
    const invoiceId = (await a.get("/invoices")).body.results![0]!["id"] as number;
    const seededNotes = (await a.get(`/invoices/${invoiceId}`)).body["notes"];
    await a.put(`/invoices/${invoiceId}/notes`, { notes: "från förra demon" });
    await stop(first);
    const reseeded = await start(dir, false);
    expect((await (await client(reseeded)).get(`/invoices/${invoiceId}`)).body["notes"]).toBe(seededNotes);
    await stop(reseeded);
    const restarted = await start(dir);
    expect((await (await client(restarted)).get(`/invoices/${invoiceId}`)).body["notes"]).toBe(seededNotes);
  });
});

describe("the demo's Visma.net ledger in the data directory", () => {
  async function startVisma(dir: string) {
    const v = await startDemoVismaNet({ seededOn, clock, dataDir: dir });
    running.push(v);
    return v;
  }
  async function call(url: string, method: string, p: string, body?: unknown) {
    const company = DEMO_COMPANIES[0]!;
    const t = await fetch(`${url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: company.clientId, client_secret: company.clientSecret, tenant_id: company.tenantId, scope: "vismanet_erp_service_api:update" }).toString(),
    });
    const { access_token } = (await t.json()) as { access_token: string };
    const res = await fetch(`${url}${p}`, { method, headers: { authorization: `Bearer ${access_token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, etag: res.headers.get("etag"), text: await res.text() };
  }

  it("keeps a case number written on an invoice across a restart, with its ETag", async () => {
    const dir = await dataDir();
    const first = await startVisma(dir);
    const invoices = JSON.parse((await call(first.url, "GET", "/v1/customerinvoice")).text) as { referenceNumber: string }[];
    const ref = invoices[0]!.referenceNumber;
    const put = await call(first.url, "PUT", `/v1/customerinvoice/${ref}`, { debtCollectionCaseNbr: { value: "F-2026-0777" } });
    expect(put.status).toBe(204);
    const before = await call(first.url, "GET", `/v1/customerinvoice/${ref}`);
    expect(before.text).toContain("F-2026-0777");
    await stop(first);

    const second = await startVisma(dir);
    const after = await call(second.url, "GET", `/v1/customerinvoice/${ref}`);
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
    expect(after.etag).toBe(before.etag);
  });

  it("refuses a corrupt state file with an error naming it", async () => {
    const dir = await dataDir();
    const file = path.join(dir, VISMA_NET_STATE_FILE);
    await fs.writeFile(file, "not json");
    await expect(startDemoVismaNet({ seededOn, clock, dataDir: dir })).rejects.toThrow(file);
    await fs.writeFile(file, JSON.stringify({ version: 1, state: { companies: [{ tenantId: DEMO_COMPANIES[0]!.tenantId, customers: [] }] } }));
    await expect(startDemoVismaNet({ seededOn, clock, dataDir: dir })).rejects.toThrow(file);
  });
});
