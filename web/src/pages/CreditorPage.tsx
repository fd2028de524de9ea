import { call, client } from "../api/client";
import type { Creditor } from "../api/types";
import { ErrorMessage, Loading } from "../components/Status";
import { CasesTab } from "../creditor/CasesTab";
import { ChartsTab } from "../creditor/ChartsTab";
import { DraftsTab } from "../creditor/DraftsTab";
import { InvoicesTab } from "../creditor/InvoicesTab";
import { SettingsTab } from "../creditor/SettingsTab";
import { SettlementsTab } from "../creditor/SettlementsTab";
import { WhatIfTab } from "../creditor/WhatIfTab";
import { labelOr, type MessageKey } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";

export const CREDITOR_TABS: { id: string; label: MessageKey }[] = [
  { id: "invoices", label: "tab.invoices" },
  { id: "drafts", label: "tab.drafts" },
  { id: "cases", label: "tab.cases" },
  { id: "settlements", label: "tab.settlements" },
  { id: "charts", label: "tab.charts" },
  { id: "settings", label: "tab.settings" },
  { id: "what-if", label: "tab.whatIf" },
];

/** One client (creditor): its invoices, drafts, cases, settlements, charts and settings. */
export function CreditorPage({ creditorId, tab }: { creditorId: string; tab: string }) {
  const { t, locale } = useI18n();
  const { data: creditor, error, loading, reload } = useApi(`creditor:${creditorId}`, () =>
    // The stored settings are an open object in the server's schema; the portal reads them as CreditorSettings.
    call(client.GET("/v1/creditors/{creditorId}", { params: { path: { creditorId } } })) as Promise<Creditor>,
  );
  const current = CREDITOR_TABS.find((x) => x.id === tab) ?? CREDITOR_TABS[0]!;
  usePageTitle(creditor ? `${creditor.name} – ${t(current.label)}` : null);
  if (error) return <ErrorMessage error={error} />;
  if (loading && !creditor) return <Loading />;
  if (!creditor) return null;
  const base = `/creditors/${encodeURIComponent(creditorId)}`;
  return (
    <div className="page">
      <div className="page-header">
        <h1>{creditor.name}</h1>
        <p className="muted">
          {creditor.code} · {t("client.orgNumber")} {creditor.orgNumber} · {labelOr(locale, `creditorStatus.${creditor.status}`, creditor.status)}
        </p>
      </div>
      <nav className="tabs" aria-label={t("tab.label")}>
        <ul>
          {CREDITOR_TABS.map((x) => (
            <li key={x.id}>
              <Link to={`${base}/${x.id}`} aria-current={x.id === current.id ? "page" : undefined}>
                {t(x.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="tab-panel" aria-label={t(current.label)}>
        {current.id === "invoices" && <InvoicesTab creditorId={creditorId} />}
        {current.id === "drafts" && <DraftsTab creditorId={creditorId} />}
        {current.id === "cases" && <CasesTab creditorId={creditorId} />}
        {current.id === "settlements" && <SettlementsTab creditorId={creditorId} />}
        {current.id === "charts" && <ChartsTab creditorId={creditorId} />}
        {current.id === "settings" && <SettingsTab creditor={creditor} onSaved={reload} />}
        {current.id === "what-if" && <WhatIfTab creditor={creditor} onSaved={reload} />}
      </section>
    </div>
  );
}
