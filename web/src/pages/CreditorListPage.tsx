import type { Page } from "../api/types";
import { ErrorMessage, Loading } from "../components/Status";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";

interface CreditorRow {
  id: string;
  code: string;
  name: string;
  status: string;
}

/** For users who see creditors but belong to no firm (the agency's roles). */
export function CreditorListPage() {
  const { t, locale } = useI18n();
  usePageTitle(t("creditors.title"));
  const { data, error, loading } = useApi<Page<CreditorRow>>("/v1/creditors?limit=200");
  return (
    <div className="page">
      <h1>{t("creditors.title")}</h1>
      <ErrorMessage error={error} />
      {loading && <Loading />}
      {data && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("client.code")}</th>
              <th scope="col">{t("client.name")}</th>
              <th scope="col">{t("client.status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.code}</td>
                <th scope="row">
                  <Link to={`/creditors/${c.id}`}>{c.name}</Link>
                </th>
                <td>{labelOr(locale, `creditorStatus.${c.status}`, c.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
