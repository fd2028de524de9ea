import { call, client } from "../api/client";
import { BarChart } from "../components/BarChart";
import { ErrorMessage, Loading } from "../components/Status";
import { formatMoneyShort, formatMonth, toMinor } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";

export function ChartsTab({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const { data, error, loading } = useApi(`charts:${creditorId}`, () => call(client.GET("/v1/creditors/{creditorId}/charts", { params: { path: { creditorId } } })));
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;
  return (
    <div className="charts">
      <BarChart
        title={t("charts.overdueByAge")}
        bars={data.overdueByAge.map((b) => ({
          label: labelOr(locale, `ageBucket.${b.bucket}`, b.bucket),
          value: toMinor(b.amount),
          text: `${formatMoneyShort(b.amount, data.currency, locale)} (${b.count})`,
        }))}
      />
      <BarChart
        title={t("charts.collectedByMonth")}
        tone="accent"
        bars={data.collectedByMonth.map((m) => ({
          label: formatMonth(m.month, locale),
          value: toMinor(m.amount),
          text: formatMoneyShort(m.amount, data.currency, locale),
        }))}
      />
    </div>
  );
}
