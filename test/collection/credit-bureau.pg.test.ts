import { afterEach, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { checkCompanyStatuses } from "../../src/collection/debtor-info/company-check.js";
import { enhetsregisteret } from "../../src/collection/debtor-info/company-registry.js";
import { creditBureauHttp } from "../../src/collection/debtor-info/credit-bureau.js";
import { runCreditCheck } from "../../src/collection/debtor-info/credit-check.js";
import { syncPaymentRemarks } from "../../src/collection/debtor-info/payment-remarks.js";
import { startBrregSandbox } from "../../src/collection/debtor-info/sandbox/brreg-sandbox.js";
import { startCreditBureauSandbox, type CreditBureauSandbox } from "../../src/collection/debtor-info/sandbox/credit-bureau-sandbox.js";
import { retryAwaitingLegalSteps, takeLegalStepChecked } from "../../src/collection/legal/legal-step-credit-check.js";
import { caseLegalProceedings } from "../../src/collection/legal/legal-steps.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/**
 * The credit bureau port against its sandbox (docs/CASES.md, "Credit checks", "Payment remarks"):
 * checks logged with purpose and user, a legal step that waits for its check while the bureau is
 * down, and payment remarks reported and deleted when the claim is paid.
 */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();
let sandbox: CreditBureauSandbox | undefined;
afterEach(async () => sandbox?.close());

const ORG = "974760673";
const bureauOf = (s: CreditBureauSandbox) => creditBureauHttp({ url: s.url, username: s.username, password: s.password });

/** One business case after the scenario: payment demand 2025-01-29 (deadline 2025-02-12), legal approval on 2025-02-14. */
async function businessCase(days: number, approve = true): Promise<{ id: string; creditor_id: string }> {
  const b = aScenario("2025-01-01", days).invoice({ id: "F1", type: "business", name: "Byggmester AS" });
  if (approve) b.event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" });
  const json = b.build();
  (json.invoices[0] as { debtor: Record<string, unknown> }).debtor.orgNumber = ORG;
  await runScenario(json, rules, { agency, database: t.database });
  const [c] = await t.database.query<{ id: string; creditor_id: string }>("select id, creditor_id from cases");
  return c!;
}

const requireCheck = () => t.database.query(`update creditors set settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('collection', coalesce(settings->'collection', '{}'::jsonb) || '{"creditCheckBeforeLegal": true}'::jsonb)`);

describe("credit checks", () => {
  it("a check gives the bureau's score and remarks and is logged with its purpose and user; without a purpose it is refused; a bureau that is down is logged as unavailable", async () => {
    sandbox = await startCreditBureauSandbox({ subjects: [{ key: ORG, score: 41, riskClass: "C" }] });
    const c = await businessCase(40, false);
    const bureau = bureauOf(sandbox);
    const day = LocalDate.parse("2025-02-09");
    expect(await runCreditCheck(t.database, bureau, { caseId: c.id, purpose: " ", actor: "kari@byraa.no", today: day })).toMatchObject({ ok: false, code: "purpose_required" });
    expect(sandbox.checks).toEqual([]);
    const r = await runCreditCheck(t.database, bureau, { caseId: c.id, purpose: "vurdere rettslige skritt", actor: "kari@byraa.no", today: day });
    expect(r).toMatchObject({ ok: true, outcome: "ok", score: 41, riskClass: "C", paymentRemarks: 0 });
    expect(sandbox.checks).toEqual([{ key: ORG, purpose: "vurdere rettslige skritt", requestedBy: "kari@byraa.no" }]);
    sandbox.down = true;
    expect(await runCreditCheck(t.database, bureau, { caseId: c.id, purpose: "vurdere rettslige skritt", actor: "kari@byraa.no", today: day })).toMatchObject({ ok: true, outcome: "unavailable" });
    const log = await t.database.query<{ source: string; subject: string; purpose: string; actor: string; outcome: string; checked_on: string }>("select source, subject, purpose, actor, outcome, checked_on::text from debtor_checks order by id");
    expect(log).toEqual([
      { source: "credit-check", subject: ORG, purpose: "vurdere rettslige skritt", actor: "kari@byraa.no", outcome: "ok", checked_on: "2025-02-09" },
      { source: "credit-check", subject: ORG, purpose: "vurdere rettslige skritt", actor: "kari@byraa.no", outcome: "unavailable", checked_on: "2025-02-09" },
    ]);
  });

  it("with creditCheckBeforeLegal the legal step waits while the bureau is down, is retried, and is filed once the check is made", async () => {
    sandbox = await startCreditBureauSandbox({ subjects: [{ key: ORG, score: 12, riskClass: "E" }] });
    const c = await businessCase(60);
    await requireCheck();
    const bureau = bureauOf(sandbox);
    sandbox.down = true;
    const day = LocalDate.parse("2025-03-01");
    const input = { caseId: c.id, step: "forliksklage" as const, tvangsgrunnlag: null, today: day, actor: "kari@byraa.no", rules, agency };
    const waiting = await takeLegalStepChecked(t.database, bureau, input);
    expect(waiting).toMatchObject({ ok: true, status: "awaiting-credit-check" });
    expect(await t.database.query("select count(*)::int as n from charges where kind = 'legal-costs'")).toEqual([{ n: 0 }]);
    expect((await caseLegalProceedings(t.database, c.id)).map((p) => p.status)).toEqual(["awaiting-credit-check"]);
    // Still down: the retry keeps it waiting (one proceeding, not two).
    expect(await retryAwaitingLegalSteps(t.database, bureau, { today: day.plusDays(1), rules, agency })).toEqual({ taken: 0, waiting: 1, cancelled: 0, refused: 0 });
    sandbox.down = false;
    expect(await retryAwaitingLegalSteps(t.database, bureau, { today: day.plusDays(2), rules, agency })).toEqual({ taken: 1, waiting: 0, cancelled: 0, refused: 0 });
    const steps = await caseLegalProceedings(t.database, c.id);
    expect(steps.map((p) => `${p.status} ${p.filedOn}`).sort()).toEqual(["credit-checked 2025-03-01", "filed 2025-03-03"]);
    const log = await t.database.query<{ outcome: string; actor: string; purpose: string }>("select outcome, actor, purpose from debtor_checks order by id");
    expect(log.map((l) => l.outcome)).toEqual(["unavailable", "unavailable", "ok"]);
    expect(new Set(log.map((l) => l.actor))).toEqual(new Set(["kari@byraa.no"]));
    expect(log[2]!.purpose).toMatch(/rettslig skritt/);
  });

  it("a step the lifecycle refuses is refused before any check (no approval)", async () => {
    sandbox = await startCreditBureauSandbox({ subjects: [{ key: ORG, score: 12, riskClass: "E" }] });
    const c = await businessCase(60, false);
    await requireCheck();
    const r = await takeLegalStepChecked(t.database, bureauOf(sandbox), { caseId: c.id, step: "forliksklage", tvangsgrunnlag: null, today: LocalDate.parse("2025-03-01"), actor: "kari", rules, agency });
    expect(r).toMatchObject({ ok: false, refusal: { code: "legal_approval_required" } });
    expect(sandbox.checks).toEqual([]);
    expect(await caseLegalProceedings(t.database, c.id)).toEqual([]);
  });
});

describe("payment remarks", () => {
  it("a business debtor's remark (one month after the payment demand) is reported, waits while the bureau is down, and is deleted when the claim is paid", async () => {
    sandbox = await startCreditBureauSandbox({ subjects: [{ key: ORG, score: 30, riskClass: "D" }] });
    const c = await businessCase(70);
    const [k] = await t.database.query<{ remark_on: string; balance_minor: string }>("select remark_on::text, balance_minor from cases");
    expect(k!.remark_on).toBe("2025-02-28");
    const bureau = bureauOf(sandbox);
    const day = LocalDate.parse("2025-03-11");
    sandbox.down = true;
    expect(await syncPaymentRemarks(t.database, bureau, { today: day })).toMatchObject({ registered: 1, reported: 0, waiting: 1 });
    expect(sandbox.remarks.size).toBe(0);
    sandbox.down = false;
    expect(await syncPaymentRemarks(t.database, bureau, { today: day })).toMatchObject({ registered: 0, reported: 1, waiting: 0 });
    const [remark] = [...sandbox.remarks.values()];
    expect(remark).toMatchObject({ subjectKey: ORG, deletedAt: null });
    expect(remark!.body).toMatchObject({ registeredOn: "2025-02-28", amountMinor: Number(k!.balance_minor), currency: "NOK" });
    expect(String(remark!.body.basis)).toMatch(/betalingsoppfordringen 2025-01-29/);
    // The credit check now shows it.
    expect(await runCreditCheck(t.database, bureau, { caseId: c.id, purpose: "oppfølging", actor: "kari", today: day })).toMatchObject({ paymentRemarks: 1 });

    await t.database.transaction((tx) => recordPayment(tx, { caseId: c.id, amountMinor: 1_000_000_00, receivedOn: day, channel: "agency", source: "test", externalRef: "P1", today: day, actor: "test", rules, agency }));
    const [closed] = await t.database.query<{ close_reason: string }>("select close_reason from cases");
    expect(closed!.close_reason).toBe("paid");
    expect(await syncPaymentRemarks(t.database, bureau, { today: day })).toMatchObject({ toDelete: 1, deleted: 1 });
    expect(sandbox.remarks.get(remark!.reference)!.deletedAt).not.toBeNull();
    const timeline = await t.database.query<{ type: string }>("select type from case_events where type like 'payment-remark-%' order by id");
    expect(timeline.map((e) => e.type)).toEqual(["payment-remark-reported", "payment-remark-deleted"]);
    const [row] = await t.database.query<{ status: string; attempts: number }>("select status, attempts from payment_remarks");
    expect(row).toEqual({ status: "deleted", attempts: 1 });
  });

  it("a sole proprietorship (ENK in the company register) is treated as a person: no remark a month after the payment demand, but one month after the legal step", async () => {
    const json = aScenario("2025-01-01", 90).invoice({ id: "F1", type: "business", name: "Rørlegger Hansen" })
      .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-02-20", type: "legal-step", invoice: "F1", step: "forliksklage" })
      .build();
    (json.invoices[0] as { debtor: Record<string, unknown> }).debtor.orgNumber = ORG;
    await runScenario(json, rules, { agency, database: t.database });
    const [c] = await t.database.query<{ creditor_id: string; remark_on: string }>("select creditor_id, remark_on::text from cases");
    expect(c!.remark_on).toBe("2025-02-28"); // the engine's business date: one month after the payment demand of 2025-01-29
    const brreg = await startBrregSandbox({ entities: [{ organisasjonsnummer: ORG, navn: "RØRLEGGER HANSEN", organisasjonsform: { kode: "ENK", beskrivelse: "Enkeltpersonforetak" } }] });
    try {
      await t.database.transaction((tx) => checkCompanyStatuses(tx, c!.creditor_id, enhetsregisteret(brreg.url), { today: LocalDate.parse("2025-03-01"), actor: "system", purpose: "status", rules, agency }));
    } finally {
      await brreg.close();
    }
    // Legal step 2025-02-20: one month is 2025-03-20, 30 days 2025-03-22 — the later.
    expect(await syncPaymentRemarks(t.database, undefined, { today: LocalDate.parse("2025-03-21") })).toMatchObject({ registered: 0 });
    expect(await syncPaymentRemarks(t.database, undefined, { today: LocalDate.parse("2025-03-22") })).toMatchObject({ registered: 1 });
    const [row] = await t.database.query<{ registered_on: string; basis: string }>("select registered_on::text, basis from payment_remarks");
    expect(row!.registered_on).toBe("2025-03-22");
    expect(row!.basis).toMatch(/forliksklage\) 2025-02-20/);
  });

  it("a consumer gets no remark without a legal step", async () => {
    await runScenario(aScenario("2025-01-01", 90).invoice({ id: "F1" }).event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" }).build(), rules, { agency, database: t.database });
    expect(await syncPaymentRemarks(t.database, undefined, { today: LocalDate.parse("2025-03-31") })).toMatchObject({ registered: 0 });
  });

  it("a consumer's remark 30 days after the legal step waits while no bureau is configured; paid before it was reported, it is cancelled, not deleted", async () => {
    const json = aScenario("2025-01-01", 90).invoice({ id: "F1" })
      .event({ on: "2025-02-14", type: "approve-legal", invoice: "F1" })
      .event({ on: "2025-02-20", type: "legal-step", invoice: "F1", step: "forliksklage" })
      .build();
    await runScenario(json, rules, { agency, database: t.database });
    const [c] = await t.database.query<{ id: string; remark_on: string }>("select id, remark_on::text from cases");
    expect(c!.remark_on).toBe("2025-03-22");
    const day = LocalDate.parse("2025-03-31");
    expect(await syncPaymentRemarks(t.database, undefined, { today: day })).toMatchObject({ registered: 1, reported: 0 });
    const [row] = await t.database.query<{ status: string; basis: string }>("select status, basis from payment_remarks");
    expect(row!.status).toBe("to-report");
    expect(row!.basis).toMatch(/forliksklage\) 2025-02-20/);
    await t.database.transaction((tx) => recordPayment(tx, { caseId: c!.id, amountMinor: 1_000_000_00, receivedOn: day, channel: "agency", source: "test", externalRef: "P1", today: day, actor: "test", rules, agency }));
    expect(await syncPaymentRemarks(t.database, undefined, { today: day })).toMatchObject({ toDelete: 0, cancelled: 1 });
  });
});
