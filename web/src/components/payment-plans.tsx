import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { ApiError, call, client } from "../api/client";
import { LIMITS } from "../api/limits";
import { shortCitation } from "../case-texts";
import { formatDate, formatMoney, toMinor } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import type { Answer, Body, Refused } from "../api/types";
import { Dialog } from "./Dialog";
import { ErrorMessage } from "./Status";

export type CasePlans = Answer<"/v1/cases/{caseId}/payment-plans", "get">["items"];
/** What `POST …/payment-plans` answers: the plan as proposed (`?preview=true`) or as agreed. */
export type ProposedPlan = Answer<"/v1/cases/{caseId}/payment-plans", "post">;
type PlanBody = Body<"/v1/cases/{caseId}/payment-plans", "post">;
/** One reason the server refuses a plan (422), with its text in Norwegian and English. */
export type PlanRefusal = Refused<"/v1/cases/{caseId}/payment-plans", "post">["error"]["refusals"][number];

/** How many instalments the server takes, as its schema declares. */
const COUNT = LIMITS["POST /v1/cases/{caseId}/payment-plans"].count;

/**
 * A case's payment plans: each instalment, its KID and what of it is paid. On an open case not on
 * hold the section is there even without a plan, with *Ny betalingsavtale*; `onAgreed` gets the notice to
 * show once one is agreed (the case page then loads again, and with it `version`).
 */
