import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { runSettlement, settlePeriod } from "../../src/settlement/run-settlement.js";
import { renderRemittancePdf } from "../../src/settlement/remittance-pdf.js";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";

const rules = loadRuleBook();
const minor = (s: string) => Math.round(Number(s) * 100);
let t: TestDatabase;
let creditorId: string;
let caseIds: string[];

beforeAll(async () => {
  t = await createTestDatabase();
  [creditorId] = (await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 3, openedOn: "2025-03-03" })) as [string];
  await runCycleDay(t.database, creditorId, LocalDate.parse("2025-03-03"), { agency: agencyFromEnv(), rules });
  caseIds = (await t.database.query<{ id: string }>("select id from cases order by case_number")).map((c) => c.id);
  const pay = (caseId: string, amountMinor: number, channel: "agency" | "creditor", ref: string) =>
    t.database.transaction((tx) => recordPayment(tx, { agency: agencyFromEnv(), caseId, amountMinor, receivedOn: LocalDate.parse("2025-03-10"), channel, source: "test", externalRef: ref, today: LocalDate.parse("2025-03-10"), actor: "test", rules }));
  await pay(caseIds[0]!, 400_00, "agency", "p1");
  await pay(caseIds[1]!, 250_00, "creditor", "p2");
});
afterAll(async () => {
  await t.drop();
});

describe("the settlement run", () => {
  it("splits what was collected, conserves every øre, balances its voucher, and settles a period once", async () => {
    const run = await runSettlement(t.database, { creditorId, from: LocalDate.parse("2025-03-01"), to: LocalDate.parse("2025-03-31"), settledOn: LocalDate.parse("2025-04-01") });
    expect(run.duplicate).toBe(false);
    expect(run.cases).toBe(2);
    const totals = run.settlement.totals;
    expect(minor(totals.receivedByAgency)).toBe(400_00);
    // Everything the agency received is either the creditor's or the agency's.
    expect(minor(totals.creditorShare) + minor(totals.agencyShareOfReceived)).toBe(400_00);
    // The voucher balances to the øre.
    expect(run.voucher.lines.reduce((a, l) => a + minor(l.amount), 0)).toBe(0);
    // The same period again: the stored settlement, nothing new taken in.
    const again = await runSettlement(t.database, { creditorId, from: LocalDate.parse("2025-03-01"), to: LocalDate.parse("2025-03-31"), settledOn: LocalDate.parse("2025-04-01") });
    expect(again).toMatchObject({ duplicate: true, settlementId: run.settlementId });
    const [{ n }] = (await t.database.query<{ n: number }>("select count(*)::int8 as n from outbox where kind = 'settlement-voucher'")) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("renders the remittance report with every case, the totals and the posting proposal", async () => {
    const run = await runSettlement(t.database, { creditorId, from: LocalDate.parse("2025-03-01"), to: LocalDate.parse("2025-03-31"), settledOn: LocalDate.parse("2025-04-01") });
    const pdf = await renderRemittancePdf({ agency: agencyFromEnv({}), creditor: { name: "Kreditor C001 AS", orgNumber: "974760673" }, settlement: run.settlement, voucher: run.voucher });
    const text = flat((await readPdf(pdf)).text);
    expect(text).toContain("Avregning og remisse til Kreditor C001 AS");
    for (const l of run.settlement.lines) expect(text).toContain(l.caseNumber);
    expect(text).toContain("Konteringsforslag");
    expect(text).toContain(run.outcome === "invoice" ? "Kreditor skylder byrået" : "Til utbetaling");
    // The agency's share is what its column adds up to (set-offs are a line of their own), in Norwegian notation.
    const agencyMinor = run.settlement.lines.reduce((a, l) => a + Math.round(Number(l.agencyShareOfReceived) * 100), 0);
    const nb = `${Math.trunc(agencyMinor / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${String(agencyMinor % 100).padStart(2, "0")}`;
    expect(text).toMatch(new RegExp(`Byråets andel av innbetalt \\(gebyr, salær, rettslige kostnader\\)\\s*kr ${nb.replace(/ /g, "\\s")}`));
    // Same settlement, same bytes.
    expect(await renderRemittancePdf({ agency: agencyFromEnv({}), creditor: { name: "Kreditor C001 AS", orgNumber: "974760673" }, settlement: run.settlement, voucher: run.voucher })).toEqual(pdf);
  });

  it("never takes the same allocation into a second settlement", async () => {
    const overlapping = await settlePeriod(t.database, { creditorId, from: LocalDate.parse("2025-03-05"), to: LocalDate.parse("2025-03-20"), settledOn: LocalDate.parse("2025-04-02") });
    expect(overlapping).toMatchObject({ settled: false, cases: 0, payout: "0.00" });
    const [n] = await t.database.query<{ n: number }>("select count(*)::int as n from settlements where creditor_id = $1", [creditorId]);
    expect(n!.n).toBe(1);
  });

  it("refuses a period that ends before it starts", async () => {
    await expect(runSettlement(t.database, { creditorId, from: LocalDate.parse("2025-03-31"), to: LocalDate.parse("2025-03-01"), settledOn: LocalDate.parse("2025-04-01") })).rejects.toThrow(/before it starts/);
  });
});
