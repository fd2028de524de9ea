import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "../test-render";
import { CreditCheckAnswer, CreditCheckDialog, LegalPhase, PaymentRemarkList, type LegalView, type PaymentRemarks } from "./legal-phase";

const remark = (status: string, over: Partial<PaymentRemarks[number]> = {}): PaymentRemarks[number] => ({
  remarkId: `r-${status}`, registeredOn: "2025-03-03", basis: "forliksklage inngitt", amount: "1250.00", currency: "NOK", status,
  reportedAt: null, deleteReason: null, deletedAt: null, attempts: 0, lastError: null, ...over,
});

const remarks: PaymentRemarks = [
  remark("to-report", { attempts: 2, lastError: "bureau answered 503" }),
  remark("reported", { reportedAt: "2025-03-04T06:00:00.000Z" }),
  remark("to-delete", { reportedAt: "2025-03-04T06:00:00.000Z", deleteReason: "paid" }),
  remark("deleted", { reportedAt: "2025-03-04T06:00:00.000Z", deleteReason: "paid", deletedAt: "2025-04-10T06:00:00.000Z" }),
  remark("cancelled"),
];

function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_request: Request) => new Response(JSON.stringify(body), { status, headers: { "content-type": status < 400 ? "application/json" : "application/problem+json" } }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the payment remarks in the legal panel", () => {
  it("says each remark's status with its day, in Norwegian", () => {
    renderIn("nb", <PaymentRemarkList remarks={remarks} />);
    const items = [...screen.getByTestId("payment-remarks").querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual([
      "Registrert 03.03.2025, venter på å bli meldt til kredittopplysningsbyrået — forsøk 2, siste feil: bureau answered 503",
      "Meldt til kredittopplysningsbyrået 04.03.2025",
      "Meldt 04.03.2025, skal slettes: paid",
      "Slettet 10.04.2025: paid",
      "Registrert 03.03.2025, avbrutt før den ble meldt",
    ]);
  });

  it("says them in Swedish, and shows nothing without remarks", () => {
    const { container } = renderIn("sv", <PaymentRemarkList remarks={[]} />);
    expect(container.textContent).toBe("");
    renderIn("sv", <PaymentRemarkList remarks={remarks.slice(1, 4)} />);
    const text = screen.getByTestId("payment-remarks").textContent ?? "";
    expect(text).toContain("Rapporterad till kreditupplysningsföretaget 2025-03-04");
    expect(text).toContain("Borttagen 2025-04-10: paid");
    expect(text).not.toMatch(/Meldt|Slettet/);
  });
});

describe("the credit check in the legal panel", () => {
  it("shows score, risk class and the number of remarks, in Norwegian and Swedish", () => {
    const result = { checkId: 7, outcome: "ok" as const, score: 412, riskClass: "C", paymentRemarks: 2 };
    const nb = renderIn("nb", <CreditCheckAnswer result={result} />);
    expect(screen.getByTestId("credit-check-result").textContent).toBe("Kredittsjekk av skyldneren:Score: 412Risikoklasse: CBetalingsanmerkninger: 2");
    nb.unmount();
    renderIn("sv", <CreditCheckAnswer result={result} />);
    expect(screen.getByTestId("credit-check-result").textContent).toContain("Riskklass: C");
    expect(screen.getByTestId("credit-check-result").textContent).toContain("Betalningsanmärkningar: 2");
  });

  it("requires a purpose, sends it, and hands back the answer", async () => {
    const fetch = answer(200, { checkId: 7, outcome: "ok", score: 412, riskClass: "C", paymentRemarks: 0 });
    const onDone = vi.fn();
    renderIn("nb", <CreditCheckDialog caseId="case-1" onClose={() => undefined} onDone={onDone} />);
    fireEvent.click(screen.getByRole("button", { name: "Send inn" }));
    expect(screen.getByRole("alert").textContent).toBe("Fyll ut Formål.");
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Formål"), { target: { value: " vurdere forliksklage " } });
    fireEvent.click(screen.getByRole("button", { name: "Send inn" }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ checkId: 7, outcome: "ok", score: 412, riskClass: "C", paymentRemarks: 0 }));
    const request = fetch.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe("/v1/cases/case-1/credit-checks");
    expect(await request.json()).toEqual({ purpose: "vurdere forliksklage" });
  });

  it("says when the bureau did not find the debtor, in Norwegian", () => {
    renderIn("nb", <CreditCheckAnswer result={{ checkId: 8, outcome: "not-found", score: null, riskClass: null, paymentRemarks: null }} />);
    expect(screen.getByTestId("credit-check-result").textContent).toBe("Kredittsjekk: Ikke funnet");
  });

  it("says plainly that no credit bureau is configured, in Swedish", async () => {
    answer(503, { error: { code: "credit_bureau_not_configured", message: "no credit bureau is configured (FORDRING_CREDIT_BUREAU_URL)" } });
    const onDone = vi.fn();
    renderIn("sv", <CreditCheckDialog caseId="case-1" onClose={() => undefined} onDone={onDone} />);
    fireEvent.change(screen.getByLabelText("Syfte"), { target: { value: "bedöma utsökning" } });
    fireEvent.click(screen.getByRole("button", { name: "Skicka" }));
    await waitFor(() => expect(screen.getByTestId("no-credit-bureau").textContent).toContain("Inget kreditupplysningsföretag är konfigurerat"));
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe("the legal panel on the case page", () => {
  it("says a step waits for a credit check, lists the remarks from their route, and offers the credit check", async () => {
    const view: LegalView = {
      stage: "legal", jurisdiction: "NO", closedOn: null, legalApprovedOn: "2025-02-20", legalOn: null, lastLegalStep: null, pendingLegalStep: null,
      paymentRemarkOn: null, surveillanceOn: null, limitationOn: null, events: [], checks: [],
      proceedings: [{ proceedingId: "p-1", step: "forliksklage", filedOn: "2025-03-01", filedBy: "anne", status: "awaiting-credit-check", result: null, judgmentOn: null, tvangsgrunnlag: null, events: [] }],
    };
    vi.stubGlobal("fetch", vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      const body = path.endsWith("/payment-remarks") ? { items: [remarks[1]] } : view;
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    }));
    renderIn("nb", <LegalPhase caseId="case-1" version="1" onChanged={() => undefined} />);
    await waitFor(() => expect(screen.getByTestId("awaiting-credit-check").textContent).toBe("Forliksklage venter på kredittsjekk av skyldneren før den sendes inn"));
    expect(screen.getByTestId("legal-step").textContent).toContain("Venter på kredittsjekk");
    await waitFor(() => expect(screen.getByTestId("payment-remarks").textContent).toBe("Meldt til kredittopplysningsbyrået 04.03.2025"));
    fireEvent.click(screen.getByRole("button", { name: "Kjør kredittsjekk" }));
    expect(screen.getByLabelText("Formål")).toBeTruthy();
  });
});
