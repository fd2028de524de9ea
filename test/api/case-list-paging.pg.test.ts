import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedPortfolio } from "../support/seed-portfolio.js";

/**
 * Case lists are newest first, and case numbers are counted up: past 999999 comes 1000000, which
 * sorts before 999999 as text. Paging must follow the numbers, each case exactly once.
 */
let t: TestApp;
let creditorId: string;
let numbers: string[];
beforeAll(async () => {
  t = await createTestApp({ today: "2025-03-03" });
  // The next numbers from the agency-wide sequence: 999998, 999999, 1000000, 1000001, 1000002 (as "C001-999998", …).
  await t.ctx.database.query("select setval('case_number_seq', 999997)");
  [creditorId] = (await seedPortfolio(t.ctx.database, { creditors: 1, casesPerCreditor: 5, openedOn: "2025-03-03" })) as [string];
  numbers = (await t.ctx.database.query<{ case_number: string }>("select case_number from cases where creditor_id = $1", [creditorId])).map((r) => r.case_number);
}, 60_000);
afterAll(async () => t?.close());

const NEWEST_FIRST = ["C001-1000002", "C001-1000001", "C001-1000000", "C001-999999", "C001-999998"];

async function pageThrough(url: string, limit: number): Promise<{ numbers: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await t.inject({ method: "GET", url: `${url}${url.includes("?") ? "&" : "?"}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { caseNumber: string }[]; nextCursor: string | null };
    seen.push(...body.items.map((i) => i.caseNumber));
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return { numbers: seen, pages };
}

describe("paging a case list past case number 999999", () => {
  it("the seeded numbers cross the boundary", () => {
    expect(numbers.sort()).toEqual(["C001-1000000", "C001-1000001", "C001-1000002", "C001-999998", "C001-999999"]);
  });

  it("lists a creditor's cases newest first by number, one page at a time, each case once", async () => {
    for (const limit of [1, 2, 3]) {
      const { numbers: seen } = await pageThrough(`/v1/creditors/${creditorId}/cases?state=all`, limit);
      expect(seen, `limit ${limit}`).toEqual(NEWEST_FIRST);
    }
  });

  it("does the same across creditors (GET /v1/cases)", async () => {
    const { numbers: seen, pages } = await pageThrough("/v1/cases?state=all", 2);
    expect(seen).toEqual(NEWEST_FIRST);
    expect(pages).toBe(3);
  });

  it("keeps the filters on every page", async () => {
    await t.ctx.database.query("update cases set closed_on = '2025-03-03', close_reason = 'paid' where case_number in ('C001-1000001', 'C001-999999')");
    try {
      expect((await pageThrough(`/v1/creditors/${creditorId}/cases?state=open`, 1)).numbers).toEqual(["C001-1000002", "C001-1000000", "C001-999998"]);
      expect((await pageThrough(`/v1/creditors/${creditorId}/cases?state=closed`, 1)).numbers).toEqual(["C001-1000001", "C001-999999"]);
    } finally {
      await t.ctx.database.query("update cases set closed_on = null, close_reason = null where case_number in ('C001-1000001', 'C001-999999')");
    }
  });

  it("finds matching cases however far down the list they are", async () => {
    // Only the oldest case is closed: the first few case numbers in order hold no match.
    await t.ctx.database.query("update cases set closed_on = '2025-03-03', close_reason = 'paid' where case_number = 'C001-999998'");
    try {
      expect((await pageThrough(`/v1/creditors/${creditorId}/cases?state=closed`, 1)).numbers).toEqual(["C001-999998"]);
      expect((await pageThrough(`/v1/creditors/${creditorId}/cases?state=open`, 1)).numbers).toEqual(["C001-1000002", "C001-1000001", "C001-1000000", "C001-999999"]);
    } finally {
      await t.ctx.database.query("update cases set closed_on = null, close_reason = null where case_number = 'C001-999998'");
    }
  });
});
