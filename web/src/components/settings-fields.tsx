import type { ReactNode } from "react";
import { useI18n } from "../locale-context";
import { ACCOUNT_FIELDS, DELAY_DAYS, NUMBER_FIELDS, type FieldError, type NumberField, type SettingsDraft } from "../settings-form";
import { labelOr, type MessageKey } from "../i18n";

type Section = "collection" | "gates" | "transfer" | "accounts" | "settlement";

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error: boolean) => [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

/** The settings a creditor can change, grouped as a person thinks of them. */
export function SettingsFields({
  draft,
  onChange,
  errors,
  sections,
  idPrefix,
  agencyTerms = true,
}: {
  draft: SettingsDraft;
  onChange(next: SettingsDraft): void;
  errors: FieldError[];
  sections: Section[];
  idPrefix: string;
  /** May the user change the agreement's terms (who keeps the interest)? Otherwise they are shown read-only. */
  agencyTerms?: boolean;
}) {
  const { t, locale } = useI18n();
  const errorFor = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(e.message, e.params) : undefined;
  };
  const setCollection = (patch: Partial<SettingsDraft["collection"]>) => onChange({ ...draft, collection: { ...draft.collection, ...patch } });
  const setTransfer = (patch: Partial<SettingsDraft["transfer"]>) => onChange({ ...draft, transfer: { ...draft.transfer, ...patch } });

  const numberInput = (name: NumberField, label: MessageKey, hint: MessageKey) => {
    const id = `${idPrefix}-${name}`;
    const error = errorFor(`collection.${name}`);
    return (
      <Field id={id} label={t(label)} hint={t(hint)} error={error}>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={NUMBER_FIELDS[name].min}
          max={NUMBER_FIELDS[name].max}
          value={draft.collection[name]}
          onChange={(e) => setCollection({ [name]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, true, Boolean(error))}
        />
      </Field>
    );
  };
  const checkbox = (id: string, label: string, checked: boolean, set: (v: boolean) => void, hint?: string) => (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => set(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );

  return (
    <>
      {sections.includes("collection") && (
        <fieldset>
          <legend>{t("settings.collection")}</legend>
          <Field id={`${idPrefix}-firstStep`} label={t("settings.firstStep")} hint={t("settings.firstStepHint")}>
            <select id={`${idPrefix}-firstStep`} value={draft.collection.firstStep} onChange={(e) => setCollection({ firstStep: e.target.value })} aria-describedby={`${idPrefix}-firstStep-hint`}>
              <option value="reminder">{t("stage.reminder")}</option>
              <option value="collection-notice">{t("stage.collection-notice")}</option>
            </select>
          </Field>
          {numberInput("reminderDeadlineDays", "settings.reminderDeadlineDays", "settings.deadlineHint")}
          {numberInput("noticeDeadlineDays", "settings.noticeDeadlineDays", "settings.noticeDeadlineHint")}
          {numberInput("paymentDemandDeadlineDays", "settings.paymentDemandDeadlineDays", "settings.paymentDemandDeadlineHint")}
          {numberInput("freeWithdrawalDays", "settings.freeWithdrawalDays", "settings.freeWithdrawalHint")}
          <Field id={`${idPrefix}-letterLanguage`} label={t("settings.letterLanguage")}>
            <select id={`${idPrefix}-letterLanguage`} value={draft.collection.letterLanguage} onChange={(e) => setCollection({ letterLanguage: e.target.value })}>
              <option value="nb">{t("language.nb")}</option>
              <option value="en">{t("language.en")}</option>
            </select>
          </Field>
          <Field id={`${idPrefix}-legalStep`} label={t("settings.legalStep")}>
            <select id={`${idPrefix}-legalStep`} value={draft.collection.legalStep} onChange={(e) => setCollection({ legalStep: e.target.value })}>
              <option value="forliksklage">{t("settings.legalStep.forliksklage")}</option>
              <option value="utlegg">{t("settings.legalStep.utlegg")}</option>
            </select>
          </Field>
        </fieldset>
      )}
      {sections.includes("gates") && (
        <fieldset>
          <legend>{t("settings.gates")}</legend>
          {checkbox(
            `${idPrefix}-approveBeforePaymentDemand`,
            t("settings.approveBeforePaymentDemand"),
            draft.collection.approveBeforePaymentDemand,
            (v) => setCollection({ approveBeforePaymentDemand: v }),
          )}
          {checkbox(`${idPrefix}-approveBeforeLegal`, t("settings.approveBeforeLegal"), draft.collection.approveBeforeLegal, (v) => setCollection({ approveBeforeLegal: v }))}
        </fieldset>
      )}
      {sections.includes("transfer") && (
        <fieldset>
          <legend>{t("settings.transfer")}</legend>
          <Field id={`${idPrefix}-mode`} label={t("settings.transferMode")} hint={t("settings.transferModeHint")}>
            <select id={`${idPrefix}-mode`} value={draft.transfer.mode} onChange={(e) => setTransfer({ mode: e.target.value })} aria-describedby={`${idPrefix}-mode-hint`}>
              {[...new Set(["manual", "automatic", draft.transfer.mode])].map((m) => (
                <option key={m} value={m}>
                  {labelOr(locale, `transferMode.${m}`, m)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${idPrefix}-minimumAmount`} label={t("settings.minimumAmount")} hint={t("settings.minimumAmountHint")} error={errorFor("transfer.minimumAmount")}>
            <input
              id={`${idPrefix}-minimumAmount`}
              type="text"
              inputMode="decimal"
              value={draft.transfer.minimumAmount}
              onChange={(e) => setTransfer({ minimumAmount: e.target.value })}
              aria-invalid={errorFor("transfer.minimumAmount") ? true : undefined}
              aria-describedby={describedBy(`${idPrefix}-minimumAmount`, true, Boolean(errorFor("transfer.minimumAmount")))}
            />
          </Field>
          <Field id={`${idPrefix}-delayDays`} label={t("settings.delayDays")} hint={t("settings.delayDaysHint")} error={errorFor("transfer.delayDays")}>
            <input
              id={`${idPrefix}-delayDays`}
              type="number"
              inputMode="numeric"
              min={DELAY_DAYS.min}
              max={DELAY_DAYS.max}
              value={draft.transfer.delayDays}
              onChange={(e) => setTransfer({ delayDays: e.target.value })}
              aria-invalid={errorFor("transfer.delayDays") ? true : undefined}
              aria-describedby={describedBy(`${idPrefix}-delayDays`, true, Boolean(errorFor("transfer.delayDays")))}
            />
          </Field>
          <Field id={`${idPrefix}-excludedGroups`} label={t("settings.excludedGroups")} hint={t("settings.excludedGroupsHint")}>
            <input
              id={`${idPrefix}-excludedGroups`}
              type="text"
              value={draft.transfer.excludedGroups}
              onChange={(e) => setTransfer({ excludedGroups: e.target.value })}
              aria-describedby={`${idPrefix}-excludedGroups-hint`}
            />
          </Field>
        </fieldset>
      )}
      {sections.includes("accounts") && (
        <fieldset>
          <legend>{t("settings.accounts")}</legend>
          <p className="hint">{t("settings.accountsHint")}</p>
          <div className="grid-2">
            {ACCOUNT_FIELDS.map((k) => {
              const id = `${idPrefix}-account-${k}`;
              return (
                <Field key={k} id={id} label={t(`account.${k}`)}>
                  <input id={id} type="text" value={draft.accounts[k] ?? ""} onChange={(e) => onChange({ ...draft, accounts: { ...draft.accounts, [k]: e.target.value } })} />
                </Field>
              );
            })}
          </div>
        </fieldset>
      )}
      {sections.includes("settlement") && (
        <fieldset>
          <legend>{t("settings.settlement")}</legend>
          <Field id={`${idPrefix}-frequency`} label={t("settings.frequency")}>
            <select id={`${idPrefix}-frequency`} value={draft.settlement.frequency} onChange={(e) => onChange({ ...draft, settlement: { ...draft.settlement, frequency: e.target.value } })}>
              {(["daily", "weekly", "monthly"] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`frequency.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${idPrefix}-interestTo`} label={t("settings.interestTo")} hint={agencyTerms ? t("settings.interestToHint") : `${t("settings.interestToHint")} ${t("settings.agencyOnly")}`}>
            <select
              id={`${idPrefix}-interestTo`}
              disabled={!agencyTerms}
              aria-readonly={!agencyTerms || undefined}
              value={draft.settlement.interestTo}
              onChange={(e) => onChange({ ...draft, settlement: { ...draft.settlement, interestTo: e.target.value } })}
              aria-describedby={`${idPrefix}-interestTo-hint`}
            >
              <option value="creditor">{t("payer.creditor")}</option>
              <option value="agency">{t("settings.interestTo.agency")}</option>
            </select>
          </Field>
        </fieldset>
      )}
    </>
  );
}
