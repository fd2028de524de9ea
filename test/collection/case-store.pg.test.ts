import { describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import type { Queryable } from "../../src/platform/db/database.js";
import { databasePerTest } from "../support/test-database.js";

const t = databasePerTest();

/** A transaction that counts the statements sent through it. */
function counting(tx: Queryable): { tx: Queryable; count: () => number } {
  let n = 0;
  return { tx: { query: (sql, params) => (n++, tx.query(sql, params)) } as Queryable, count: () => n };
}

describe("the case store opens cases set-based", () => {
  async function claims(code: string, count: number) {
    const db = t.database;
    const creditorId = await upsertCreditor(db, { code, name: `${code} AS`, address: { line1: "Gata 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const out = [];
    for (let i = 0; i < count; i++) {
      const debtorId = await upsertDebtor(db, creditorId, { source: "t", externalId: `D${i}`, type: "consumer", name: `Debtor ${i}`, address: { line1: "Vei 2", postcode: "0155", city: "Oslo", country: "NO" } });
      const claimId = await upsertClaim(db, creditorId, { source: "t", externalId: `F${i}`, debtorId, invoiceNumber: `F${i}`, issueDate: LocalDate.parse("2025-01-01"), dueDate: LocalDate.parse("2025-01-15"), currency: "NOK", amountMinor: 100_000 + i, openMinor: 100_000 + i, status: "sent" });
      out.push({ claimId, debtorId, debtorType: "consumer" as const, dueDate: LocalDate.parse("2025-01-15"), principalMinor: 100_000 + i });
    }
    return { creditor: await loadCreditor(db, creditorId), claims: out };
  }

  it("in the same number of statements for 2 claims as for 40, numbering them in claim order, with one opened row and one case-opened message each", async () => {
    const small = await claims("SML", 2);
    const large = await claims("LRG", 40);
    const today = LocalDate.parse("2025-02-03");
    const [a, b] = await t.database.transaction(async (tx) => {
      const c1 = counting(tx);
      const o1 = await openCases(c1.tx, small.creditor, small.claims, today, "test");
      const c2 = counting(tx);
      const o2 = await openCases(c2.tx, large.creditor, large.claims, today, "test");
      return [{ opened: o1, statements: c1.count() }, { opened: o2, statements: c2.count() }];
    });
    expect(a.opened).toHaveLength(2);
    expect(b.opened).toHaveLength(40);
    expect(b.statements).toBe(a.statements);
    expect(b.statements).toBeLessThanOrEqual(6);

    // Numbers are drawn in claim order; each case's KID is built from its number.
    const numbers = b.opened.map((o) => Number(o.caseNumber.split("-")[1]));
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    expect(b.opened.map((o) => o.claimId)).toEqual(large.claims.map((c) => c.claimId));
    const rows = await t.database.query<{ case_number: string; kid: string; principal_minor: number; balance_minor: number; opened: number; messages: number }>(
      `select c.case_number, c.kid, c.principal_minor, c.balance_minor,
              (select count(*)::int from case_events e where e.case_id = c.id and e.type = 'opened') as opened,
              (select count(*)::int from outbox o where o.kind = 'case-opened' and o.payload->>'caseId' = c.id::text) as messages
         from cases c where c.creditor_id = $1 order by c.case_number`,
      [large.creditor.id],
    );
    expect(rows).toHaveLength(40);
    for (const r of rows) {
      expect(r.kid.startsWith(r.case_number.split("-")[1]!.padStart(9, "0"))).toBe(true);
      expect(Number(r.balance_minor)).toBe(Number(r.principal_minor)); // the generated balance: nothing paid, nothing charged yet
      expect([r.opened, r.messages]).toEqual([1, 1]);
    }
  });

  it("opens nothing for a claim that has a case, and nothing twice for a claim given twice", async () => {
    const { creditor, claims: cs } = await claims("DUP", 3);
    const today = LocalDate.parse("2025-02-03");
    const first = await t.database.transaction((tx) => openCases(tx, creditor, [cs[0]!, cs[0]!, cs[1]!], today, "test"));
    expect(first.map((o) => o.claimId)).toEqual([cs[0]!.claimId, cs[1]!.claimId]);
    const second = await t.database.transaction((tx) => openCases(tx, creditor, cs, today, "test"));
    expect(second.map((o) => o.claimId)).toEqual([cs[2]!.claimId]);
    const [{ n }] = (await t.database.query<{ n: number }>("select count(*)::int as n from cases where creditor_id = $1", [creditor.id])) as [{ n: number }];
    expect(n).toBe(3);
  });
});
