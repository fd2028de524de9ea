import { afterEach, describe, expect, it } from "vitest";
import { apiCaller, fetchToken, manualClock } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";
import { VersionedTable } from "./table.js";

describe("VersionedTable", () => {
  it("answers as of an instant within the lag window, and only the latest without a lag", () => {
    const table = new VersionedTable<string, number>(1000);
    table.set("a", 1, -Infinity);
    table.set("a", 2, 10_000);
    table.set("b", 7, 10_500);
    table.delete("a", 10_800);
    expect(table.get("a", 9_999)).toBe(1);
    expect(table.get("a", 10_000)).toBe(2);
    expect(table.get("a", 10_800)).toBeUndefined();
    expect([...table.values(10_499)]).toEqual([2]);
    expect([...table.values(10_600)].sort()).toEqual([2, 7]);
    expect([...table.values()]).toEqual([7]);
    const plain = new VersionedTable<string, number>(0);
    plain.set("a", 1, 5);
    expect(plain.get("a", 0)).toBe(1);
  });
});

describe("replica lag (limitations.md 'Live data')", () => {
  let sandbox: PowerOfficeSandbox;
  afterEach(() => sandbox.close());

  it("GETs see a POST only after the lag has passed on the injected clock", async () => {
    const clock = manualClock("2025-03-01T09:00:00Z");
    sandbox = createPowerOfficeSandbox({ clock, replicaLagMs: 1000 });
    sandbox.seed({
      customers: [{ code: 10001, name: "Håvard Strøm", isPerson: true }],
      invoices: [{ invoiceNo: 1, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amount: "400.00", status: "Approved" }],
    });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    // Seeded data is there from the start.
    const [available] = (await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.data;
    expect(available.invoiceNo).toBe(1);

    const created = (await api.post("/DebtCollection/", { code: "AG-1", invoices: [{ id: available.id }] })).body.data;
    expect(created.code).toBe("AG-1"); // the write's own answer comes from the primary
    expect((await api.get(`/DebtCollection/${created.id}/`)).body.validation.exception).toBe("NotFoundException");
    expect((await api.get("/DebtCollection/")).body.count).toBe(0);
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.count).toBe(1);

    clock.advance(999);
    expect((await api.get("/DebtCollection/")).body.count).toBe(0);
    clock.advance(1);
    expect((await api.get(`/DebtCollection/${created.id}/`)).body.data.code).toBe("AG-1");
    expect((await api.get("/DebtCollection/Invoices/AvailableInvoices/")).body.count).toBe(0);
  });

  it("also delays the ledger side's writes and deletions", async () => {
    const clock = manualClock("2025-03-01T09:00:00Z");
    sandbox = createPowerOfficeSandbox({ clock, replicaLagMs: 1500 });
    sandbox.seed({
      customers: [{ code: 10001, name: "Pål Våge", isPerson: true }],
      invoices: [{ invoiceNo: 1, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amount: "400.00", status: "Approved" }],
    });
    const api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
    const id = sandbox.ledger.invoiceByNo(1).id;
    const c = (await api.post("/DebtCollection/", { code: "AG-1", invoices: [{ id }] })).body.data;
    clock.advance(1500);
    sandbox.ledger.registerPayment(id, { amountMinor: 100_00, date: "2025-03-01" });
    await api.del(`/DebtCollection/${c.id}`);
    expect((await api.get(`/DebtCollection/MatchedItems/${id}`)).body.count).toBe(0);
    expect((await api.get(`/DebtCollection/${c.id}`)).body.data.invoices[0].remainingAmount).toBe(400);
    clock.advance(1500);
    expect((await api.get(`/DebtCollection/MatchedItems/${id}`)).body.count).toBe(1);
    expect((await api.get(`/DebtCollection/${c.id}`)).body.success).toBe(false);
  });
});
