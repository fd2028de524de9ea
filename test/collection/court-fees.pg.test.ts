import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { caseLegalProceedings } from "../../src/collection/legal/legal-steps.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * The court fee of a legal step is charged the day the step is filed, as a dated charge row with
 * its rule and source (rettsgebyrloven §§ 7, 14; the rettsgebyr of that year), also when the step
 * waited for a renewed payment demand (inkassoloven § 11) and the cycle filed it later.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();

describe("court fees after filing", () => {
  it("utlegg filed by the cycle after a renewed demand: one legal-costs row dated the filing day, with its rettsgebyr rule and source", async () => {
    const json = aScenario("2025-01-01", 240)
      .invoice({ id: "F1" })
      .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-07-30", type: "legal-step", invoice: "F1", step: "utlegg", tvangsgrunnlag: { kind: "gjeldsbrev", reference: "GB-1", date: "2024-11-20" } })
      .build();
    await runScenario(json, rules, { agency, database: t.database });
    const [c] = await t.database.query<{ id: string }>("select id from cases");
    const [p] = await caseLegalProceedings(t.database, c!.id);
    expect(p).toMatchObject({ step: "utlegg", status: "filed", filedOn: "2025-08-14" });
    const fees = await t.database.query<{ on: string; amount_minor: string; rule: string; source: string; key: string }>("select \"on\"::text as on, amount_minor, rule, source, key from charges where case_id = $1 and kind = 'legal-costs'", [c!.id]);
    expect(fees).toHaveLength(1);
    expect(fees[0]!.on).toBe(p!.filedOn);
    expect(fees[0]!.rule).toMatch(/^utlegg: 1\.21 × rettsgebyr 1314\.00 \(2025\)/);
    // 1.21 × 1 314 = 1 589.94, down to the whole krone (rettsgebyrloven § 6 a).
    expect(Number(fees[0]!.amount_minor)).toBe(1589_00);
    expect(fees[0]!.source).toMatch(/rettsgebyrloven/);
  });
});
