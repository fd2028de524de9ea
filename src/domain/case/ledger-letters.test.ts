import { TERMS } from "./case.fixture.js";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { aCase } from "../case-lifecycle/test-fixtures.js";
import { rulesFor } from "../jurisdictions/rule-set.js";
import type { Money } from "../money.js";
import type { CaseAccount, LedgerLetterFact } from "./account.js";
import { planDay } from "./day.js";
import { ledgerLetterFact } from "./opening.js";
import type { CaseTerms, PlanContext } from "./terms.js";

/**
 * inkassoforskriften §§ 1-2, 1-3: at most 2 purringer + 1 betalingsoppfordring, or 1 purring + 1
 * inkassovarsel + 1 betalingsoppfordring may carry a fee per claim, and the 2nd fee only after the
 * debtor missed a deadline of at least 14 days in the first letter with a fee. The limits are per
 * claim: the fees the creditor's own ledger charged before transfer count (issue 12, item 8).
 * The case is due 2025-01-31 and opened 2025-02-14; the agency's first letter goes that day.
 */
const rules = rulesFor("NO");
const d = (t: string) => LocalDate.parse(t);
const nok = (amount: number): Money => ({ amount, currency: "NOK" });
const terms = (firstStep: CaseTerms["firstStep"]): CaseTerms => ({ ...TERMS, firstStep });
const ctx = (today: string, firstStep: CaseTerms["firstStep"] = "collection-notice"): PlanContext => ({ today: d(today), creditor: { vatRegistered: true, settings: terms(firstStep) }, rules, newId: () => "00000000-0000-4000-8000-000000000001" });

function openedCase(ledgerLetters: LedgerLetterFact[]): CaseAccount {
  const state = aCase().build();
  const z = nok(0);
  return {
    id: "case-3",
    creditorId: "creditor-1",
    currency: "NOK",
    version: 1,
    state,
    charged: { fees: z, salary: z, "legal-costs": z, interest: z, principal: nok(1_000_00) },
    paid: { fees: z, salary: z, "legal-costs": z, interest: z, principal: z },
    interest: { base: z, baseOn: state.dueDate, accruedOn: state.dueDate },
    claimForSalary: nok(1_000_00),
    credit: z,
    limitationOn: null,
    nextActionOn: null,
    ledgerLetters,
  };
}

const fees = (account: CaseAccount, today: string, firstStep?: CaseTerms["firstStep"]) =>
  planDay(account, ctx(today, firstStep)).charges.filter((c) => c.bucket === "fees").map((c) => c.kind);

describe("the ledger's own letters count toward the fee limits (inkassoforskriften §§ 1-2, 1-3)", () => {
  it("without ledger letters the agency's notice carries a fee (unchanged)", () => {
    expect(fees(openedCase([]), "2025-02-14")).toEqual(["notice-fee"]);
  });

  it("a ledger reminder with a deadline under 14 days, fee unknown (assumed charged): the notice carries no fee", () => {
    const reminder = ledgerLetterFact("reminder", d("2025-02-03"), d("2025-02-10"), null);
    expect(fees(openedCase([reminder]), "2025-02-14")).toEqual([]);
  });

  it("a ledger reminder with a 14-day deadline the debtor missed: the notice may carry the 2nd fee", () => {
    const reminder = ledgerLetterFact("reminder", d("2025-01-30"), d("2025-02-13"), null);
    expect(fees(openedCase([reminder]), "2025-02-14")).toEqual(["notice-fee"]);
  });

  it("a ledger reminder known to carry no fee does not count", () => {
    const reminder = ledgerLetterFact("reminder", d("2025-02-03"), d("2025-02-10"), nok(0));
    expect(fees(openedCase([reminder]), "2025-02-14")).toEqual(["notice-fee"]);
  });

  it("a ledger reminder and the agency's reminder with fees: the notice is a 3rd letter fee and is refused", () => {
    const reminder = ledgerLetterFact("reminder", d("2025-01-30"), d("2025-02-13"), null);
    const first = planDay(openedCase([reminder]), ctx("2025-02-14", "reminder"));
    expect(first.charges.map((c) => c.kind)).toEqual(["reminder-fee"]);
    const after = { ...openedCase([reminder]), state: first.state, charged: { ...openedCase([reminder]).charged, fees: first.charges[0]!.amount } };
    const deadline = first.state.reminderDeadline!;
    expect(fees(after, deadline.plusDays(1).toString(), "reminder")).toEqual([]);
  });

  it("a deadline before the sending date (a ledger's data error) is dropped, never trusted", () => {
    expect(ledgerLetterFact("reminder", d("2025-02-03"), d("2025-02-01"), null).deadline).toBeNull();
  });
});
