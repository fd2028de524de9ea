import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../../../test/support/sync-database.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { parseOutboxPayload } from "../../platform/outbox-messages.js";
import { listIntegrations } from "./integrations.js";
import { CUSTOMERS } from "./sync-test-kit.js";

/**
 * Outbox payloads are checked against their kind's schema when the sync reads them: a row that
 * does not fit is marked failed with a reason naming the kind and the field, never sent, and the
 * rows beside it are delivered as usual.
 */
const INVOICES = [
  { invoiceNo: 8101, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "800.00", status: "Approved" as const },
  { invoiceNo: 8102, customerCode: 10002, invoiceDate: "2025-01-03", dueDate: "2025-01-17", amount: "1200.00", status: "Approved" as const },
];

describe("outbox payloads, checked when read", () => {
  const t = syncTestDatabase();

  it("marks a row whose payload does not fit its kind failed with the reason, and delivers the others", async () => {
    const r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES });
    await r.sync();
    const [integration] = await listIntegrations(t.database, r.creditorId);
    const cases = await t.database.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number", [r.creditorId]);
    expect(cases).toHaveLength(2);
    const today = r.clock.today();
    await t.database.transaction((tx) =>
      recordPayment(tx, { caseId: cases[0]!.id, amountMinor: 100_00, receivedOn: today, channel: "agency", source: "bank", externalRef: "good-1", today, actor: "test", rules: r.deps.rules, agency: r.deps.agency }),
    );
    const bad = [
      { kind: "payment-journal", key: "bad-journal", payload: { integrationId: integration!.id, batchId: "not-a-uuid", receivedOn: today.toString(), payments: 1 } },
      { kind: "case-status", key: "bad-status", payload: { caseId: cases[1]!.id, version: "seven", stage: "reminder", statusText: "Purring", balanceMinor: 1 } },
      { kind: "settlement-voucher", key: "bad-voucher", payload: { settlement: randomUUID() } },
    ];
    for (const b of bad) {
      await t.database.query("insert into outbox (creditor_id, kind, idempotency_key, payload) values ($1, $2, $3, $4)", [r.creditorId, b.kind, b.key, JSON.stringify(b.payload)]);
    }

    r.clock.advance(3_600_000);
    const result = await r.sync();
    const run = result.integrations[0]!;
    expect(run.counts).toMatchObject({ journalsPosted: 1 });
    expect(run.setAside).toBe(3);
    const rows = await t.database.query<{ idempotency_key: string; status: string; attempts: number; last_error: string | null }>(
      "select idempotency_key, status, attempts, last_error from outbox where idempotency_key like 'bad-%' order by idempotency_key",
    );
    expect(rows).toEqual([
      { idempotency_key: "bad-journal", status: "failed", attempts: 0, last_error: expect.stringMatching(/^invalid_payload: invalid payment-journal payload: /) },
      { idempotency_key: "bad-status", status: "failed", attempts: 0, last_error: expect.stringMatching(/^invalid_payload: invalid case-status payload: version: /) },
      { idempotency_key: "bad-voucher", status: "failed", attempts: 0, last_error: expect.stringMatching(/^invalid_payload: invalid settlement-voucher payload: settlementId: /) },
    ]);
    // The good journal reached the ledger; nothing of the bad rows did.
    const journals = r.rig.sandbox.ledger.vouchers().filter((v) => v.externalImportReference?.startsWith("fordring:"));
    expect(journals.map((v) => v.externalImportReference!.slice(0, 13))).toEqual(["fordring:jrn-"]);
    const [{ pending }] = (await t.database.query<{ pending: number }>("select count(*)::int as pending from outbox where creditor_id = $1 and status = 'pending'", [r.creditorId])) as [
      { pending: number },
    ];
    expect(pending).toBe(0);
  });

  it("accepts every payload the writers queue, as stored", async () => {
    const stored = await t.database.query<{ kind: string; payload: unknown }>("select kind, payload from outbox where idempotency_key not like 'bad-%'");
    expect(new Set(stored.map((s) => s.kind))).toEqual(new Set(["case-opened", "case-status", "payment-journal"]));
    for (const s of stored) expect(parseOutboxPayload(s.kind, s.payload), JSON.stringify(s)).toMatchObject({ ok: true, kind: s.kind });
    expect(parseOutboxPayload("case-closed", {})).toEqual({ ok: false, reason: 'unknown outbox kind "case-closed"' });
  });
});