export function PaymentPlans({ caseId, currency, canPropose, version, onAgreed }: { caseId: string; currency: string; canPropose: boolean; version: string; onAgreed(message: string): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const { data } = useApi(`plans:${caseId}:${version}`, () => call(client.GET("/v1/cases/{caseId}/payment-plans", { params: { path: { caseId } } })));
  if (!data) return null;
  // A closed or held case takes no plan (the server would refuse it: resume a paused case first):
  // no button, and without plans no section.
  const actions = !canPropose ? null : (
    <>
      <div className="toolbar actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t("plan.new")}
        </button>
      </div>
      {open && (
        <NewPlanDialog
          caseId={caseId}
          currency={currency}
          onClose={() => setOpen(false)}
          onAgreed={(plan) => {
            setOpen(false);
            onAgreed(t("plan.agreedNotice", { count: plan.instalments.length, date: formatDate(plan.instalments[0]?.dueOn, locale) }));
          }}
        />
      )}
    </>
  );
  return (
    <PaymentPlanTables plans={data.items} currency={currency}>
      {actions}
    </PaymentPlanTables>
  );
}

/** The plans as tables, and what goes with them (`children`); nothing when there is neither. */
export function PaymentPlanTables({ plans, currency, children }: { plans: CasePlans; currency: string; children?: ReactNode }) {
  const { t, locale } = useI18n();
  if (plans.length === 0 && !children) return null;
  const money = (a: string) => formatMoney(a, currency, locale);
  return (
    <section aria-labelledby="plans-title" data-testid="payment-plans">
      <h2 id="plans-title">{t("plan.title")}</h2>
      {plans.map((p) => (
        <div key={p.planId} className="payment-plan">
          <p>
            <strong>{labelOr(locale, `plan.status.${p.status}`, p.status)}</strong> · {t("plan.agreed", { date: formatDate(p.agreedOn, locale) })} · {t("plan.paidOf", { paid: money(p.paid), total: money(p.total) })}
          </p>
          <div className="table-scroll"><table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("plan.due")}</th>
                <th scope="col" className="num">{t("plan.amount")}</th>
                <th scope="col" className="num">{t("plan.paid")}</th>
                <th scope="col">{t("plan.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {p.instalments.map((i) => (
                <tr key={i.dueOn}>
                  <td>{formatDate(i.dueOn, locale)}</td>
                  <td className="num">{money(i.amount)}</td>
                  <td className="num">{money(i.paid)}</td>
                  <td>{i.kid}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </div>
      ))}
      {children}
    </section>
  );
}

/** The refusals in a 422's body (`{ error: { refusals } }`), or none when it has another shape. */
function refusalsOf(body: unknown): PlanRefusal[] {
  const refusals = (body as { error?: { refusals?: unknown } } | null)?.error?.refusals;
  return Array.isArray(refusals) ? (refusals as PlanRefusal[]) : [];
}

/**
 * Proposes the plan (`preview`: computed and rolled back). A refusal comes back as its reasons,
 * every one of them, rather than as an error with the first: the form shows them all.
 */
async function propose(caseId: string, body: PlanBody, preview: boolean): Promise<{ plan: ProposedPlan } | { refusals: PlanRefusal[] }> {
  const pending = client.POST("/v1/cases/{caseId}/payment-plans", { params: { path: { caseId }, ...(preview ? { query: { preview: "true" as const } } : {}) }, body });
  const answer = await pending.catch(() => null);
  if (answer?.response.status === 422) {
    const refusals = refusalsOf(answer.error);
    if (refusals.length > 0) return { refusals };
  }
  return { plan: await call(pending) };
}

/**
 * Proposing a plan: a number of monthly instalments and the first due date, previewed by the
 * server with the creditor's rules, then agreed. The agree button posts exactly what was
 * previewed, and any change to the inputs takes the preview away, so nobody agrees to a plan they
 * have not seen.
 */
export function NewPlanDialog({ caseId, currency, onClose, onAgreed }: { caseId: string; currency: string; onClose(): void; onAgreed(plan: ProposedPlan): void }) {
  const { t, locale } = useI18n();
  const [count, setCount] = useState("");
  const [firstOn, setFirstOn] = useState("");
  const [previewed, setPreviewed] = useState<{ body: PlanBody; plan: ProposedPlan } | null>(null);
  const [refusals, setRefusals] = useState<PlanRefusal[] | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [countError, setCountError] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped by every change of the inputs: an answer to a request made before it is for other inputs.
  const generation = useRef(0);
  const money = (a: string) => formatMoney(a, currency, locale);

  const changed = () => {
    generation.current++;
    setPreviewed(null);
    setRefusals(null);
    setError(null);
  };

  const send = async (body: PlanBody, preview: boolean) => {
    const asked = generation.current;
    setBusy(true);
    setError(null);
    setRefusals(null);
    try {
      const r = await propose(caseId, body, preview);
      if (asked !== generation.current) return;
      if ("refusals" in r) {
        setPreviewed(null);
        setRefusals(r.refusals);
      } else if (preview) setPreviewed({ body, plan: r.plan });
      else onAgreed(r.plan);
    } catch (e) {
      if (asked === generation.current) setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
    } finally {
      setBusy(false);
    }
  };

  const preview = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    const countValid = /^\d+$/.test(count.trim()) && n >= COUNT.min && n <= COUNT.max;
    setCountError(count.trim() !== "" && !countValid);
    if (!count.trim() || !firstOn) {
      setMissing(t("action.missing"));
      return;
    }
    setMissing(null);
    if (!countValid) return;
    void send({ count: n, firstOn }, true);
  };

  const plan = previewed?.plan;
  return (
    <Dialog title={t("plan.new")} onClose={onClose}>
      <form onSubmit={preview} noValidate aria-busy={busy}>
        <p className="hint">{t("plan.newHint")}</p>
        <div className="field">
          <label htmlFor="plan-count">{t("plan.count")}</label>
          <input
            id="plan-count"
            type="number"
            inputMode="numeric"
            min={COUNT.min}
            max={COUNT.max}
            step={1}
            value={count}
            data-autofocus
            onChange={(e) => {
              setCount(e.target.value);
              setCountError(false);
              changed();
            }}
            required
            aria-required="true"
            aria-invalid={countError ? true : undefined}
            aria-describedby={countError ? "plan-count-error" : undefined}
          />
          {countError && (
            <p className="field-error" id="plan-count-error">
              {t("settings.errorRange", { min: COUNT.min, max: COUNT.max })}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="plan-first">{t("plan.firstOn")}</label>
          <input
            id="plan-first"
            type="date"
            value={firstOn}
            onChange={(e) => {
              setFirstOn(e.target.value);
              changed();
            }}
            required
            aria-required="true"
          />
        </div>
        <div className="toolbar">
          <button type="submit" className="button" disabled={busy}>
            {t("plan.previewButton")}
          </button>
        </div>

        {missing && (
          <p className="alert alert-error" role="alert">
            {missing}
          </p>
        )}
        {refusals && (
          // The server words its rules in Norwegian and English only: other languages read the English.
          <div className="alert alert-error" role="alert" data-testid="plan-refusals">
            <p>{t("plan.refused")}</p>
            <ul>
              {refusals.map((r) => (
                <li key={`${r.code}:${r.field}`} lang={locale === "nb" ? "nb" : "en"}>
                  {locale === "nb" ? r.text.nb : r.text.en}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ErrorMessage error={error} />

        {plan && (
          <section className="preview" aria-labelledby="plan-preview-title" data-testid="plan-preview">
            <h3 id="plan-preview-title">{t("plan.preview")}</h3>
            <div className="table-scroll"><table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("plan.due")}</th>
                  <th scope="col" className="num">{t("plan.amount")}</th>
                  <th scope="col">{t("plan.reference")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.instalments.map((i) => (
                  <tr key={i.dueOn}>
                    <td>{formatDate(i.dueOn, locale)}</td>
                    <td className="num">{money(i.amount)}</td>
                    <td>{i.kid}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
            <p className="strong">{t("plan.total", { amount: money(plan.total) })}</p>
            {toMinor(plan.cost) !== 0n && (
              <p data-testid="plan-cost">
                {t("plan.cost", { amount: money(plan.cost), source: plan.costSource ? shortCitation(locale, plan.costSource) : "–" })}
              </p>
            )}
          </section>
        )}

        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </button>
          <button type="button" className="button primary" disabled={busy || !previewed} onClick={() => previewed && void send(previewed.body, false)}>
            {t("plan.agree")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
