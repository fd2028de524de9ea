import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { limitationDate } from "../limitation.js";
import { catchError } from "../domain-error.fixture.js";
import { swedishLimitation } from "./limitation.js";

const d = (s: string) => LocalDate.parse(s);

describe("preskriptionslagen (1981:130)", () => {
  it("preskriptionslagen 2 § andra stycket: 3 years for a consumer claim, from when it arose", () => {
    // 2022-03-15 + 3 years = Saturday 2025-03-15 → Monday 2025-03-17.
    expect(swedishLimitation({ aroseOn: d("2022-03-15"), consumerClaim: true, interruptions: [] })).toMatchObject({ date: d("2025-03-17"), years: 3, confidence: "secondary" });
  });

  it("preskriptionslagen 2 § första stycket: 10 years otherwise", () => {
    expect(swedishLimitation({ aroseOn: d("2015-06-10"), consumerClaim: false, interruptions: [] }).date).toEqual(d("2025-06-10"));
  });

  it("preskriptionslagen 5 § 2: an inkassokrav the debtor receives interrupts — unlike Norway, where it does not", () => {
    const se = swedishLimitation({ aroseOn: d("2022-03-15"), consumerClaim: true, interruptions: [{ on: d("2024-11-06"), kind: "collection-demand-received" }] });
    expect(se).toMatchObject({ date: d("2027-11-08"), startedOn: d("2024-11-06"), interruptedBy: { kind: "collection-demand-received" } });
    expect(se.source).toContain("5 § 2");
    const no = limitationDate({ dueDate: d("2022-03-15"), interruptions: [{ on: d("2024-11-06"), kind: "collection-notice" }] });
    expect(no.interruptedBy).toBeNull();
  });

  it("preskriptionslagen 5 § 1 and 3: a part payment and an application for betalningsföreläggande interrupt; 6 §: a new period of the same length", () => {
    const r = swedishLimitation({
      aroseOn: d("2020-01-10"),
      consumerClaim: true,
      interruptions: [{ on: d("2022-05-02"), kind: "part-payment" }, { on: d("2024-09-02"), kind: "payment-order-application" }],
    });
    expect(r).toMatchObject({ date: d("2027-09-02"), years: 3, interruptedBy: { kind: "payment-order-application" } });
  });

  it("an interruption after the claim is time-barred does not revive it", () => {
    const r = swedishLimitation({ aroseOn: d("2020-01-10"), consumerClaim: true, interruptions: [{ on: d("2023-02-01"), kind: "acknowledgement" }] });
    expect(r.date).toEqual(d("2023-01-10"));
    expect(r.ignored.map((x) => x.reason)).toEqual(["already time-barred: the period ended 2023-01-10"]);
  });

  it("marks the answer uncertain when the day the claim arose is only estimated", () => {
    expect(swedishLimitation({ aroseOn: d("2022-03-15"), aroseOnIsEstimate: true, consumerClaim: true, interruptions: [] }).confidence).toBe("uncertain");
  });

  it("refuses an unknown interruption, naming the field", () => {
    const e = catchError(() => swedishLimitation({ aroseOn: d("2022-03-15"), consumerClaim: true, interruptions: [{ on: d("2023-01-01"), kind: "utlegg" as never }] }));
    expect(e.field).toBe("interruptions[0].kind");
  });
});
