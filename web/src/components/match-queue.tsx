import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import type { MatchResult, MatchSuggestion, UnmatchedPayment } from "../api/types";
import { FALLBACK_CURRENCY, formatDate, formatMoney } from "../format";
import { MESSAGES, hasMessage, labelOr, placeholders, translate, type Locale } from "../i18n";
import { useI18n } from "../locale-context";
import { Link } from "../router";
import { Dialog } from "./Dialog";
import { ErrorMessage } from "./Status";


/**
 * A code from the server in the reader's words (`prefix.code` in the dictionary, its facts filled
 * in); the server's own text when the code is unknown here or a fact its words need is missing.
 */
function coded(locale: Locale, prefix: string, code: string | null, values: Record<string, string | undefined>, serverText: string): string {
  const key = `${prefix}.${code}`;
  if (code === null || !hasMessage(key)) return serverText;
  if (placeholders(MESSAGES[locale][key]).some((name) => values[name] === undefined)) return serverText;
  return translate(locale, key, values);
}

const dateOrUndefined = (date: string | undefined, locale: Locale) => (date === undefined ? undefined : formatDate(date, locale));

/** Why the payment waits. */
export function reasonText(p: UnmatchedPayment, locale: Locale): string {
  const v = p.reasonValues;
  return coded(locale, "matchQueue.reasonCode", p.reasonCode, { ...v, bookedOn: dateOrUndefined(v.bookedOn, locale), today: dateOrUndefined(v.today, locale), changedOn: dateOrUndefined(v.changedOn, locale), importedOn: dateOrUndefined(v.importedOn, locale) }, p.note ?? "–");
}

/** Why a case is suggested; its amounts are in the payment's currency. */
export function basisText(s: MatchSuggestion, currency: string, locale: Locale): string {
  const v = s.basisValues;
  return coded(locale, "matchQueue.basis", s.basis, { ...v, amount: v.amount === undefined ? undefined : formatMoney(v.amount, currency, locale) }, s.why);
}

interface Matched {
  payment: UnmatchedPayment;
  caseNumber: string;
  result: MatchResult;
}

/**
 * The manual-match queue: bank payments no KID matched, each with the server's reason and
 * suggested cases. A person picks a suggestion (or types a case number), confirms, and the payment
 * is recorded on the case and leaves the queue; what happened is said above the list.
 */
