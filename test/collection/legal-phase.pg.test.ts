import { describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { caseLegalProceedings, recordLegalEvent, takeLegalStepOn } from "../../src/collection/legal/legal-steps.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * The legal phase after the scenario's payment demand (sent 2025-01-29, deadline 2025-02-12): the
 * case waits at the creditor's legal gate; the last scenario day is 2025-03-01.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();
const day = LocalDate.parse("2025-03-01");

async function caseAfter(approve: boolean): Promise<string> {
  const b = aScenario("2025-01-01", 60).invoice({ id: "F1" });
  if (approve) b.event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" });
  await runScenario(b.build(), rules, { agency, database: t.database });
  const [c] = await t.database.query<{ id: string }>("select id from cases");
  return c!.id;
}
const step = (caseId: string, s: "forliksklage" | "utlegg", tvangsgrunnlag: Parameters<typeof takeLegalStepOn>[1]["tvangsgrunnlag"] = null) =>
  takeLegalStepOn(t.database, { caseId, step: s, tvangsgrunnlag, today: day, actor: "test", rules, agency });

describe("the legal phase", () => {
  it("refuses a legal step without the creditor's approval, and changes nothing", async () => {
    const caseId = await caseAfter(false);
    const before = await t.database.query("select count(*)::int as n from case_events");
    const r = await step(caseId, "forliksklage");
    expect(r).toMatchObject({ ok: false, refusal: { code: "legal_approval_required" } });
    expect(await t.database.query("select count(*)::int as n from case_events")).toEqual(before);
    expect(await caseLegalProceedings(t.database, caseId)).toEqual([]);
  });

  it("refuses utlegg without a tvangsgrunnlag (tvangsfullbyrdelsesloven § 7-2)", async () => {
    const caseId = await caseAfter(true);
    expect(await step(caseId, "utlegg")).toMatchObject({ ok: false, refusal: { code: "tvangsgrunnlag_required", field: "tvangsgrunnlag" } });
    expect(await caseLegalProceedings(t.database, caseId)).toEqual([]);
  });

  it("files a forliksklage with its court fee and filing document; a judgment gives ten years' limitation (foreldelsesloven § 21)", async () => {
    const caseId = await caseAfter(true);
    const r = await step(caseId, "forliksklage");
    expect(r).toMatchObject({ ok: true, status: "filed", stage: "legal" });
    const fee = await t.database.query<{ kind: string; rule: string }>("select kind, rule from charges where case_id = $1 and kind = 'legal-costs'", [caseId]);
    expect(fee).toHaveLength(1);
    expect(fee[0]!.rule).toMatch(/forliksklage: .* × rettsgebyr/);
    const docs = await t.database.query<{ kind: string; data: { fields: { label: string; value: string }[] } }>("select kind, data from case_documents where case_id = $1", [caseId]);
    expect(docs[0]!.kind).toMatch(/^forliksklage:/);
    const labels = docs[0]!.data.fields.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(["Klager", "Innklaget", "Hovedstol", "Forsinkelsesrente", "Sum krav", "Påstand"]));
    const [proceeding] = await caseLegalProceedings(t.database, caseId);
    const tooEarly = await t.database.transaction((tx) => recordLegalEvent(tx, { caseId, proceedingId: proceeding!.proceedingId, kind: "judgment", on: LocalDate.parse("2025-02-28"), today: day, actor: "test" }));
    expect(tooEarly).toMatchObject({ ok: false, refusal: { code: "before_filing" } });
    const judged = await t.database.transaction((tx) => recordLegalEvent(tx, { caseId, proceedingId: proceeding!.proceedingId, kind: "judgment", on: day, today: day, actor: "test" }));
    expect(judged).toEqual({ ok: true, status: "judgment", limitationOn: "2035-03-01" });
    const [c] = await t.database.query<{ limitation_on: string }>("select limitation_on::text from cases where id = $1", [caseId]);
    expect(c!.limitation_on).toBe("2035-03-01");
    const timeline = await t.database.query<{ type: string }>("select type from case_events where case_id = $1 and type like 'legal-%' order by id", [caseId]);
    expect(timeline.map((e) => e.type)).toEqual(["legal-step-recorded", "legal-judgment"]);
  });

  it("scenario: a legal-step with `decided` is filed and judged on its day", async () => {
    const json = aScenario("2025-01-01", 100)
      .invoice({ id: "F1" })
      .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-03-03", type: "legal-step", invoice: "F1", step: "forliksklage", decided: "2025-04-01" })
      .build();
    const inv = (await runScenario(json, rules, { agency, database: t.database })).invoices[0]!;
    expect(inv.timeline.map((e) => `${e.on} ${e.type}`)).toEqual(expect.arrayContaining(["2025-03-03 legal-step-recorded", "2025-04-01 legal-judgment"]));
    const [c] = await t.database.query<{ id: string; limitation_on: string }>("select id, limitation_on::text from cases");
    expect(c!.limitation_on).toBe("2035-04-01");
    expect(await caseLegalProceedings(t.database, c!.id)).toEqual([expect.objectContaining({ step: "forliksklage", filedOn: "2025-03-03", status: "judgment", judgmentOn: "2025-04-01" })]);
  });

  it("a step past inkassoloven § 11's six months waits for a renewed demand, and the cycle files it the day it is taken", async () => {
    const json = aScenario("2025-01-01", 240)
      .invoice({ id: "F1" })
      .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-07-30", type: "legal-step", invoice: "F1", step: "utlegg", tvangsgrunnlag: { kind: "gjeldsbrev", reference: "GB-1", date: "2024-11-20" } })
      .build();
    const inv = (await runScenario(json, rules, { agency, database: t.database })).invoices[0]!;
    expect(inv.timeline.map((e) => `${e.on} ${e.type}`)).toEqual(expect.arrayContaining(["2025-07-30 payment-demand-renewed", "2025-08-14 take-pending-legal-step"]));
    const [c] = await t.database.query<{ id: string }>("select id from cases");
    expect(await caseLegalProceedings(t.database, c!.id)).toEqual([expect.objectContaining({ step: "utlegg", filedOn: "2025-08-14", status: "filed" })]);
    const docs = await t.database.query<{ kind: string }>("select kind from case_documents");
    expect(docs.map((d) => d.kind.split(":")[0])).toEqual(["utlegg"]);
  });
});
