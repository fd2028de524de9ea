import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { MessageKey } from "../i18n";
import { useI18n } from "../locale-context";

/**
 * Sorting and filtering a list the server pages (issue #20): a column heading is a button that
 * sorts by it (again: the other way), with `aria-sort` on the heading; the filters are a form
 * applied together, amounts typed as the reader writes them (1 250,50 or 1250.50).
 */
export type Dir = "asc" | "desc";
export interface SortState<K extends string> {
  sort: K;
  dir: Dir;
}

/** The next sort after choosing column `key`: the same column turns round, another starts ascending. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  return current.sort === key ? { sort: key, dir: current.dir === "asc" ? "desc" : "asc" } : { sort: key, dir: "asc" };
}

export function SortHeader<K extends string>({ label, sortKey, state, onSort, className }: { label: string; sortKey: K; state: SortState<K>; onSort(next: SortState<K>): void; className?: string }) {
  const active = state.sort === sortKey;
  const ariaSort = active ? (state.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(state, sortKey))} data-sort={sortKey}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (state.dir === "asc" ? " ▲" : " ▼") : " ↕"}
        </span>
      </button>
    </th>
  );
}

/** "1 250,50", "1250.50", "1250" → "1250.50"-style decimal strings; null when it is not an amount. */
export function parseAmountInput(text: string): string | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (s === "") return "";
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.split(".");
  return `${whole}.${frac.padEnd(2, "0")}`;
}

export interface Filters {
  stage: string;
  reason: string;
  minAmount: string;
  maxAmount: string;
  minAge: string;
  maxAge: string;
}
export const NO_FILTERS: Filters = { stage: "", reason: "", minAmount: "", maxAmount: "", minAge: "", maxAge: "" };

/** The filters as query parameters: only those given, amounts as decimal strings, ages as numbers. */
export function filterQuery(f: Filters): { stage?: string; reason?: string; minAmount?: string; maxAmount?: string; minAge?: number; maxAge?: number } {
  return {
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.minAmount ? { minAmount: f.minAmount } : {}),
    ...(f.maxAmount ? { maxAmount: f.maxAmount } : {}),
    ...(f.minAge ? { minAge: Number(f.minAge) } : {}),
    ...(f.maxAge ? { maxAge: Number(f.maxAge) } : {}),
  };
}

export interface Option {
  value: string;
  label: string;
}

/**
 * The filter form: a stage (or state) select, a reason select, amount and age ranges. Applied on
 * submit; a wrong amount is named at its field and nothing is applied.
 */
export function FilterForm({ stages, stageLabel, reasons, onApply, extra }: { stages: Option[]; stageLabel?: MessageKey; reasons: Option[]; onApply(f: Filters): void; extra?: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [bad, setBad] = useState<Partial<Record<keyof Filters, boolean>>>({});
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minAmount = parseAmountInput(draft.minAmount);
    const maxAmount = parseAmountInput(draft.maxAmount);
    const wrong = { minAmount: minAmount === null, maxAmount: maxAmount === null };
    setBad(wrong);
    if (wrong.minAmount || wrong.maxAmount) return;
    onApply({ ...draft, minAmount: minAmount!, maxAmount: maxAmount! });
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setBad({});
    onApply(NO_FILTERS);
  };
  const amountField = (k: "minAmount" | "maxAmount") => (
    <div className="field inline">
      <label htmlFor={`${id}-${k}`}>{t(`lists.${k}`)}</label>
      <input id={`${id}-${k}`} type="text" inputMode="decimal" size={10} value={draft[k]} onChange={set(k)} aria-invalid={bad[k] ? true : undefined} aria-describedby={bad[k] ? `${id}-${k}-error` : undefined} />
      {bad[k] && (
        <span id={`${id}-${k}-error`} className="field-error" role="alert">
          {t("lists.badAmount")}
        </span>
      )}
    </div>
  );
  const ageField = (k: "minAge" | "maxAge") => (
    <div className="field inline">
      <label htmlFor={`${id}-${k}`}>{t(`lists.${k}`)}</label>
      <input id={`${id}-${k}`} type="number" min={0} max={36500} step={1} className="narrow" value={draft[k]} onChange={set(k)} />
    </div>
  );
  return (
    <form className="filter-form toolbar" onSubmit={submit} aria-label={t("lists.filters")}>
      {extra}
      {stages.length > 0 && <div className="field inline">
        <label htmlFor={`${id}-stage`}>{t(stageLabel ?? "lists.stage")}</label>
        <select id={`${id}-stage`} value={draft.stage} onChange={set("stage")}>
          <option value="">{t("lists.anyStage")}</option>
          {stages.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>}
      <div className="field inline">
        <label htmlFor={`${id}-reason`}>{t("lists.reason")}</label>
        <select id={`${id}-reason`} value={draft.reason} onChange={set("reason")}>
          <option value="">{t("lists.anyReason")}</option>
          {reasons.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {amountField("minAmount")}
      {amountField("maxAmount")}
      {ageField("minAge")}
      {ageField("maxAge")}
      <div className="filter-buttons">
        <button type="submit" className="button primary">
          {t("lists.apply")}
        </button>
        <button type="button" className="button" onClick={clear}>
          {t("lists.clear")}
        </button>
      </div>
    </form>
  );
}