export function MatchQueue({
  items,
  onMatch,
  onChanged,
}: {
  items: UnmatchedPayment[];
  onMatch(bankPaymentId: string, caseNumber: string): Promise<MatchResult>;
  /** The queue changed on the server (a match, or a payment that was no longer there): load it again. */
  onChanged?(): void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<{ payment: UnmatchedPayment; caseNumber: string } | null>(null);
  const [matched, setMatched] = useState<Matched[]>([]);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [gone, setGone] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);

  // The row that opened the dialog is gone after a match: focus goes to what was done instead.
  useEffect(() => {
    if (matched.length > 0 || gone) statusRef.current?.focus();
  }, [matched, gone]);

  const waiting = items.filter((p) => !left.has(p.bankPaymentId));
  // A match is recorded only in the case's currency, so the payment's currency is the balance's too.
  const currencyOf = (p: UnmatchedPayment) => p.currency ?? FALLBACK_CURRENCY;
  const amountOf = (p: UnmatchedPayment) => formatMoney(p.amount, currencyOf(p), locale);
  const dateOf = (p: UnmatchedPayment) => formatDate(p.bookedOn, locale);
  const leave = (id: string) => setLeft((s) => new Set(s).add(id));

  return (
    <div>
      <div role="status" ref={statusRef} tabIndex={-1}>
        {gone && (
          <div className="alert alert-warn">
            <p>{t("matchQueue.gone")}</p>
          </div>
        )}
        {matched.length > 0 && (
          <div className="alert alert-success">
            {matched.map((m) => {
              const what = { amount: amountOf(m.payment), date: dateOf(m.payment), number: m.caseNumber };
              return (
                <p key={m.payment.bankPaymentId}>
                  {m.result.recorded ? t("matchQueue.matched", what) : t("matchQueue.alreadyRecorded", what)}
                  {m.result.recorded && m.result.stage && m.result.balance !== null && (
                    <>
                      {" "}
                      {t("matchQueue.matchedState", { stage: labelOr(locale, `stage.${m.result.stage}`, m.result.stage), balance: formatMoney(m.result.balance, currencyOf(m.payment), locale) })}
                    </>
                  )}
                </p>
              );
            })}
          </div>
        )}
      </div>

      {waiting.length === 0 ? (
        <p className="empty">{t("matchQueue.empty")}</p>
      ) : (
        <>
          <p className="muted">{t("matchQueue.count", { count: waiting.length })}</p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t("matchQueue.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("matchQueue.bookedOn")}</th>
                  <th scope="col" className="num">
                    {t("matchQueue.amount")}
                  </th>
                  <th scope="col">{t("matchQueue.payer")}</th>
                  <th scope="col">{t("matchQueue.reference")}</th>
                  <th scope="col">{t("matchQueue.reason")}</th>
                  <th scope="col">{t("matchQueue.suggestions")}</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((p) => {
                  const what = { amount: amountOf(p), date: dateOf(p) };
                  return (
                    <tr key={p.bankPaymentId}>
                      <th scope="row">{dateOf(p)}</th>
                      <td className="num">{what.amount}</td>
                      <td>{p.payerName ?? "–"}</td>
                      <td>{p.reference ?? "–"}</td>
                      <td>{reasonText(p, locale)}</td>
                      <td>
                        {p.suggestions.length === 0 ? (
                          <span className="muted">{t("matchQueue.noSuggestions")}</span>
                        ) : (
                          <ul className="suggestions">
                            {p.suggestions.map((s) => (
                              <li key={s.caseNumber}>
                                <button
                                  type="button"
                                  className="button small"
                                  aria-label={t("matchQueue.matchSuggested", { ...what, number: s.caseNumber })}
                                  onClick={() => setOpen({ payment: p, caseNumber: s.caseNumber })}
                                >
                                  {t("matchQueue.suggestedCase", { number: s.caseNumber })}
                                </button>
                                {s.caseId && (
                                  <>
                                    {" "}
                                    <Link to={`/cases/${encodeURIComponent(s.caseId)}`} aria-label={t("matchQueue.viewCaseNamed", { number: s.caseNumber })}>
                                      {t("matchQueue.viewCase")}
                                    </Link>
                                  </>
                                )}
                                <span className="sub">{basisText(s, currencyOf(p), locale)}</span>
                              </li>
                            ))}
                          </ul>
                        )}
                        <button type="button" className="link-button" aria-label={t("matchQueue.matchOther", what)} onClick={() => setOpen({ payment: p, caseNumber: "" })}>
                          {t("matchQueue.otherCase")}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {open && (
        <MatchDialog
          payment={open.payment}
          initialCaseNumber={open.caseNumber}
          amount={amountOf(open.payment)}
          date={dateOf(open.payment)}
          onMatch={onMatch}
          onClose={() => setOpen(null)}
          onMatched={(caseNumber, result) => {
            const payment = open.payment;
            setOpen(null);
            setGone(false);
            leave(payment.bankPaymentId);
            setMatched((m) => [{ payment, caseNumber, result }, ...m]);
            onChanged?.();
          }}
          onGone={() => {
            const payment = open.payment;
            setOpen(null);
            setGone(true);
            leave(payment.bankPaymentId);
            onChanged?.();
          }}
          onFailed={() => onChanged?.()}
        />
      )}
    </div>
  );
}

function MatchDialog({
  payment,
  initialCaseNumber,
  amount,
  date,
  onMatch,
  onClose,
  onMatched,
  onGone,
  onFailed,
}: {
  payment: UnmatchedPayment;
  initialCaseNumber: string;
  amount: string;
  date: string;
  onMatch(bankPaymentId: string, caseNumber: string): Promise<MatchResult>;
  onClose(): void;
  onMatched(caseNumber: string, result: MatchResult): void;
  /** The payment is no longer in the queue on the server. */
  onGone(): void;
  /** Refused for another reason: the queue may have changed. */
  onFailed(): void;
}) {
  const { t, locale } = useI18n();
  const [caseNumber, setCaseNumber] = useState(initialCaseNumber);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = caseNumber.trim();
    setError(null);
    if (!number) {
      setFieldError(t("matchQueue.caseNumberMissing"));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const result = await onMatch(payment.bankPaymentId, number);
      onMatched(number, result);
    } catch (err) {
      setBusy(false);
      const apiError = err instanceof ApiError ? err : new ApiError(0, "unknown", String(err));
      if (apiError.status === 404 && apiError.field === "caseNumber") {
        setFieldError(t("matchQueue.noCase", { number }));
      } else if (apiError.status === 404 && apiError.field === "bankPaymentId") {
        onGone();
      } else {
        setError(apiError);
        onFailed();
      }
    }
  };

  return (
    <Dialog title={t("matchQueue.dialogTitle")} onClose={() => !busy && onClose()}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <dl className="facts">
          <dt>{t("matchQueue.amount")}</dt>
          <dd>{amount}</dd>
          <dt>{t("matchQueue.bookedOn")}</dt>
          <dd>{date}</dd>
          <dt>{t("matchQueue.payer")}</dt>
          <dd>{payment.payerName ?? "–"}</dd>
          <dt>{t("matchQueue.reference")}</dt>
          <dd>{payment.reference ?? "–"}</dd>
          <dt>{t("matchQueue.reason")}</dt>
          <dd>{reasonText(payment, locale)}</dd>
        </dl>
        <div className={`field${fieldError ? " has-error" : ""}`}>
          <label htmlFor="match-case-number">{t("matchQueue.caseNumber")}</label>
          <input
            id="match-case-number"
            type="text"
            value={caseNumber}
            onChange={(e) => setCaseNumber(e.target.value)}
            required
            aria-required="true"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "match-case-number-error match-case-number-hint" : "match-case-number-hint"}
            autoComplete="off"
            data-autofocus={initialCaseNumber ? undefined : true}
          />
          <p className="hint" id="match-case-number-hint">
            {t("matchQueue.caseNumberHint")}
          </p>
          {fieldError && (
            <p className="field-error" id="match-case-number-error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        <ErrorMessage error={error} />
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-autofocus={initialCaseNumber ? true : undefined}>
            {t("matchQueue.confirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
