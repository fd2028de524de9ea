import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SettlementTotals } from "../api/types";
import { draftFromSettings } from "../settings-form";
import { renderIn } from "../test-render";
import { SettingsFields } from "./settings-fields";
import { SettlementReconciliation } from "./settlement-reconciliation";

/**
 * A settlement's totals as the demo's November settlement for Nordlys has them: 75.00 of costs the
 * debtor paid straight to the creditor are set off. The English notes used to say "7025.68 NOK is
 * paid out … after set-off of 75.00 NOK" with the agency's share (2100.00) nowhere beside the
 * posted 2175.00 (issue #20).
 */
const totals: SettlementTotals = {
  receivedByAgency: "9200.68", agencyShareOfReceived: "2100.00", creditorShare: "7100.68", commission: "0.00", commissionVat: "0.00",
  withdrawalCosts: "0.00", owedFromDirect: "75.00", setOff: "75.00", agencyTotal: "2175.00", net: "7025.68",
};

function lines(): [string, string][] {
  return within(screen.getByTestId("reconciliation"))
    .getAllByRole("row")
    .map((r) => [within(r).getByRole("rowheader").textContent ?? "", r.querySelector("td")?.textContent?.replace(/\s/g, " ") ?? ""]);
}

describe("the settlement reconciliation", () => {
  it("goes from money received to money paid out, every subtraction a line", () => {
    renderIn("nb", <SettlementReconciliation totals={totals} currency="NOK" interestTo="creditor" />);
    expect(lines()).toEqual([
      ["Innbetalt til byrået", "9 200,68 kr"],
      ["− Kostnader og salær som tilfaller byrået", "2 100,00 kr"],
      ["= Din andel", "7 100,68 kr"],
      ["− Provisjon", "0,00 kr"],
      ["− Mva. på provisjon", "0,00 kr"],
      ["− Kostnader ved tilbaketrekking", "0,00 kr"],
      ["− Motregnet: kostnader skyldneren betalte direkte til deg", "75,00 kr"],
      ["= Utbetalt til deg", "7 025,68 kr"],
    ]);
    expect(screen.getByTestId("reconciliation").dataset["addsUp"]).toBe("true");
    // The agency's whole income, as posted on the voucher: its share and the set-off.
    expect(screen.getByText(/Byrået får i alt 2\s175,00\skr/)).toBeTruthy();
  });

  it("says when the lines do not add up", () => {
    renderIn("en", <SettlementReconciliation totals={{ ...totals, net: "7100.68" }} currency="NOK" />);
    expect(screen.getByTestId("reconciliation").dataset["addsUp"]).toBe("false");
  });

  it("says an invoice when the set-off exceeds the share", () => {
    renderIn("en", <SettlementReconciliation totals={{ ...totals, receivedByAgency: "0.00", agencyShareOfReceived: "0.00", creditorShare: "0.00", owedFromDirect: "75.00", net: "-75.00" }} currency="NOK" />);
    expect(lines().at(-1)).toEqual(["= Invoiced to you", "NOK 75.00"]);
  });
});

describe("the settlement settings", () => {
  const draft = draftFromSettings({ settlement: { frequency: "monthly", interestTo: "creditor" } });
  it("show the agency's terms read-only to a user who may not change them", () => {
    renderIn("en", <SettingsFields draft={draft} onChange={() => undefined} errors={[]} sections={["settlement"]} idPrefix="s" agencyTerms={false} />);
    const interestTo = screen.getByLabelText("Late-payment interest goes to");
    expect((interestTo as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByText(/Only the agency can change this\./)).toBeTruthy();
    expect((screen.getByLabelText("How often") as HTMLSelectElement).disabled).toBe(false);
  });
  it("let the agency's finance staff change them", () => {
    renderIn("en", <SettingsFields draft={draft} onChange={() => undefined} errors={[]} sections={["settlement"]} idPrefix="s" agencyTerms />);
    expect((screen.getByLabelText("Late-payment interest goes to") as HTMLSelectElement).disabled).toBe(false);
  });
});
