import { call, client } from "../api/client";
import { useState } from "react";
import { LetterLink } from "../components/letter-link";
import { CaseActions } from "../components/case-actions";
import { CaseMessages } from "../components/case-messages";
import { PaymentPlans } from "../components/payment-plans";
import { LetterDelivery } from "../components/letter-delivery";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDate, formatInstant, formatMoney } from "../format";
import { labelOr, type MessageKey } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";
import { amountToPay, closedLabel, holdReasonLabel, interestStartLabel, interestStartOf, nextLabel, shortCitation, statusLabel, timelineLabel } from "../case-texts";
import { isAgencyStaff } from "../roles";
import { useMe } from "../session";
import { LegalPhase } from "../components/legal-phase";

const BALANCES = ["principal", "interest", "fees", "salary", "legal", "paid", "total"] as const;

/** One case: where it stands, what happens next and when, and everything that happened. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const agency = isAgencyStaff(useMe());
  const { data, error, loading, reload } = useApi(`case:${caseId}`, () => call(client.GET("/v1/cases/{caseId}", { params: { path: { caseId } } })));
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(data ? t("case.numbered", { number: data.case.caseNumber }) : null);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return loading ? <Loading /> : null;
  const c = data.case;
  const money = (a: string) => formatMoney(a, c.currency, locale);
  const toPay = amountToPay(c, data.balances.total);
  const letterLabel = (letterId: string) => {
    const l = data.letters.find((x) => x.letterId === letterId);
    return l ? labelOr(locale, `letter.${l.kind}`, l.kind) : t("case.letter");
  };

  return (
    <div className="page case-page">
      <p className="breadcrumb">
        <Link to={`/creditors/${c.creditorId}/cases`}>{t("case.backToCases")}</Link>
      </p>
      <div className="page-header">
        <h1>{t("case.numbered", { number: c.caseNumber })}</h1>
        <p className="muted">
          {c.debtorId ? <Link to={`/debtors/${c.debtorId}`} data-testid="debtor-link">{c.debtorName}</Link> : c.debtorName} · {t("invoice.number")} {c.invoiceNumber}
          {c.kid ? ` · KID ${c.kid}` : ""} · {t("case.openedOnDate", { date: formatDate(c.openedOn, locale) })}
        </p>
      </div>

      <div className="case-status">
        <div>
          <span className={`stage stage-${c.stage}`}>{labelOr(locale, `stage.${c.stage}`, c.stage)}</span>
          <p className="status-text">{statusLabel(locale, c.stage, c.statusText)}</p>
          {c.closedOn && <p className="close-reason" data-testid="close-reason">{closedLabel(locale, c.closedOn, c.closeReason)}</p>}
          {c.hold && (
            <p className="alert alert-warn" data-testid="case-hold">
              <strong>{labelOr(locale, `hold.${c.hold.kind}`, c.hold.kind)}</strong>
              {holdReasonLabel(locale, c.hold) ? `: ${holdReasonLabel(locale, c.hold)}` : ""}
              {c.hold.until ? ` — ${t("case.holdUntil", { date: formatDate(c.hold.until, locale) })}` : ""}
            </p>
          )}
        </div>
        <div className="next-step" aria-labelledby="next-step-title">
          <h2 id="next-step-title">{t("case.next")}</h2>
          {data.next ? (
            <p>
              <strong>{nextLabel(locale, data.next)}</strong>
              {data.next.on && (
                <>
                  <br />
                  {t("case.nextDate", { date: formatDate(data.next.on, locale) })}
                </>
              )}
            </p>
          ) : (
            <p className="muted">{c.closedOn ? closedLabel(locale, c.closedOn, c.closeReason) : t("case.noNext")}</p>
          )}
        </div>
      </div>

      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <CaseActions
        detail={data}
        onDone={(message) => {
          setNotice(message);
          reload();
        }}
      />

      <section aria-labelledby="balances-title">
        <h2 id="balances-title">{t("case.balances")}</h2>
        <div className="table-scroll"><table className="data-table balances">
          <tbody>
            {BALANCES.map((b) => (
              <tr key={b} className={b === "total" ? "total-row" : undefined}>
                <th scope="row">{t(`balance.${b}`)}</th>
                <td className="num">{money(b === "total" ? toPay.toPay : data.balances[b])}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
        {toPay.notCollected && <p className="muted" data-testid="not-collected">{t("case.notCollected", { amount: money(toPay.notCollected) })}</p>}
      </section>

      <LegalPhase caseId={caseId} version={String(data.timeline.length)} onChanged={(message) => { setNotice(message); reload(); }} />
      <PaymentPlans caseId={caseId} currency={c.currency} canPropose={!c.closedOn && c.stage !== "closed" && !c.hold} version={String(data.timeline.length)} onAgreed={(message) => { setNotice(message); reload(); }} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("case.timeline")}</h2>
        {data.timeline.length === 0 ? (
          <p className="empty">{t("case.noTimeline")}</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {data.timeline.map((e) => (
              <li key={e.id} className={`timeline-item type-${e.type}`}>
                <div className="timeline-date">
                  <time dateTime={e.on}>{formatDate(e.on, locale)}</time>
                  {e.at && <span className="sub">{formatInstant(e.at, locale).slice(-5)}</span>}
                </div>
                <div className="timeline-body">
                  <p className="timeline-text">{timelineLabel(locale, e)}</p>
                  {interestStartOf(e.data) && <p className="sub">{interestStartLabel(locale, interestStartOf(e.data)!)}</p>}
                  {e.reason && <p className="timeline-reason">{t(e.type === "message" ? "case.messageIs" : "case.reasonIs", { reason: e.reason })}</p>}
                  {e.actor && <p className="sub">{actorLabel(e.actor, t)}</p>}
                  {e.letterId && (
                    <LetterLink className="letter-link" letterId={e.letterId}>
                      {t("case.openLetter", { letter: letterLabel(e.letterId) })}
                    </LetterLink>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="letters-title">
        <h2 id="letters-title">{t("case.letters")}</h2>
        {data.letters.length === 0 ? (
          <p className="empty">{t("case.noLetters")}</p>
        ) : (
          <div className="table-scroll"><table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("case.letter")}</th>
                <th scope="col">{t("case.sentOn")}</th>
                <th scope="col">{t("case.deadline")}</th>
                <th scope="col">{t("case.language")}</th>
                <th scope="col">{t("case.letterStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {data.letters.map((l) => (
                <tr key={l.letterId}>
                  <th scope="row">
                    <LetterLink letterId={l.letterId}>{labelOr(locale, `letter.${l.kind}`, l.kind)}</LetterLink>
                  </th>
                  <td>{formatDate(l.sentOn, locale)}</td>
                  <td>{formatDate(l.deadline, locale)}</td>
                  <td>{labelOr(locale, `language.${l.language}`, l.language)}</td>
                  <td>{labelOr(locale, `letterStatus.${l.status}`, l.status)}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
        <LetterDelivery letters={data.letters} onChange={reload} />
      </section>

      <CaseMessages caseId={caseId} />

      <section aria-labelledby="charges-title">
        <h2 id="charges-title">{t("case.charges")}</h2>
        {data.charges.length === 0 ? (
          <p className="empty">{t("case.noCharges")}</p>
        ) : (
          <div className="table-scroll"><table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("case.chargeKind")}</th>
                <th scope="col">{t("case.date")}</th>
                <th scope="col" className="num">
                  {t("invoice.amount")}
                </th>
                <th scope="col">{t("case.payer")}</th>
                <th scope="col">{t("case.legalSource")}</th>
              </tr>
            </thead>
            <tbody>
              {data.charges.map((ch, i) => (
                <tr key={`${ch.kind}-${ch.on}-${i}`}>
                  <th scope="row">{labelOr(locale, `charge.${ch.kind}`, ch.kind)}</th>
                  <td>{formatDate(ch.on, locale)}</td>
                  <td className="num">{money(ch.amount)}</td>
                  <td>{labelOr(locale, `payer.${ch.payer}`, ch.payer)}</td>
                  <td>
                    <span className="source">{shortCitation(locale, ch.source)}</span>
                    {ch.confidence === "uncertain" && <span className="sub"> ({t("case.sourceUncertain")})</span>}
                    {agency && (
                      <details className="source-details">
                        <summary>{t("case.sourceDetails")}</summary>
                        <p lang="en">{ch.source}</p>
                        {ch.rule && <p lang="en" className="sub">{ch.rule}</p>}
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>

      <section aria-labelledby="payments-title">
        <h2 id="payments-title">{t("case.payments")}</h2>
        {data.payments.length === 0 ? (
          <p className="empty">{t("case.noPayments")}</p>
        ) : (
          <div className="table-scroll"><table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("case.receivedOn")}</th>
                <th scope="col" className="num">
                  {t("invoice.amount")}
                </th>
                <th scope="col">{t("case.channel")}</th>
                <th scope="col">{t("case.allocations")}</th>
              </tr>
            </thead>
            <tbody>
              {data.payments.map((p) => (
                <tr key={p.paymentId}>
                  <th scope="row">{formatDate(p.receivedOn, locale)}</th>
                  <td className="num">{money(p.amount)}</td>
                  <td>{labelOr(locale, `channel.${p.channel}`, p.channel)}</td>
                  <td>
                    <ul className="allocations">
                      {p.allocations.map((a) => (
                        <li key={a.bucket}>
                          {labelOr(locale, `balance.${a.bucket}`, a.bucket)}: {money(a.amount)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
    </div>
  );
}

/** Who did a step, in words: the daily cycle, the ledger sync, an API client, or a person's e-mail. */
export function actorLabel(actor: string, t: (key: MessageKey, params?: Record<string, string>) => string): string {
  if (actor.startsWith("system:daily-cycle")) return t("actor.dailyCycle");
  if (actor.startsWith("system:ledger-sync")) return t("actor.ledgerSync", { ledger: actor.split(":")[2] === "poweroffice" ? "PowerOffice" : (actor.split(":")[2] ?? "") });
  if (actor.startsWith("system:") || actor.startsWith("demo:")) return t("actor.system");
  if (actor.startsWith("api-client:")) return t("actor.apiClient", { name: actor.slice("api-client:".length) });
  return actor;
}
