import { afterEach, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { enhetsregisteret } from "../../src/collection/debtor-info/company-registry.js";
import { COMPANY_CHECK_PURPOSE, runDebtorInfoRound } from "../../src/collection/debtor-info/debtor-info-round.js";
import { startBrregSandbox, type BrregSandbox } from "../../src/collection/debtor-info/sandbox/brreg-sandbox.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";
import { aScenario } from "../support/scenario-builder.js";

/** The worker's scheduled company check (docs/CASES.md, "Insolvency and the company register"): active cases only; a register that is down is retried, never skipped. */
const rules = loadRuleBook();
const t = databasePerTest();
const agency = agencyFromEnv();
let sandbox: BrregSandbox | undefined;
afterEach(async () => sandbox?.close());

const ORG = "974760673";
const CLOSED_ORG = "923609016";

describe("the scheduled company check", () => {
  it("checks the business debtors of open cases; a register that is down is logged, asks for a retry, and the next round checks the case", async () => {
    const json = aScenario("2025-01-01", 40).invoice({ id: "F1", type: "business", name: "Konkurs AS" }).invoice({ id: "F2", type: "business", name: "Betalt AS" }).invoice({ id: "F3" })
      .event({ on: "2025-01-20", type: "payment", invoice: "F2", amount: "5000.00", to: "agency" })
      .build();
    (json.invoices[0] as { debtor: Record<string, unknown> }).debtor.orgNumber = ORG;
    (json.invoices[1] as { debtor: Record<string, unknown> }).debtor.orgNumber = CLOSED_ORG;
    await runScenario(json, rules, { agency, database: t.database });
    expect(await t.database.query("select count(*)::int as n from cases where closed_on is not null")).toEqual([{ n: 1 }]);
    sandbox = await startBrregSandbox({ entities: [{ organisasjonsnummer: ORG, navn: "KONKURS AS", konkurs: true, konkursdato: "2025-02-05" }, { organisasjonsnummer: CLOSED_ORG, navn: "BETALT AS" }] });
    const registry = enhetsregisteret(sandbox.url);
    const today = LocalDate.parse("2025-02-10");

    sandbox.down = true;
    const down = await runDebtorInfoRound(t.database, { registry, rules, agency, today });
    expect(down.company).toEqual({ checked: 0, bankrupt: 0, attention: 0, unavailable: 1 });
    expect(down.retryNeeded).toBe(true);
    expect(sandbox.requests).toEqual([ORG]);
    const [hold] = await t.database.query<{ hold_kind: string | null }>("select c.hold_kind from cases c join debtors d on d.id = c.debtor_id where d.org_number = $1", [ORG]);
    expect(hold!.hold_kind).toBeNull();

    sandbox.down = false;
    const up = await runDebtorInfoRound(t.database, { registry, rules, agency, today });
    expect(up.company).toEqual({ checked: 1, bankrupt: 1, attention: 0, unavailable: 0 });
    expect(up.retryNeeded).toBe(false);
    const [held] = await t.database.query<{ hold_kind: string | null }>("select c.hold_kind from cases c join debtors d on d.id = c.debtor_id where d.org_number = $1", [ORG]);
    expect(held!.hold_kind).toBe("insolvency");
    const log = await t.database.query<{ outcome: string; actor: string; purpose: string }>("select outcome, actor, purpose from debtor_checks where source = 'company-register' order by id");
    expect(log).toEqual([
      { outcome: "unavailable", actor: "worker", purpose: COMPANY_CHECK_PURPOSE },
      { outcome: "bankrupt", actor: "worker", purpose: COMPANY_CHECK_PURPOSE },
    ]);
    // The same day again: nothing new to ask (checked today), the closed case never.
    await runDebtorInfoRound(t.database, { registry, rules, agency, today });
    expect(sandbox.requests).toEqual([ORG, ORG]);
  });
});
