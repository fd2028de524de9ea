import { describe, expect, it } from "vitest";
import { procountorTestDatabase } from "../../../test/support/procountor-database.js";
import { agencyFromEnv } from "../../collection/agency.js";
import { runCycleDay } from "../../collection/engine/daily-cycle.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { MARKED_PAID_REASON } from "../sync/ledger-payments.js";
import { syncUntilSettled, type ProcountorSyncRig } from "./procountor-sync-kit.js";

/**
 * Seed 004's rules that need more than the ledger gives: main customer groups covering several
 * groups (transfer rules by group), the fee of the ledger's own påminnelse counted under lag
 * (1981:739), and an invoice the company marks paid in Procountor (MARKED_PAID) while its case runs.
 */
const t = procountorTestDatabase();
const d = LocalDate.parse;
const agency = agencyFromEnv({});
const ADDRESS = { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" };

async function swedishRig(transfer: Record<string, unknown> = {}, collection: Record<string, unknown> = {}): Promise<ProcountorSyncRig> {
  const r = await t.rig({
    start: "2025-03-03T09:00:00Z",
    creditor: { name: "Norrsken Bygg AB", orgNumber: "556016-0680", jurisdiction: "SE", address: { line1: "Kungsgatan 1", postcode: "753 21", city: "Uppsala", country: "SE" }, transfer: { preset: "procountor-kravia", mode: "automatic", ...transfer } },
  });
  await t.database.query("update creditors set settings = jsonb_set(settings, '{collection}', coalesce(settings->'collection', '{}'::jsonb) || $2::jsonb) where id = $1", [r.creditorId, JSON.stringify(collection)]);
  return r;
}

async function runDays(r: ProcountorSyncRig, from: string, to: string): Promise<void> {
  for (let day = d(from); !day.isAfter(d(to)); day = day.plusDays(1)) await runCycleDay(t.database, r.creditorId, day, { rules: r.deps.rules, agency, actor: "test" });
}

describe("seed 004's rules beyond what Procountor's API shows (PostgreSQL)", () => {
  it("a main group named among the excluded groups holds back the invoices of every customer group it covers", async () => {
    const r = await swedishRig({ excludedCustomerGroups: ["Koncern"], customerMainGroups: { Koncern: ["Dotter Nord", "Dotter Syd"] } });
    const ledger = r.rig.sandbox.ledger;
    const north = ledger.addPartner({ name: "Nordbolaget AB", customerNumber: "1", address: ADDRESS, groups: ["Dotter Nord"] });
    const other = ledger.addPartner({ name: "Fristående AB", customerNumber: "2", address: ADDRESS, groups: ["Företag"] });
    ledger.addInvoice({ partnerId: north.id, invoiceNumber: 7001, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 2_000_00, currency: "SEK" });
    ledger.addInvoice({ partnerId: other.id, invoiceNumber: 7002, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 2_000_00, currency: "SEK" });
    await syncUntilSettled(r);
    const claims = await t.database.query<{ invoice_number: string; transfer_state: string; reasons: { code: string; text: { en: string } }[] }>(
      "select invoice_number, transfer_state, eligibility->'reasons' as reasons from claims where creditor_id = $1 order by invoice_number",
      [r.creditorId],
    );
    expect(claims.map((c) => [c.invoice_number, c.transfer_state])).toEqual([
      ["7001", "draft"],
      ["7002", "transferred"],
    ]);
    const held = claims[0]!.reasons.find((x) => x.code === "auto_excluded_group")!;
    expect(held.text.en).toContain("Koncern");
  });

  it("counts the ledger's own påminnelse with the creditor's stated fee, so the agency's påminnelse carries no second fee (lag (1981:739) 4 §)", async () => {
    const collection = { firstStep: "reminder", reminderFeeAgreed: true };
    const fees: Record<string, number[]> = {};
    for (const [name, extra] of [["stated", { ledgerReminderFee: 60_00 }], ["none", {}]] as const) {
      const r = await swedishRig({}, { ...collection, ...extra });
      const ledger = r.rig.sandbox.ledger;
      const p = ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", address: ADDRESS });
      ledger.addInvoice({ partnerId: p.id, invoiceNumber: 8001, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 1_000_00, currency: "SEK" });
      await syncUntilSettled(r);
      const [opened] = await t.database.query<{ id: string; ledger_letters: { letter: string; feeMinor: number | null; sentOn: string }[] }>("select id, ledger_letters from cases where creditor_id = $1", [r.creditorId]);
      expect(opened!.ledger_letters, name).toEqual(name === "stated" ? [{ letter: "reminder", sentOn: "2025-03-03", deadline: null, feeMinor: 60_00 }] : []);
      await runDays(r, "2025-03-03", "2025-03-05");
      const letters = await t.database.query<{ kind: string }>("select kind from letters where case_id = $1", [opened!.id]);
      expect(letters.map((l) => l.kind), name).toContain("reminder");
      fees[name] = (await t.database.query<{ amount_minor: string }>("select amount_minor from charges where case_id = $1 and kind = 'reminder-fee'", [opened!.id])).map((c) => Number(c.amount_minor));
    }
    expect(fees).toEqual({ stated: [], none: [60_00] });
  });

  it("refuses the ledger reminder fee as a setting of a Norwegian creditor", async () => {
    const { foreignSettings } = await import("../../collection/settings.js");
    expect(foreignSettings("NO", { ledgerReminderFee: 60_00 }).map((f) => f.field)).toEqual(["ledgerReminderFee"]);
    expect(foreignSettings("SE", { ledgerReminderFee: 60_00 })).toEqual([]);
  });

  it("an invoice marked paid in Procountor is paid to the creditor, and its case, still owing the inkassokrav's fee, is withdrawn with the reason", async () => {
    const r = await swedishRig();
    const ledger = r.rig.sandbox.ledger;
    const p = ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", address: ADDRESS });
    const invoice = ledger.addInvoice({ partnerId: p.id, invoiceNumber: 9001, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 3_000_00, currency: "SEK" });
    const stays = ledger.addInvoice({ partnerId: p.id, invoiceNumber: 9002, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 3_000_00, currency: "SEK" });
    await syncUntilSettled(r);
    await runDays(r, "2025-03-03", "2025-03-04");
    const cases = await t.database.query<{ id: string; invoice_number: string }>("select k.id, cl.invoice_number from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by cl.invoice_number", [r.creditorId]);
    expect(cases).toHaveLength(2);
    const fee = await t.database.query("select 1 from charges where case_id = $1 and kind = 'collection-fee'", [cases[0]!.id]);
    expect(fee).toHaveLength(1);

    // The company settles 9001 with the debtor itself and marks it paid; 9002 gets an ordinary payment.
    r.clock.advance(86_400_000);
    ledger.markPaid(invoice.id, { amountMinor: 3_000_00, date: "2025-03-04" });
    ledger.referencePayment(stays.id, { amountMinor: 1_000_00, date: "2025-03-04" });
    expect(ledger.invoiceByNumber(9001).status).toBe("MARKED_PAID");
    const result = await r.sync();
    expect(result.integrations[0]!.counts["markedPaidRecorded"]).toBe(1);
    await syncUntilSettled(r);

    const state = await t.database.query<{ invoice_number: string; stage: string; close_reason: string | null }>(
      "select cl.invoice_number, k.stage, k.close_reason from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by cl.invoice_number",
      [r.creditorId],
    );
    expect(state.map((s) => [s.invoice_number, s.stage, s.close_reason])).toEqual([
      ["9001", "closed", "withdrawn"],
      ["9002", expect.not.stringMatching(/^closed$/), null],
    ]);
    const payments = await t.database.query<{ channel: string; amount_minor: string; reference: string | null }>("select channel, amount_minor, reference from payments where case_id = $1", [cases[0]!.id]);
    expect(payments.map((x) => [x.channel, Number(x.amount_minor)])).toEqual([["creditor", 3_000_00]]);
    expect(payments[0]!.reference).toContain("MARKED_PAID");
    const timeline = await t.database.query<{ type: string; reason: string | null; data: unknown }>("select type, reason, data from case_events where case_id = $1 order by id", [cases[0]!.id]);
    expect(timeline.some((e) => e.reason === MARKED_PAID_REASON || JSON.stringify(e.data).includes(MARKED_PAID_REASON)), JSON.stringify(timeline)).toBe(true);

    // Read again later: recorded once.
    r.clock.advance(3_600_000);
    const again = await r.sync();
    expect(again.integrations[0]!.counts["markedPaidRecorded"]).toBeUndefined();
  });
});
