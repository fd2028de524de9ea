import type { CaseSummary } from "../api/types";
import { closeReasonLabel, nextDateLabel, statusLabel } from "../case-texts";
import { formatDate, formatMoney } from "../format";
import { labelOr, type Locale } from "../i18n";
import { useI18n } from "../locale-context";
import { Link } from "../router";
import type { Paged } from "../use-paged";
import { Loading } from "./Status";

/** A case's status line in a list: the stage's status, and why it closed. */
export function caseStatus(locale: Locale, c: CaseSummary): string {
  return c.closedOn ? `${statusLabel(locale, c.stage, c.statusText)} – ${closeReasonLabel(locale, c.closeReason)}` : statusLabel(locale, c.stage, c.statusText);
}

/** One case in a list (a client's cases, search results): number, invoice, debtor, stage, status, balance, opened, next step. */
export function CaseRow({ c, today, age }: { c: CaseSummary; today: string | null; /** Days past due, as a last column (the client's sortable case list). */ age?: number | null }) {
  const { t, locale } = useI18n();
  return (
    <tr className={c.actionNeeded ? "row-action" : c.hold ? "row-hold" : undefined}>
      <th scope="row">
        <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>
        {c.actionNeeded && <span className="badge badge-danger">{t("case.actionNeeded")}</span>}
      </th>
      <td>{c.invoiceNumber}</td>
      <td>{c.debtorName}</td>
      <td>{labelOr(locale, `stage.${c.stage}`, c.stage)}</td>
      <td>
        {c.hold && <span className="badge badge-hold">{labelOr(locale, `hold.${c.hold.kind}`, c.hold.kind)}</span>} {caseStatus(locale, c)}
      </td>
      <td className="num">{formatMoney(c.balance, c.currency, locale)}</td>
      <td>{formatDate(c.openedOn, locale)}</td>
      <td>{nextDateLabel(locale, c, today)}</td>
      {age !== undefined && <td className="num">{age ?? ""}</td>}
    </tr>
  );
}

/** Under a paged list: loading, or a button for the next page. */
export function LoadMore<T>({ list }: { list: Paged<T> }) {
  const { t } = useI18n();
  return (
    <>
      {list.loading && <Loading />}
      {list.hasMore && !list.loading && (
        <button type="button" className="button" onClick={list.loadMore}>
          {t("common.loadMore")}
        </button>
      )}
    </>
  );
}
