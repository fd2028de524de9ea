import { afterEach, describe, expect, it } from "vitest";
import { DEMO_COMPANIES } from "./server.js";
import { sandboxRig, type SandboxRig } from "./sandbox-test-kit.js";
import { seedCompany } from "./seed.js";

/**
 * The sandbox against the OpenAPI document: what it accepts and answers, the filters and paging
 * the document describes, a token per company, If-Match, the background path, the rate limit and
 * faults. Every answer of every test is checked against the document's schemas (afterEach).
 */
let r: SandboxRig | undefined;
afterEach(async () => {
  if (r) expect(r.sandbox.state.answerViolations).toEqual([]);
  await r?.close();
  r = undefined;
});

function small(rig: SandboxRig) {
  const c = rig.sandbox.company;
  c.addCustomer({ number: "10001", name: "Bjørnstad Rør AS", corporateId: "974760673", address: { line1: "Strandgata 5", postalCode: "9008", city: "TROMSØ" } });
  c.addCustomer({ number: "10002", name: "Åse Ødegård", isPerson: true, address: { line1: "Bjørkeveien 12", postalCode: "6002", city: "ÅLESUND" } });
  c.addInvoice({ referenceNumber: "100001", customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 1_250_00, paymentReference: "100010001007", dunningLevel: 2, dunningLetterDate: "2025-02-13" });
  c.addInvoice({ referenceNumber: "100002", customer: "10002", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 400_50, dunningLevel: 1, dunningLetterDate: "2025-01-30", excludeDebtCollection: true });
  c.addInvoice({ referenceNumber: "100003", customer: "10001", documentDate: "2025-02-20", dueDate: "2025-03-06", amountMinor: 99_00 });
  return c;
}

