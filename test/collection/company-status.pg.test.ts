import { afterEach, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { checkCompanyStatuses } from "../../src/collection/debtor-info/company-check.js";
import { enhetsregisteret } from "../../src/collection/debtor-info/company-registry.js";
import { startBrregSandbox, type BrregSandbox } from "../../src/collection/debtor-info/sandbox/brreg-sandbox.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { registerCreditor, verifyOrganisation } from "../../src/onboarding/creditor-lifecycle.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/** The company register (Enhetsregisteret sandbox) and insolvency on a case (docs/CASES.md, "Insolvency"). */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();
let sandbox: BrregSandbox | undefined;
afterEach(async () => sandbox?.close());

// 974760673: Registerenheten i Brønnøysund's own number, a valid check digit.
const ORG = "974760673";

async function businessCase(days = 40) {
  const json = aScenario("2025-01-01", days).invoice({ id: "F1", type: "business", name: "Konkurs AS" }).build();
  (json.invoices[0] as { debtor: Record<string, unknown> }).debtor.orgNumber = ORG;
  await runScenario(json, rules, { agency, database: t.database });
  const [c] = await t.database.query<{ id: string; creditor_id: string }>("select id, creditor_id from cases");
  return c!;
}

describe("the company register and insolvency", () => {
  it("the adapter reads the register's answers: active, bankrupt, deleted (410), unknown (404), down (503)", async () => {
    sandbox = await startBrregSandbox({ entities: [{ organisasjonsnummer: ORG, navn: "KONKURS AS", konkurs: true, konkursdato: "2025-02-01" }, { organisasjonsnummer: "923609016", navn: "SLETTET AS", slettedato: "2024-06-01" }] });
    const reg = enhetsregisteret(sandbox.url);
    expect(await reg.lookup(ORG)).toMatchObject({ found: true, bankrupt: true, bankruptcyDate: "2025-02-01", deletedOn: null });
    expect(await reg.lookup("923609016")).toMatchObject({ found: true, deletedOn: "2024-06-01" });
    expect(await reg.lookup("986105174")).toEqual({ found: false, orgNumber: "986105174" });
    sandbox.down = true;
    await expect(reg.lookup(ORG)).rejects.toThrow(/unavailable: HTTP 503/);
  });

  it("bankruptcy stops collection and produces a claim notice to the estate; a register that is down is logged and retried, never skipped", async () => {
    const c = await businessCase();
    sandbox = await startBrregSandbox({ entities: [{ organisasjonsnummer: ORG, navn: "KONKURS AS", konkurs: true, konkursdato: "2025-02-08" }] });
    sandbox.down = true;
    const ctx = { today: LocalDate.parse("2025-02-10"), actor: "test", purpose: "case follow-up", rules, agency };
    const down = await t.database.transaction((tx) => checkCompanyStatuses(tx, c.creditor_id, enhetsregisteret(sandbox!.url), ctx));
    expect(down).toMatchObject({ unavailable: 1, bankrupt: 0 });
    const [held] = await t.database.query<{ hold_kind: string | null }>("select hold_kind from cases");
    expect(held!.hold_kind).toBeNull();
    sandbox.down = false;
    const up = await t.database.transaction((tx) => checkCompanyStatuses(tx, c.creditor_id, enhetsregisteret(sandbox!.url), ctx));
    expect(up).toMatchObject({ checked: 1, bankrupt: 1, unavailable: 0 });
    const [after] = await t.database.query<{ hold_kind: string; hold_reason: string; next_action_on: string | null }>("select hold_kind, hold_reason, next_action_on from cases");
    expect(after).toMatchObject({ hold_kind: "insolvency", hold_reason: "bankruptcy", next_action_on: null });
    const checks = await t.database.query<{ outcome: string; purpose: string; actor: string }>("select outcome, purpose, actor from debtor_checks order by id");
    expect(checks).toEqual([{ outcome: "unavailable", purpose: "case follow-up", actor: "test" }, { outcome: "bankrupt", purpose: "case follow-up", actor: "test" }]);
    const [doc] = await t.database.query<{ kind: string; data: { fields: { label: string; value: string }[] } }>("select kind, data from case_documents");
    expect(doc!.kind).toBe("claim-notice:bankruptcy:2025-02-08");
    expect(doc!.data.fields.find((f) => f.label === "Anmeldt beløp")).toBeDefined();
  });

  it("scenario company-status: a bankrupt debtor gets no more letters; legal steps are refused", async () => {
    const json = aScenario("2025-01-01", 120)
      .invoice({ id: "F1" })
      .event({ on: "2025-01-20", type: "company-status", invoice: "F1", status: "bankrupt" })
      .event({ on: "2025-03-01", type: "approve-legal", invoice: "F1" })
      .build();
    const inv = (await runScenario(json, rules, { agency, database: t.database })).invoices[0]!;
    expect(inv.hold).toBe("insolvency");
    expect(inv.letters.map((l) => l.kind)).toEqual(["collection-notice"]);
    expect(inv.timeline.filter((e) => e.on > "2025-01-20").map((e) => e.type)).toEqual(["refused"]);
  });

  it("verifies a creditor's organisation number at registration (issue 19): another company's number, a deleted or bankrupt one, or a register that is down are refused", async () => {
    sandbox = await startBrregSandbox({ entities: [{ organisasjonsnummer: ORG, navn: "REGISTERENHETEN I BRØNNØYSUND" }, { organisasjonsnummer: "923609016", navn: "SLETTET AS", slettedato: "2024-06-01" }] });
    const reg = enhetsregisteret(sandbox.url);
    await expect(verifyOrganisation(reg, ORG, "Registerenheten i Brønnøysund")).resolves.toBeUndefined();
    await expect(verifyOrganisation(reg, ORG, "Nordlys Regnskap AS")).rejects.toMatchObject({ field: "orgNumber", message: expect.stringContaining(`${ORG} belongs to REGISTERENHETEN I BRØNNØYSUND in Enhetsregisteret, not Nordlys Regnskap AS`) });
    await expect(verifyOrganisation(reg, "923609016", "Slettet AS")).rejects.toThrow(/deleted from Enhetsregisteret on 2024-06-01/);
    sandbox.down = true;
    await expect(verifyOrganisation(reg, ORG, "Registerenheten i Brønnøysund")).rejects.toMatchObject({ code: "registry_unavailable" });
    const input = { code: "X1", name: "Nordlys Regnskap AS", orgNumber: ORG, address: { line1: "Gate 1", postcode: "0150", city: "Oslo", country: "NO" }, vatRegistered: true, factoring: false };
    sandbox.down = false;
    await expect(registerCreditor(t.database, null, input, { registry: reg })).rejects.toThrow(/belongs to REGISTERENHETEN/);
    expect(await t.database.query("select 1 from creditors where code = 'X1'")).toEqual([]);
  });
});
