import { useId } from "react";
import type { WhatIfResult, WhatIfSummary } from "../api/types";
import { formatCount, formatDate, formatMoney, subtractDecimal, toMinor } from "../format";
import { labelOr, type MessageKey } from "../i18n";
import { useI18n } from "../locale-context";

type Row = { key: MessageKey; kind: "count"; get(s: WhatIfSummary): number } | { key: MessageKey; kind: "money"; get(s: WhatIfSummary): string };

const ROWS: Row[] = [
  { key: "whatIf.cases", kind: "count", get: (s) => s.cases },
  { key: "whatIf.opened", kind: "count", get: (s) => s.opened ?? 0 },
  { key: "whatIf.reminders", kind: "count", get: (s) => s.letters.reminder },
  { key: "whatIf.collectionNotices", kind: "count", get: (s) => s.letters.collectionNotice },
  { key: "whatIf.paymentDemands", kind: "count", get: (s) => s.letters.paymentDemand },
  { key: "whatIf.legalSteps", kind: "count", get: (s) => s.legalSteps ?? 0 },
  { key: "whatIf.fees", kind: "money", get: (s) => s.fees },
  { key: "whatIf.salary", kind: "money", get: (s) => s.salary },
  { key: "whatIf.interest", kind: "money", get: (s) => s.interest },
  { key: "whatIf.legalCosts", kind: "money", get: (s) => s.legalCosts ?? "0.00" },
];