describe("Visma.net sandbox: authentication", () => {
  it("gives a token per company and shows each token its own company only", async () => {
    r = await sandboxRig();
    r.sandbox.companyFor(DEMO_COMPANIES[1]!.tenantId).addCustomer({ number: "20001", name: "Nordlys Kunde AS" });
    small(r);
    const first = await r.call("GET", "/v1/customer");
    const second = await r.call("GET", "/v1/customer", { company: DEMO_COMPANIES[1]! });
    expect((first.json as { number: string }[]).map((c) => c.number)).toEqual(["10001", "10002"]);
    expect((second.json as { number: string }[]).map((c) => c.number)).toEqual(["20001"]);
  });

  it("refuses a wrong secret, an unknown tenant, no token and an expired token", async () => {
    r = await sandboxRig({ tokenTtlSeconds: 60 });
    const form = (o: Record<string, string>) => fetch(`${r!.url}/connect/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(o).toString() });
    const c = DEMO_COMPANIES[0]!;
    expect((await form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: "wrong", tenant_id: c.tenantId })).status).toBe(400);
    const badTenant = await form({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, tenant_id: "999" });
    expect(await badTenant.json()).toMatchObject({ error: "invalid_tenant" });
    expect((await fetch(`${r.url}/v1/customer`)).status).toBe(401);
    const token = await r.token();
    expect((await r.call("GET", "/v1/customer", { token })).status).toBe(200);
    r.clock.advance(61_000);
    expect((await r.call("GET", "/v1/customer", { token })).status).toBe(401);
  });
});

describe("Visma.net sandbox: customer invoices and credit notes", () => {
  it("answers the dunning fields, the exclude flag and the debtCollection block", async () => {
    r = await sandboxRig();
    small(r);
    const res = await r.call("GET", "/v1/customerinvoice/100001");
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.json).toMatchObject({ referenceNumber: "100001", documentDueDate: "2025-01-16T00:00:00", amount: 1250, balance: 1250, dunningLetterLevel: 2, dunningLetterDate: "2025-02-13T00:00:00", excludeDebtCollection: false, debtCollection: {}, customer: { number: "10001" } });
    const excluded = await r.call("GET", "/v1/customerinvoice/100002");
    expect(excluded.json).toMatchObject({ excludeDebtCollection: true });
  });

  it("filters on dunning level, status, due date and lastModifiedDateTime with its condition", async () => {
    r = await sandboxRig();
    small(r);
    const refs = async (query: string) => ((await r!.call("GET", `/v1/customerinvoice?${query}`)).json as { referenceNumber: string }[]).map((d) => d.referenceNumber);
    expect(await refs("dunningLevel=2")).toEqual(["100001"]);
    expect(await refs("status=Open&documentDueDate=2025-02-01&documentDueDateCondition=%3C")).toEqual(["100001", "100002"]);
    r.clock.advance(60_000);
    r.sandbox.company.dun("100003", 1, "2025-03-20");
    expect(await refs("lastModifiedDateTime=2025-03-01%2009:00:30&lastModifiedDateTimeCondition=%3E")).toEqual(["100003"]);
    expect(await refs("lastModifiedDateTime=2025-03-01T09:00:00&lastModifiedDateTimeCondition=%3E%3D")).toEqual(["100001", "100002", "100003"]);
    const half = await r.call("GET", "/v1/customerinvoice?lastModifiedDateTime=2025-03-01");
    expect(half.status).toBe(400);
    expect(half.json).toMatchObject({ ExceptionMessage: expect.stringMatching(/mutually inclusive/) });
    expect((await r.call("GET", "/v1/customerinvoice?lastModifiedDateTime=01.03.2025&lastModifiedDateTimeCondition=%3E")).status).toBe(400);
  });

  it("pages with pageNumber/pageSize, limits the page size to the max and says both in metadata", async () => {
    r = await sandboxRig({ maxPageSize: 4 });
    seedCompany(r.sandbox.company, { customers: 3, invoicesPerCustomer: 3, seed: 2, today: "2025-03-01" });
    const page = async (q: string) => (await r!.call("GET", `/v1/customerinvoice?${q}`)).json as { referenceNumber: string; metadata: { totalCount: number; maxPageSize: number } }[];
    const p1 = await page("pageNumber=1&pageSize=100");
    expect(p1).toHaveLength(4);
    expect(p1[0]!.metadata).toEqual({ totalCount: 9, maxPageSize: 4 });
    const p3 = await page("pageNumber=3&pageSize=4");
    expect(p3.map((d) => d.referenceNumber)).toEqual(["100009"]);
    expect(await page("pageNumber=4&pageSize=4")).toEqual([]);
  });

  it("lists credit notes with their application to the invoice", async () => {
    r = await sandboxRig();
    const c = small(r);
    c.creditNote("100001", { amountMinor: 250_00, date: "2025-03-01" });
    const notes = (await r.call("GET", "/v1/customerCreditNote?expandApplications=true")).json as { referenceNumber: string; amount: number; applications: { refNbr: string; amountPaid: number }[] }[];
    expect(notes).toEqual([expect.objectContaining({ amount: 250, applications: [expect.objectContaining({ refNbr: "100001", amountPaid: 250 })] })]);
    const inv = (await r.call("GET", "/v1/customerinvoice/100001")).json as { balance: number; applications: { docType: string; refNbr: string }[] };
    expect(inv.balance).toBe(1000);
    expect(inv.applications).toEqual([expect.objectContaining({ docType: "CreditNote", refNbr: notes[0]!.referenceNumber })]);
  });

  it("updates the debtCollection block under If-Match and refuses a stale ETag with 412", async () => {
    r = await sandboxRig();
    small(r);
    const put = (etag: string, value: string) =>
      r!.call("PUT", "/v1/customerinvoice/100001", {
        headers: { "if-match": etag },
        body: { debtCollectionCaseNbr: { value }, debtCollectionCaseType: { value: "Inkasso" }, debtCollectionCaseStatus: { value: "Inkassovarsel sendt" }, debtCollectionCaseUrl: { value: `https://fordring.example/cases/${value}` } },
      });
    const ok = await put('"1"', "F-2025-000001");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("etag")).toBe('"2"');
    const stale = await put('"1"', "F-2025-000002");
    expect(stale.status).toBe(412);
    const inv = await r.call("GET", "/v1/customerinvoice/100001");
    expect((inv.json as { debtCollection: unknown }).debtCollection).toEqual({ caseNumber: "F-2025-000001", caseType: "Inkasso", caseStatus: "Inkassovarsel sendt", caseUrl: "https://fordring.example/cases/F-2025-000001" });
    expect(r.sandbox.company.counters.invoiceUpdates).toBe(1);
  });

  it("refuses a body that breaks the schema, naming the field, and changes nothing", async () => {
    r = await sandboxRig();
    small(r);
    const res = await r.call("PUT", "/v1/customerinvoice/100001", { body: { debtCollectionCaseNbr: "F-1", excludeDebtCollection: { value: "yes" } } });
    expect(res.status).toBe(400);
    expect((res.json as { ExceptionMessage: string }).ExceptionMessage).toMatch(/\/debtCollectionCaseNbr must be object/);
    expect(r.sandbox.company.invoice("100001").debtCollection.caseNumber).toBeNull();
  });

  it("creates an invoice through v2 with the given number and KID", async () => {
    r = await sandboxRig();
    small(r);
    const res = await r.call("POST", "/v2/customerinvoice", {
      body: { customerNumber: { value: "10002" }, documentDate: { value: "2025-03-01" }, documentDueDate: { value: "2025-03-15" }, referenceNumber: { value: "200001" }, overrideNumberSeries: { value: true }, paymentReference: { value: "100022000016" }, invoiceLines: [{ quantity: { value: 2 }, unitPriceInCurrency: { value: 312.25 }, description: { value: "Rørarbeid" } }] },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(/\/v1\/customerinvoice\/200001$/);
    expect((await r.call("GET", "/v1/customerinvoice/200001")).json).toMatchObject({ amount: 624.5, paymentReference: "100022000016", status: "Open" });
  });
});

