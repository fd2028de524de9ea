import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiCaller, fetchToken, manualClock, type ApiCaller, type ManualClock } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";

let sandbox: PowerOfficeSandbox;
let clock: ManualClock;
let api: ApiCaller;
let ids: string[];

/** Four invoices of 1 250,00 for customer 10001: 1001–1003 approved, 1004 only in draft. */
beforeEach(async () => {
  clock = manualClock("2025-03-01T09:00:00Z");
  sandbox = createPowerOfficeSandbox({ clock });
  const ledger = sandbox.ledger;
  ledger.addCustomer({ code: 10001, name: "Bjørn Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } });
  ids = [1001, 1002, 1003, 1004].map((invoiceNo) => ledger.addInvoice({ invoiceNo, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 1_250_00 }).id);
  for (const id of ids) ledger.sendToDebtCollection(id, "2025-03-01");
  for (const id of ids.slice(0, 3)) ledger.approve(id);
  api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
});
afterEach(() => sandbox.close());

const createCase = (code: string, invoiceIds: string[], extra: Record<string, unknown> = {}) =>
  api.post("/DebtCollection/", { code, invoices: invoiceIds.map((id) => ({ id })), externalCaseUrl: `https://agency.example/cases/${code}`, balanceAgency: 1234.5, ...extra });

describe("DebtCollection service", () => {
  it("IsActiveDebtCollection answers {data: bool, success}", async () => {
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).body).toEqual({ data: true, success: true });
    sandbox.ledger.setActiveDebtCollection(false);
    expect((await api.get("/DebtCollection/IsActiveDebtCollection/")).body).toEqual({ data: false, success: true });
  });

  it("AvailableInvoices lists the approved invoices only, as a DataPage of DebtCollectionInvoice", async () => {
    const res = await api.get("/DebtCollection/Invoices/AvailableInvoices/?$orderby=InvoiceNo asc");
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.body.count).toBe(3);
    expect(res.body.data.map((i: { invoiceNo: number }) => i.invoiceNo)).toEqual([1001, 1002, 1003]);
    expect(res.body.data[0]).toEqual({
      id: ids[0],
      customerCode: 10001,
      invoiceDate: "2025-01-01",
      invoiceNo: 1001,
      dueDate: "2025-01-15",
      originalAmount: 1250,
      remainingAmount: 1250,
      currencyCode: "NOK",
      cID: expect.stringMatching(/^\d+$/),
      lastChanged: "2025-03-01T09:00:00 +00:00",
      originalPostedAmount: 1250,
    });
    expect(res.raw).toContain('"originalAmount":1250.00');
  });

  it("AvailableInvoices pages with $top/$skip, filters on PascalCase fields and takes ?options=", async () => {
    const page = await api.get("/DebtCollection/Invoices/AvailableInvoices/?$orderby=InvoiceNo desc&$top=1&$skip=1");
    expect(page.body.data.map((i: { invoiceNo: number }) => i.invoiceNo)).toEqual([1002]);
    expect(page.body.count).toBe(3);
    const filtered = await api.get(`/DebtCollection/Invoices/AvailableInvoices/?$filter=${encodeURIComponent("(InvoiceNo eq 1003 and CustomerCode eq 10001)")}`);
    expect(filtered.body.data.map((i: { invoiceNo: number }) => i.invoiceNo)).toEqual([1003]);
    const options = encodeURIComponent("$filter=(InvoiceNo ge 1002)&$orderby=InvoiceNo&$top=1");
    const viaOptions = await api.get(`/DebtCollection/Invoices/AvailableInvoices?options=${options}`);
    expect(viaOptions.body).toMatchObject({ count: 2, data: [{ invoiceNo: 1002 }] });
  });

  it("answers success=false with exception OData for an invalid filter or paging without $orderby", async () => {
    const bad = await api.get(`/DebtCollection/Invoices/AvailableInvoices/?$filter=${encodeURIComponent("(InvoiceNo eqq 1)")}`);
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ success: false, validation: { errorLogReference: expect.stringMatching(/^[0-9a-z]{11}-\d{10}$/), summary: expect.any(String), exception: "OData" } });
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/?$top=1")).body.validation.exception).toBe("OData");
    const dateTimeOnOffset = await api.get(`/DebtCollection/?$filter=${encodeURIComponent("(LastChanged gt DateTime'2025-01-01')")}`);
    expect(dateTimeOnOffset.body.validation.exception).toBe("OData");
  });

  it("answers SecurityException for AvailableInvoices and new cases when debt collection is inactive", async () => {
    sandbox.ledger.setActiveDebtCollection(false);
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.validation.exception).toBe("SecurityException");
    expect((await createCase("AG-1", [ids[0]!])).body.validation.exception).toBe("SecurityException");
  });

  it("POST creates a case: status Active, invoices Exported (4) with the code, gone from AvailableInvoices", async () => {
    clock.advance(60_000);
    const res = await createCase("AG-100", [ids[0]!, ids[1]!]);
    expect(res.body).toEqual({
      data: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        code: "AG-100",
        status: 0,
        invoices: [expect.objectContaining({ id: ids[0], invoiceNo: 1001 }), expect.objectContaining({ id: ids[1], invoiceNo: 1002 })],
        externalCaseUrl: "https://agency.example/cases/AG-100",
        balanceAgency: 1234.5,
        lastChanged: "2025-03-01T09:01:00 +00:00",
        invoiceLastChanged: "2025-03-01T09:01:00 +00:00",
      },
      success: true,
    });
    expect(sandbox.ledger.invoice(ids[0]!)).toMatchObject({ dcStatus: 4, debtCollectionCode: "AG-100", caseId: res.body.data.id });
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.count).toBe(1);
    expect(sandbox.state.tenant().counters.casesCreated).toBe(1);
  });

  it("refuses a case for an invoice that is not available (draft, already taken or unknown)", async () => {
    const draft = await createCase("AG-1", [ids[3]!]);
    expect(draft.body).toMatchObject({ success: false, validation: { exception: "InvalidOperationException", summary: expect.stringContaining("1004") } });
    await createCase("AG-2", [ids[0]!]);
    expect((await createCase("AG-3", [ids[0]!])).body.validation.summary).toContain("already on debt collection case AG-2");
    expect((await createCase("AG-4", ["00000000-0000-4000-8000-000000000000"])).body.validation.exception).toBe("NotFoundException");
    expect(sandbox.state.tenant().counters.casesCreated).toBe(1);
  });

  it("validates the body against DebtCollectionCase: unknown fields, bad Guids, missing code", async () => {
    const unknown = await createCase("AG-1", [ids[0]!], { caseNumber: "x" });
    expect(unknown.body.validation).toMatchObject({ exception: "ValidationException", fields: { caseNumber: "Unknown property" } });
    const badGuid = await api.post("/DebtCollection/", { code: "AG-1", invoices: [{ id: "1001" }] });
    expect(badGuid.body.validation.fields).toEqual({ "invoices[0].id": "must be a Guid" });
    const noCode = await api.post("/DebtCollection/", { invoices: [{ id: ids[0] }] });
    expect(noCode.body.validation.fields).toEqual({ code: expect.stringContaining("Required") });
    const badAmount = await createCase("AG-1", [ids[0]!], { balanceAgency: 10.005 });
    expect(badAmount.body.validation.fields).toEqual({ balanceAgency: "must be an amount with at most 2 decimals" });
  });

  it("POST with an existing id updates the case; with an unknown id it fails", async () => {
    const created = (await createCase("AG-1", [ids[0]!])).body.data;
    const updated = await api.post("/DebtCollection/", { id: created.id, code: "AG-1B", externalCaseUrl: "https://agency.example/x", balanceAgency: 99 });
    expect(updated.body.data).toMatchObject({ id: created.id, code: "AG-1B", balanceAgency: 99, externalCaseUrl: "https://agency.example/x" });
    expect(sandbox.ledger.invoice(ids[0]!).debtCollectionCode).toBe("AG-1B");
    expect((await api.post("/DebtCollection/", { id: "00000000-0000-4000-8000-000000000000", code: "x" })).body.validation.exception).toBe("NotFoundException");
    expect(sandbox.state.tenant().counters).toMatchObject({ casesCreated: 1, caseUpdates: 1 });
  });

  it("GET lists cases with OData on LastChanged/InvoiceLastChanged and GET {id} returns one", async () => {
    const a = (await createCase("AG-1", [ids[0]!])).body.data;
    clock.advance(600_000);
    const b = (await createCase("AG-2", [ids[1]!])).body.data;
    const all = await api.get("/DebtCollection/");
    expect(all.body.count).toBe(2);
    const recent = await api.get(`/DebtCollection/?$filter=${encodeURIComponent("(LastChanged gt DateTimeOffset'2025-03-01T11:05:00+02:00')")}`);
    expect(recent.body.data.map((c: { id: string }) => c.id)).toEqual([b.id]);
    const byInvoice = await api.get(`/DebtCollection/?$filter=${encodeURIComponent("(InvoiceLastChanged le DateTimeOffset'2025-03-01T09:00:00Z' and Status eq 0)")}`);
    expect(byInvoice.body.data.map((c: { id: string }) => c.id)).toEqual([a.id]);
    expect((await api.get(`/DebtCollection/${a.id}/`)).body).toMatchObject({ data: { id: a.id, code: "AG-1" }, success: true });
    expect((await api.get(`/debtcollection/${a.id.toUpperCase()}`)).body.data.id).toBe(a.id);
    expect((await api.get("/DebtCollection/00000000-0000-4000-8000-000000000000/")).body.validation.exception).toBe("NotFoundException");
  });

  it("DELETE rejects the case: invoices Rejected (10), code cleared, nested Success body", async () => {
    const c = (await createCase("AG-1", [ids[0]!])).body.data;
    const res = await api.del(`/DebtCollection/${c.id}/`);
    expect(res.body).toEqual({ data: { success: true }, success: true });
    expect(sandbox.ledger.invoice(ids[0]!)).toMatchObject({ dcStatus: 10, debtCollectionCode: undefined, caseId: undefined });
    expect((await api.get(`/DebtCollection/${c.id}/`)).body.success).toBe(false);
    expect((await api.del(`/DebtCollection/${c.id}/`)).body.validation.exception).toBe("NotFoundException");
  });

  it("DELETE answers a bare {success:true} in that mode", async () => {
    const bare = createPowerOfficeSandbox({ successShape: "bare" });
    bare.ledger.addCustomer({ code: 10001, name: "X" });
    const inv = bare.ledger.addInvoice({ customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 100_00 });
    bare.ledger.transition(inv.id, "send");
    bare.ledger.approve(inv.id);
    const b = apiCaller(bare.app, await fetchToken(bare.app));
    const c = (await b.post("/DebtCollection/", { code: "X-1", invoices: [{ id: inv.id }] })).body.data;
    expect((await b.del(`/DebtCollection/${c.id}`)).body).toEqual({ success: true });
    await bare.close();
  });

  it("AddInvoicesToCase attaches available invoices and refuses the others", async () => {
    const c = (await createCase("AG-1", [ids[0]!])).body.data;
    const res = await api.post("/DebtCollection/AddInvoicesToCase/", { caseId: c.id, invoiceIds: [ids[1], ids[2]] });
    expect(res.body.data.invoices.map((i: { invoiceNo: number }) => i.invoiceNo)).toEqual([1001, 1002, 1003]);
    expect(sandbox.ledger.invoice(ids[2]!)).toMatchObject({ dcStatus: 4, debtCollectionCode: "AG-1" });
    expect((await api.post("/DebtCollection/AddInvoicesToCase/", { caseId: c.id, invoiceIds: [ids[3]] })).body.validation.exception).toBe("InvalidOperationException");
    expect((await api.post("/DebtCollection/AddInvoicesToCase/", { invoiceIds: [ids[3]] })).body.validation.fields).toEqual({ caseId: "Required" });
  });

  it("MergeCases keeps one case with the new number and deletes the others", async () => {
    const a = (await createCase("AG-1", [ids[0]!], { balanceAgency: 100 })).body.data;
    const b = (await createCase("AG-2", [ids[1]!], { balanceAgency: 50.25 })).body.data;
    const res = await api.post("/DebtCollection/MergeCases/", { caseIds: [a.id, b.id], caseNo: "AG-12", externalCaseUrl: "https://agency.example/12" });
    expect(res.body.data).toMatchObject({ id: a.id, code: "AG-12", balanceAgency: 150.25, externalCaseUrl: "https://agency.example/12" });
    expect(res.body.data.invoices).toHaveLength(2);
    expect((await api.get("/DebtCollection/")).body.count).toBe(1);
    expect(sandbox.ledger.invoice(ids[1]!)).toMatchObject({ caseId: a.id, debtCollectionCode: "AG-12" });
  });

  it("UpdateStatus sets Active by default, closes with isCaseClosed, replaces the balance, and requires caseId and statusText", async () => {
    const c = (await createCase("AG-1", [ids[0]!])).body.data;
    clock.advance(1000);
    const closed = await api.post("/DebtCollection/UpdateStatus/", { caseId: c.id, statusText: "Betalt i sin helhet", isCaseClosed: true, updatedBalanceAgency: 0 });
    expect(closed.body.data).toMatchObject({ status: 10, balanceAgency: 0, lastChanged: "2025-03-01T09:00:01 +00:00" });
    const reopened = await api.post("/DebtCollection/UpdateStatus/", { caseId: c.id, statusText: "Gjenåpnet" });
    expect(reopened.body.data).toMatchObject({ status: 0, balanceAgency: 0 });
    expect((await api.post("/DebtCollection/UpdateStatus/", { caseId: c.id })).body.validation.fields).toEqual({ statusText: "Required" });
    expect((await api.post("/DebtCollection/UpdateStatus/", { statusText: "x" })).body.validation.fields).toEqual({ caseId: "Required" });
    expect((await api.post("/DebtCollection/UpdateStatus/", { caseId: "00000000-0000-4000-8000-000000000000", statusText: "x" })).body.validation.exception).toBe("NotFoundException");
    expect(sandbox.state.tenant().counters.statusUpdates.get(c.id)!.map((u) => u.statusText)).toEqual(["Betalt i sin helhet", "Gjenåpnet"]);
  });

  it("accepts the legacy ?request=<json> form of UpdateStatus", async () => {
    const c = (await createCase("AG-1", [ids[0]!])).body.data;
    const res = await api.post(`/DebtCollection/UpdateStatus?request=${encodeURIComponent(JSON.stringify({ caseId: c.id, statusText: "Inkassovarsel sendt" }))}`);
    expect(res.body).toMatchObject({ success: true, data: { id: c.id } });
  });

  it("MatchedItems and GetAllMatchedItems show payments matched to case invoices", async () => {
    await createCase("AG-1", [ids[0]!]);
    clock.advance(60_000);
    sandbox.ledger.registerPayment(ids[0]!, { amountMinor: 250_00, date: "2025-03-01", voucherType: "IncomingOcrGiro", paidFromBankAccount: "12345678903" });
    const items = await api.get(`/DebtCollection/MatchedItems/${ids[0]}/`);
    expect(items.body).toEqual({
      data: [
        {
          id: expect.any(Number),
          customerCode: 10001,
          voucherDate: "2025-03-01",
          postingDate: "2025-03-01",
          voucherNo: expect.any(Number),
          voucherType: 9,
          amount: -250,
          currencyAmount: -250,
          currencyCode: "NOK",
          cID: sandbox.ledger.invoice(ids[0]!).cid,
          voucherId: expect.any(String),
          isWriteOff: false,
          lastChanged: "2025-03-01T09:01:00 +00:00",
          isNoteMainEntry: false,
          matchId: expect.any(Number),
          paidFromAccount: "12345678903",
        },
      ],
      count: 1,
      success: true,
    });
    const since = await api.get("/DebtCollection/GetAllMatchedItems?fromDateTime=2025-03-01T09:00:30");
    expect(since.body).toMatchObject({ count: 1, data: [{ matchedItems: [{ amount: -250 }] }] });
    expect((await api.get("/DebtCollection/GetAllMatchedItems?fromDateTime=2025-03-01T09:01:00")).body.count).toBe(0);
    expect((await api.get("/DebtCollection/GetAllMatchedItems/2025-03-01T09:00:30")).body.count).toBe(1);
    expect((await api.get("/DebtCollection/GetAllMatchedItems")).body.validation.exception).toBe("ValidationException");
    expect((await api.get("/DebtCollection/MatchedItems/00000000-0000-4000-8000-000000000000/")).body.validation.exception).toBe("NotFoundException");
  });

  it("GetInvoicePdf answers application/pdf bytes, or success=false for an unknown invoice", async () => {
    const res = await sandbox.app.inject({ method: "GET", url: `/DebtCollection/GetInvoicePdf/${ids[0]}/`, headers: { authorization: `Bearer ${await fetchToken(sandbox.app)}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(res.rawPayload.toString("latin1")).toContain("(Faktura 1001)");
    expect((await api.get("/DebtCollection/GetInvoicePdf/00000000-0000-4000-8000-000000000000/")).body.success).toBe(false);
  });

  it("answers 404 for a route the vendor does not have", async () => {
    expect((await api.get("/DebtCollection/Receipt/")).status).toBe(200); // GET DebtCollection/{id} with a non-Guid id
    expect((await api.get("/DebtCollection/Receipt/")).body.validation.exception).toBe("NotFoundException");
    expect((await api.get("/Nope/")).status).toBe(404);
  });
});