/** The stages in the order a case goes through them; a stage the portal does not know comes last. */
const STAGE_ORDER = ["opened", "reminder", "collection-notice", "stop-window", "awaiting-payment-demand-approval", "payment-demand", "awaiting-legal-approval", "ordinary-collection", "legal", "surveillance"];
function stagesOf(result: WhatIfResult): string[] {
  const all = new Set([...Object.keys(result.current.stages ?? {}), ...Object.keys(result.proposed.stages ?? {})]);
  const rank = (s: string) => (STAGE_ORDER.indexOf(s) + STAGE_ORDER.length + 1) % (STAGE_ORDER.length + 1);
  return [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Current settings against the proposed ones, side by side, with the difference. */
export function WhatIfComparison({ result, currency }: { result: WhatIfResult; currency: string }) {
  const { t, locale } = useI18n();
  const signed = (text: string, negative: boolean, zero: boolean) => (zero ? text : negative ? text : `+${text}`);
  return (
    <section className="what-if-result" aria-labelledby="what-if-result-title">
      <h3 id="what-if-result-title">
        {t("whatIf.resultTitle", { from: formatDate(result.from, locale), to: formatDate(result.to, locale) })}
      </h3>
      <div className="table-scroll"><table className="data-table comparison">
        <thead>
          <tr>
            <th scope="col">{t("whatIf.metric")}</th>
            <th scope="col" className="num">
              {t("whatIf.current")}
            </th>
            <th scope="col" className="num">
              {t("whatIf.proposed")}
            </th>
            <th scope="col" className="num">
              {t("whatIf.difference")}
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.filter((row) => row.key !== "whatIf.opened" || result.current.opened !== undefined).map((row) => {
            if (row.kind === "count") {
              const a = row.get(result.current);
              const b = row.get(result.proposed);
              const d = b - a;
              return (
                <tr key={row.key} data-metric={row.key}>
                  <th scope="row">{t(row.key)}</th>
                  <td className="num">{formatCount(a, locale)}</td>
                  <td className="num">{formatCount(b, locale)}</td>
                  <td className={`num ${d === 0 ? "" : d > 0 ? "diff-up" : "diff-down"}`}>{signed(formatCount(d, locale), d < 0, d === 0)}</td>
                </tr>
              );
            }
            const a = row.get(result.current);
            const b = row.get(result.proposed);
            const d = subtractDecimal(b, a);
            const dm = toMinor(d);
            return (
              <tr key={row.key} data-metric={row.key}>
                <th scope="row">{t(row.key)}</th>
                <td className="num">{formatMoney(a, currency, locale)}</td>
                <td className="num">{formatMoney(b, currency, locale)}</td>
                <td className={`num ${dm === 0n ? "" : dm > 0n ? "diff-up" : "diff-down"}`}>{signed(formatMoney(d, currency, locale), dm < 0n, dm === 0n)}</td>
              </tr>
            );
          })}
          {stagesOf(result).length > 0 && (
            <tr className="group-row">
              <th scope="colgroup" colSpan={4}>
                {t("whatIf.stagesTitle")}
              </th>
            </tr>
          )}
          {stagesOf(result).map((stage) => {
            const a = result.current.stages?.[stage] ?? 0;
            const b = result.proposed.stages?.[stage] ?? 0;
            const d = b - a;
            return (
              <tr key={`stage-${stage}`} data-metric={`stage.${stage}`}>
                <th scope="row">{labelOr(locale, `stage.${stage}`, stage)}</th>
                <td className="num">{formatCount(a, locale)}</td>
                <td className="num">{formatCount(b, locale)}</td>
                <td className={`num ${d === 0 ? "" : d > 0 ? "diff-up" : "diff-down"}`}>{signed(formatCount(d, locale), d < 0, d === 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table></div>
      <WeekChart result={result} />
    </section>
  );
}

/** Letters per week, current and proposed as pairs of bars. */
function WeekChart({ result }: { result: WhatIfResult }) {
  const { t, locale } = useI18n();
  const id = useId();
  const weeks = [...new Set([...result.current.byWeek, ...result.proposed.byWeek].map((w) => w.weekStart))].sort();
  if (weeks.length === 0) return null;
  const cur = new Map(result.current.byWeek.map((w) => [w.weekStart, w.letters]));
  const pro = new Map(result.proposed.byWeek.map((w) => [w.weekStart, w.letters]));
  const max = Math.max(1, ...weeks.map((w) => Math.max(cur.get(w) ?? 0, pro.get(w) ?? 0)));
  const width = 640;
  const height = 160;
  const top = 16;
  const bottom = 28;
  const plot = height - top - bottom;
  const slot = width / weeks.length;
  const bw = Math.min(18, slot * 0.35);
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        {t("whatIf.lettersPerWeek")}{" "}
        <span className="legend">
          <span className="swatch swatch-current" aria-hidden="true" /> {t("whatIf.current")}{" "}
          <span className="swatch swatch-proposed" aria-hidden="true" /> {t("whatIf.proposed")}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" aria-hidden="true" focusable="false">
        <line x1={0} x2={width} y1={top + plot} y2={top + plot} className="chart-axis" />
        {weeks.map((w, i) => {
          const a = cur.get(w) ?? 0;
          const b = pro.get(w) ?? 0;
          const x = i * slot + slot / 2;
          const ha = (a / max) * plot;
          const hb = (b / max) * plot;
          return (
            <g key={w}>
              <rect x={x - bw} y={top + plot - ha} width={bw} height={ha} className="bar-current">
                <title>{`${formatDate(w, locale)} — ${t("whatIf.current")}: ${a}`}</title>
              </rect>
              <rect x={x} y={top + plot - hb} width={bw} height={hb} className="bar-proposed">
                <title>{`${formatDate(w, locale)} — ${t("whatIf.proposed")}: ${b}`}</title>
              </rect>
              {(weeks.length <= 8 || i % 2 === 0) && (
                <text x={x} y={top + plot + 18} textAnchor="middle" className="chart-label">
                  {formatDate(w, locale).slice(0, 5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{t("whatIf.lettersPerWeek")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("whatIf.weekStart")}</th>
            <th scope="col">{t("whatIf.current")}</th>
            <th scope="col">{t("whatIf.proposed")}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w}>
              <th scope="row">{formatDate(w, locale)}</th>
              <td>{cur.get(w) ?? 0}</td>
              <td>{pro.get(w) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