describe("Visma.net sandbox: payments and journals", () => {
  it("creates a customer payment with payment lines, applies it on release, and lists it by invoice", async () => {
    r = await sandboxRig();
    small(r);
    const created = await r.call("POST", "/v1/customerPayment", {
      body: { type: { value: "Payment" }, customer: { value: "10001" }, applicationDate: { value: "2025-03-02" }, paymentRef: { value: "FD-1" }, cashAccount: { value: "1510" }, paymentAmount: { value: 500 }, referenceNumber: { value: "FD0000001" }, overrideNumberSeries: { value: true }, paymentLines: [{ operation: "Insert", documentType: { value: "Invoice" }, refNbr: { value: "100001" }, amountPaid: { value: 500 } }] },
    });
    expect(created.status).toBe(201);
    expect((await r.call("GET", "/v1/customerinvoice/100001")).json).toMatchObject({ balance: 1250 });
    expect((await r.call("POST", "/v1/customerPayment/FD0000001/action/release", { body: { type: { value: "Payment" } } })).json).toMatchObject({ actionResult: "Done" });
    expect((await r.call("GET", "/v1/customerinvoice/100001")).json).toMatchObject({ balance: 750 });
    const listed = (await r.call("GET", "/v1/customerPayment?invoiceRefNbr=100001")).json as { refNbr: string; status: string; paymentLines: { refNbr: string; amountPaid: number }[] }[];
    expect(listed).toEqual([expect.objectContaining({ refNbr: "FD0000001", status: "Closed", paymentLines: [expect.objectContaining({ refNbr: "100001", amountPaid: 500 })] })]);
    expect((await r.call("POST", "/v1/customerPayment/FD0000001/action/release", { body: { type: { value: "Payment" } } })).status).toBe(400);
  });

  it("creates a journal transaction, refuses one out of balance, and releases it once", async () => {
    r = await sandboxRig();
    const line = (account: string, debit: number, credit: number) => ({ operation: "Insert", accountNumber: { value: account }, debitAmountInCurrency: { value: debit }, creditAmountInCurrency: { value: credit }, transactionDescription: { value: "Oppgjør" } });
    const body = (lines: unknown[]) => ({ transactionDate: { value: "2025-03-03" }, description: { value: "Oppgjør inkasso" }, batchNumber: { value: "FDJ000001" }, overrideNumberSeries: { value: true }, journalTransactionLines: lines });
    expect((await r.call("POST", "/v2/journaltransaction", { body: body([line("1920", 100, 0), line("1510", 0, 99)]) })).status).toBe(400);
    expect((await r.call("POST", "/v2/journaltransaction", { body: body([line("1920", 100, 0), line("1510", 0, 100)]) })).status).toBe(201);
    expect((await r.call("GET", "/v2/journaltransaction/FDJ000001")).json).toMatchObject({ status: "Balanced", debitTotal: 100, journalTransactionLines: [{ accountNumber: "1920" }, { accountNumber: "1510" }] });
    expect((await r.call("POST", "/v2/journaltransaction/FDJ000001/action/release")).status).toBe(200);
    expect((await r.call("POST", "/v2/journaltransaction/FDJ000001/action/release")).status).toBe(400);
    expect(r.sandbox.company.accountBalance("1510")).toBe(-100_00);
    expect((await r.call("POST", "/v2/journaltransaction", { body: body([line("1920", 100, 0), line("1510", 0, 100)]) })).status).toBe(400);
  });
});

