import type { SettlementTotals } from "../api/types";
import { formatMoney, toMinor as minor } from "../format";
import type { MessageKey } from "../i18n";
import { useI18n } from "../locale-context";

/** The lines from money received to money paid out, in order; each subtracted line is shown even at zero so the sum reads on its face. */
const STEPS: { key: MessageKey; field: keyof SettlementTotals; kind: "start" | "minus" | "sum" }[] = [
  { key: "reconcile.received", field: "receivedByAgency", kind: "start" },
  { key: "reconcile.agencyShare", field: "agencyShareOfReceived", kind: "minus" },
  { key: "reconcile.creditorShare", field: "creditorShare", kind: "sum" },
  { key: "reconcile.commission", field: "commission", kind: "minus" },
  { key: "reconcile.commissionVat", field: "commissionVat", kind: "minus" },
  { key: "reconcile.withdrawalCosts", field: "withdrawalCosts", kind: "minus" },
  { key: "reconcile.owedFromDirect", field: "owedFromDirect", kind: "minus" },
];


/**
 * How a settlement's payout adds up, line by line: paid to the agency − the agency's costs =
 * the creditor's share − commission − VAT − withdrawal costs − set-off = paid out (or invoiced).
 * The lines are the settlement's own totals; the component checks they add up and says so.
 */
export function SettlementReconciliation({ totals, currency, interestTo }: { totals: SettlementTotals; currency: string; interestTo?: string }) {
  const { t, locale } = useI18n();
  const net = minor(totals.net);
  const zero = 0n;
  const sums = minor(totals.creditorShare) - minor(totals.commission) - minor(totals.commissionVat) - minor(totals.withdrawalCosts) - minor(totals.owedFromDirect);
  const shareSums = minor(totals.receivedByAgency) - minor(totals.agencyShareOfReceived) === minor(totals.creditorShare);
  const money = (a: string) => formatMoney(a, currency, locale);
  const abs = (a: string) => (a.startsWith("-") ? a.slice(1) : a);
  return (
    <section aria-labelledby="reconcile-title" className="reconciliation">
      <h4 id="reconcile-title">{t("reconcile.title")}</h4>
      <div className="table-scroll"><table className="data-table compact" data-testid="reconciliation" data-adds-up={String(sums === net && shareSums)}>
        <tbody>
          {STEPS.map((s) => (
            <tr key={s.field} className={s.kind === "sum" ? "total-row" : undefined}>
              <th scope="row">{t(s.key)}</th>
              <td className="num">{money(totals[s.field])}</td>
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">{t(net >= zero ? "reconcile.payout" : "reconcile.invoice")}</th>
            <td className="num">{money(abs(totals.net))}</td>
          </tr>
        </tbody>
      </table></div>
      <p className="muted">{t("reconcile.agencyTotal", { amount: money(totals.agencyTotal) })}</p>
      {(interestTo === "creditor" || interestTo === "agency") && <p className="muted">{t(`reconcile.interestTo.${interestTo}`)}</p>}
    </section>
  );
}
