import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";

describe("the cost calculator over HTTP", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("computes interest per period with the worked example of forsinkelsesrenteloven (docs/RULES.md § 4)", async () => {
    const res = await t.inject({ method: "GET", url: "/v1/calculator/interest?principal=10000.00&due=2023-12-01&until=2024-01-31" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.interest).toBe("202.45");
    expect(body.periods.map((p: { days: number; ratePercent: string; yearDays: number }) => [p.days, p.ratePercent, p.yearDays])).toEqual([
      [30, "11.75", 365],
      [31, "12.50", 366],
    ]);
  });

  it("returns interest, the fees that may be charged and salær, each with its source", async () => {
    const res = await t.inject({
      method: "POST",
      url: "/v1/calculator/costs",
      payload: {
        principal: "1500.00",
        dueDate: "2025-01-06",
        debtor: "consumer",
        letters: [
          { letter: "reminder", sentOn: "2025-01-08", deadline: "2025-01-22" },
          { letter: "collection-notice", sentOn: "2025-01-21", deadline: "2025-02-04" },
          { letter: "payment-demand", sentOn: "2025-02-12", deadline: "2025-02-26" },
        ],
        on: "2025-03-20",
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The reminder came 2 days after due: no fee (inkassoforskriften § 1-2: ≥ 14 days after due).
    expect(body.fees[0]).toMatchObject({ letter: "reminder", allowed: false, amount: "0.00" });
    expect(body.fees[0].reason.code).toBe("sent_too_soon_after_due");
    expect(body.fees[1]).toMatchObject({ letter: "collection-notice", allowed: true, amount: "35.00" });
    expect(body.salary).toMatchObject({ allowed: true, heavy: false, amount: "280.00" });
    expect(body.salary.source).toContain("inkassoforskriften");
    // Issue 12 item 10: the short legal citation for people, in nb and en, beside the research note.
    expect(body.salary.citation.nb).toContain("inkassoforskriften §§ 2-2, 2-3");
    expect(body.fees[1].citation).toEqual({ nb: "inkassoforskriften §§ 1-2, 1-3; inkassoforskriften § 1-1 og forskrift om inkassosatsen § 1", en: "Debt Collection Regulations §§ 1-2, 1-3; Debt Collection Regulations § 1-1 and Regulation on the collection rate § 1" });
    expect(body.interest.total).toBe("37.50");
    expect(body.total).toEqual({ principal: "1500.00", interest: "37.50", costs: "315.00", total: "1852.50" });
  });

  it("moves a due date on a holiday before counting interest", async () => {
    const res = await t.inject({ method: "GET", url: "/v1/calculator/interest?principal=1000.00&due=2025-04-18&until=2025-05-22" });
    expect(res.json()).toMatchObject({ from: "2025-04-22", dueMovedFrom: "2025-04-18", days: 30 });
  });

  it.each([
    ["/v1/calculator/interest?principal=abc&due=2025-01-01&until=2025-02-01", "principal"],
    ["/v1/calculator/interest?principal=-1.00&due=2025-01-01&until=2025-02-01", "principal"],
    ["/v1/calculator/interest?principal=100.00&due=2025-02-30&until=2025-03-01", "due"],
    ["/v1/calculator/interest?principal=100.00&due=2025-02-01&until=2025-01-01", "until"],
    ["/v1/calculator/interest?principal=100.00&due=2014-02-01&until=2014-03-01", "due"],
    ["/v1/calculator/interest?principal=100.00&due=2025-01-01&until=2025-02-01&jurisdiction=DK", "querystring.jurisdiction"],
    ["/v1/calculator/interest?principal=100.00&due=2025-01-01&until=2025-02-01&currency=XYZ", "querystring.currency"],
  ])("answers bad input %s with 400 naming the field", async (url, field) => {
    const res = await t.inject({ method: "GET", url });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    const fields = [body.error.field, ...(body.error.issues ?? []).map((i: { field: string }) => i.field)];
    expect(fields).toContain(field);
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it("answers a malformed body with 400 listing every problem", async () => {
    const res = await t.inject({ method: "POST", url: "/v1/calculator/costs", payload: { principal: 1500, debtor: "alien", on: "2025-01-01" } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(["body.principal", "body.debtor", "body.dueDate"]));
  });

  it("names the letter whose date is wrong", async () => {
    const res = await t.inject({
      method: "POST",
      url: "/v1/calculator/costs",
      payload: { principal: "100.00", dueDate: "2025-01-06", debtor: "consumer", letters: [{ letter: "reminder", sentOn: "2025-13-01" }], on: "2025-03-01" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("letters[0].sentOn");
  });

  it("answers an unknown route with 404 in the same error shape", async () => {
    const res = await t.inject({ method: "GET", url: "/v1/nothing" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });
});