describe("Visma.net sandbox: background requests, rate limit, faults", () => {
  it("accepts an erp-api-background request with 202, runs it, and reports its state and content", async () => {
    r = await sandboxRig();
    small(r);
    const accepted = await r.call("PUT", "/v1/customerinvoice/100001", { headers: { "erp-api-background": "none" }, body: { debtCollectionCaseNbr: { value: "F-9" } } });
    expect(accepted.status).toBe(202);
    const { id, stateLocation } = accepted.json as { id: string; stateLocation: string };
    expect(stateLocation).toMatch(new RegExp(`/v1/background/${id}$`));
    let state: { status: string; statusCode: number } | undefined;
    for (let i = 0; i < 50 && state?.status !== "Finished"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      state = (await r.call("GET", `/v1/background/${id}`)).json as { status: string; statusCode: number };
    }
    expect(state).toMatchObject({ status: "Finished", statusCode: 204 });
    expect(r.sandbox.company.invoice("100001").debtCollection.caseNumber).toBe("F-9");
    const list = await r.call("GET", "/v1/customerinvoice?dunningLevel=2", { headers: { "erp-api-background": "none" } });
    const listId = (list.json as { id: string }).id;
    for (let i = 0; i < 50 && ((await r.call("GET", `/v1/background/${listId}`)).json as { status: string }).status !== "Finished"; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(((await r.call("GET", `/v1/background/${listId}/content`)).json as { referenceNumber: string }[]).map((d) => d.referenceNumber)).toEqual(["100001"]);
    expect((await r.call("GET", `/v1/background/${id}`, { company: DEMO_COMPANIES[1]! })).status).toBe(403);
  });

  it("a stuck background request never runs and never finishes", async () => {
    r = await sandboxRig({ faults: { rate: 1, kinds: ["stuck"] } });
    small(r);
    const accepted = await r.call("PUT", "/v1/customerinvoice/100001", { headers: { "erp-api-background": "none" }, body: { debtCollectionCaseNbr: { value: "F-9" } } });
    expect(accepted.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const { id } = accepted.json as { id: string };
    expect((await r.call("GET", `/v1/background/${id}`)).json).toMatchObject({ status: "Started", statusCode: 0 });
    expect(r.sandbox.company.invoice("100001").debtCollection.caseNumber).toBeNull();
    expect((await r.call("GET", "/v1/customer")).status).toBe(200);
  });

  it("limits requests per company and client in a fixed window, with Retry-After and the X-RateLimit headers", async () => {
    r = await sandboxRig({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    let last: Headers | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await r.call("GET", "/v1/customer");
      statuses.push(res.status);
      last = res.headers;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.get("retry-after")).toBe("60");
    expect(last!.get("x-ratelimit-policy")).toBe("4-fixed-window");
    expect((await r.call("GET", "/v1/customer", { company: DEMO_COMPANIES[1]! })).status).toBe(200);
    r.clock.advance(60_000);
    expect((await r.call("GET", "/v1/customer")).status).toBe(200);
  });

  it("in fault mode answers 429, 500 and cut bodies, the same way for the same seed", async () => {
    const run = async () => {
      const rig = await sandboxRig({ faults: { rate: 0.5, kinds: ["429", "500", "malformed"], seed: 7 } });
      small(rig);
      const out: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await rig.call("GET", "/v1/customerinvoice/100001");
        out.push(res.status === 200 && res.json === undefined ? "cut" : String(res.status));
      }
      await rig.close();
      return out;
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(new Set(a)).toEqual(new Set(["200", "429", "500", "cut"]));
  });
});
