import { call, client } from "../api/client";
import { formatDate, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import type { Answer } from "../api/types";

export type CasePlans = Answer<"/v1/cases/{caseId}/payment-plans", "get">["items"];

/** A case's payment plans: each instalment, its KID and what of it is paid (nothing shown when the case has none). */
export function PaymentPlans({ caseId, currency, version }: { caseId: string; currency: string; version: string }) {
  const { data } = useApi(`plans:${caseId}:${version}`, () => call(client.GET("/v1/cases/{caseId}/payment-plans", { params: { path: { caseId } } })));
  return data ? <PaymentPlanTables plans={data.items} currency={currency} /> : null;
}

/** The plans as tables (shown only when there are any). */
export function PaymentPlanTables({ plans, currency }: { plans: CasePlans; currency: string }) {
  const { t, locale } = useI18n();
  if (plans.length === 0) return null;
  const money = (a: string) => formatMoney(a, currency, locale);
  return (
    <section aria-labelledby="plans-title" data-testid="payment-plans">
      <h2 id="plans-title">{t("plan.title")}</h2>
      {plans.map((p) => (
        <div key={p.planId} className="payment-plan">
          <p>
            <strong>{labelOr(locale, `plan.status.${p.status}`, p.status)}</strong> · {t("plan.agreed", { date: formatDate(p.agreedOn, locale) })} · {t("plan.paidOf", { paid: money(p.paid), total: money(p.total) })}
          </p>
          <div className="table-scroll"><table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("plan.due")}</th>
                <th scope="col" className="num">{t("plan.amount")}</th>
                <th scope="col" className="num">{t("plan.paid")}</th>
                <th scope="col">KID</th>
              </tr>
            </thead>
            <tbody>
              {p.instalments.map((i) => (
                <tr key={i.dueOn}>
                  <td>{formatDate(i.dueOn, locale)}</td>
                  <td className="num">{money(i.amount)}</td>
                  <td className="num">{money(i.paid)}</td>
                  <td>{i.kid}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </div>
      ))}
    </section>
  );
}
