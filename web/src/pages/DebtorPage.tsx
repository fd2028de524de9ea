import { call, client } from "../api/client";
import { closeReasonLabel } from "../case-texts";
import { LetterLink } from "../components/letter-link";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDate, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";

/** An address from the API (`{ line1, line2?, postcode, city, country }`) on one line; anything else as nothing. */
export function addressLine(address: unknown): string {
  if (!address || typeof address !== "object") return "";
  const a = address as Record<string, unknown>;
  const s = (k: string) => (typeof a[k] === "string" ? (a[k] as string) : "");
  return [s("line1"), s("line2"), [s("postcode"), s("city")].filter(Boolean).join(" "), s("country")].filter(Boolean).join(", ");
}

/** A debtor: their details, every case of theirs at the client, and every letter sent with its channel and delivery status. */
export function DebtorPage({ debtorId }: { debtorId: string }) {
  const { t, locale } = useI18n();
  const { data, error, loading } = useApi(`debtor:${debtorId}`, () => call(client.GET("/v1/debtors/{debtorId}", { params: { path: { debtorId } } })));
  usePageTitle(data ? t("debtor.title", { name: data.debtor.name }) : null);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return loading ? <Loading /> : null;
  const d = data.debtor;
  const facts: [string, string | null][] = [
    [t("debtor.creditor"), d.creditorName],
    [t("debtor.type"), labelOr(locale, `debtor.type.${d.type}`, d.type)],
    [t("debtor.orgNumber"), d.orgNumber],
    [t("debtor.birthDate"), d.birthDate ? formatDate(d.birthDate, locale) : null],
    [t("debtor.nationalId"), d.nationalId],
    [t("debtor.address"), addressLine(d.address) || null],
    [t("debtor.email"), d.email],
    [t("debtor.phone"), d.phone],
    [t("debtor.language"), labelOr(locale, `language.${d.language}`, d.language)],
    [t("debtor.customerNumber"), d.customerNumber],
  ];
  return (
    <div className="page debtor-page">
      <p className="breadcrumb">
        <Link to={`/creditors/${d.creditorId}/cases`}>{t("case.backToCases")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("debtor.title", { name: d.name })}</h1>
      </div>
      <section aria-labelledby="debtor-details">
        <h2 id="debtor-details">{t("debtor.details")}</h2>
        <dl className="facts" data-testid="debtor-facts">
          {facts
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      </section>
      <section aria-labelledby="debtor-cases">
        <h2 id="debtor-cases">{t("debtor.cases")}</h2>
        <div className="table-scroll">
          <table className="data-table" data-testid="debtor-cases">
            <thead>
              <tr>
                <th scope="col">{t("case.number")}</th>
                <th scope="col">{t("invoice.number")}</th>
                <th scope="col">{t("case.stage")}</th>
                <th scope="col" className="num">
                  {t("case.balance")}
                </th>
                <th scope="col">{t("case.openedOn")}</th>
                <th scope="col">{t("lists.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {data.cases.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">
                    <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>
                  </th>
                  <td>{c.invoiceNumber}</td>
                  <td>{labelOr(locale, `stage.${c.stage}`, c.stage)}</td>
                  <td className="num">{formatMoney(c.closedOn ? "0.00" : c.balance, c.currency, locale)}</td>
                  <td>{formatDate(c.openedOn, locale)}</td>
                  <td>{c.closeReason ? closeReasonLabel(locale, c.closeReason) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="debtor-letters">
        <h2 id="debtor-letters">{t("debtor.letters")}</h2>
        {data.letters.length === 0 ? (
          <p className="empty">{t("debtor.noLetters")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="debtor-letters">
              <thead>
                <tr>
                  <th scope="col">{t("case.letter")}</th>
                  <th scope="col">{t("case.number")}</th>
                  <th scope="col">{t("case.sentOn")}</th>
                  <th scope="col">{t("delivery.channel")}</th>
                  <th scope="col">{t("delivery.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.letters.map((l) => (
                  <tr key={l.letterId}>
                    <th scope="row">
                      <LetterLink letterId={l.letterId}>
                        {labelOr(locale, `letter.${l.kind}`, l.kind)}
                        {l.number ? ` ${l.number}` : ""}
                        {l.copyOf ? ` (${t("delivery.copyOf")})` : ""}
                      </LetterLink>
                    </th>
                    <td>
                      <Link to={`/cases/${l.caseId}`}>{l.caseNumber}</Link>
                    </td>
                    <td>{formatDate(l.sentOn, locale)}</td>
                    <td>{l.delivery.channel ? labelOr(locale, `delivery.channelName.${l.delivery.channel}`, l.delivery.channel) : ""}</td>
                    <td>{labelOr(locale, `delivery.state.${l.delivery.status}`, l.delivery.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
