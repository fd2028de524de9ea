import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseDetail } from "../api/types";
import { forgetBusinessDate } from "../business-date";
import { MESSAGES, type Locale } from "../i18n";
import { renderIn } from "../test-render";
import { CasePage } from "./CasePage";

/**
 * The case page as the API answers it. The API's `statusText`, timeline `text` and `next.text`
 * are Norwegian whatever the reader's language (issue #20: "Norwegian status text in the English
 * UI"); the page words them from the codes instead.
 */
const NORWEGIAN_SERVER_TEXTS = ["Rettslig inndrivelse", "Inkassovarsel sendt", "Betalingsanmerkning kan registreres", "Avsluttet"];

function detail(over: Partial<CaseDetail["case"]> = {}, total = "2171.80"): CaseDetail {
  return {
    case: {
      caseId: "c-1", caseNumber: "NORDLYS-100002", creditorId: "cr-1", invoiceNumber: "100062", debtorName: "Kari Halvorsen", stage: "legal", statusText: "Rettslig inndrivelse",
      hold: null, balance: total, currency: "NOK", openedOn: "2026-08-07", dueDate: "2026-07-13", nextActionOn: "2026-12-15", closedOn: null, closeReason: null, actionNeeded: false,
      kid: "0001000025", jurisdiction: "NO", debtorType: "consumer", debtorId: "d-1", ...over,
    },
    debtor: { name: "Kari Halvorsen", type: "consumer", orgNumber: null, birthDate: null, nationalId: null, address: null, email: null, phone: null },
    balances: { principal: "500.00", interest: "39.30", fees: "37.50", salary: "150.00", legal: "1445.00", paid: "0.00", total, credit: "0.00" },
    next: over.closedOn ? null : { event: "register-payment-remark", on: "2026-12-15", text: "Betalingsanmerkning kan registreres" },
    allowedActions: ["message"],
    timeline: [{ id: 1, on: "2026-08-07", at: "2026-08-07T05:00:00.000Z", actor: "system:daily-cycle", type: "send-collection-notice", stage: "collection-notice", text: "Inkassovarsel sendt", reason: null, letterId: null, data: null }],
    letters: [],
    charges: [
      {
        kind: "notice-fee", on: "2026-08-07", amount: "37.50", payer: "debtor", confidence: "uncertain",
        rule: "inkassoforskriften §§ 1-2, 1-3: 1/20 × inkassosats 750.00 (sent 2026-08-07) = 37.50",
        source: 'inkassoforskriften §§ 1-2, 1-3 (quoted on juridika.no) [P]; regjeringen.no 2020 "Regjeringen halverer inkassosalærer" [P]: claims falling due on or after 1 Oct 2020; kred.no [S]',
      },
      {
        kind: "light-salary", on: "2026-09-02", amount: "150.00", payer: "debtor", confidence: "uncertain", rule: "lett salær",
        source: "inkassoforskriften ch. 2 as amended for claims falling due on or after 1 Oct 2020; NOK amounts and tungt = 2 × lett from bahs.no, kraviainkasso.no [S/P]; factors = amount / 700 [C]",
      },
    ],
    payments: [],
  };
}

function serve(body: CaseDetail) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const url = typeof input === "string" ? input : input.url;
      if (url.endsWith("/health")) return new Response(JSON.stringify({ businessDate: "2026-12-05" }), { headers: { "content-type": "application/json" } });
      if (url.endsWith("/payment-plans") || url.endsWith("/messages")) return new Response(JSON.stringify({ items: [] }), { headers: { "content-type": "application/json" } });
      // The case itself; the page's other panels (legal view, remarks, checks) get "not found", not the case's body in a shape they do not read.
      if (/\/v1\/cases\/[^/?]+(\?|$)/.test(url)) return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
      return new Response(JSON.stringify({ error: { code: "not_found", message: "not in this test" } }), { status: 404, headers: { "content-type": "application/json" } });
    }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetBusinessDate();
});

async function page(locale: Locale, body: CaseDetail): Promise<HTMLElement> {
  serve(body);
  const { container } = renderIn(locale, <CasePage caseId="c-1" />);
  await screen.findByRole("heading", { level: 1 });
  return container;
}

describe("the case page in one language", () => {
  it.each(["en", "sv"] as const)("in %s shows none of the server's Norwegian texts", async (locale) => {
    const container = await page(locale, detail());
    const text = container.textContent ?? "";
    for (const nb of NORWEGIAN_SERVER_TEXTS) expect(text, nb).not.toContain(nb);
    expect(text).toContain(MESSAGES[locale]["status.legal"]);
    expect(text).toContain(MESSAGES[locale]["event.send-collection-notice"]);
    expect(text).toContain(MESSAGES[locale]["next.register-payment-remark"]);
  });

  it("gives a charge's source as a short citation, in Norwegian words, without the research note", async () => {
    await page("nb", detail());
    const rows = screen.getAllByRole("row").filter((r) => within(r).queryByText(/inkassoforskriften/));
    expect(rows.map((r) => r.querySelector(".source")?.textContent)).toEqual(["inkassoforskriften §§ 1-2, 1-3", "inkassoforskriften kap. 2"]);
    const text = document.body.textContent ?? "";
    expect(text).not.toMatch(/\[P\]|\[S\]|juridika|kraviainkasso|as amended/);
    // The research note is the agency's: a firm's or creditor's user (no session here) gets no Details.
    expect(screen.queryByText(MESSAGES.nb["case.sourceDetails"])).toBeNull();
  });
});

describe("a closed case", () => {
  it("says why it closed and that nothing is to be paid, with what was not collected beside", async () => {
    await page("nb", detail({ stage: "closed", statusText: "Avsluttet", closedOn: "2026-11-20", closeReason: "withdrawn", nextActionOn: null }, "1234.50"));
    expect(screen.getByTestId("close-reason").textContent).toBe("Avsluttet 20.11.2026 – trukket tilbake");
    const toPay = screen.getByRole("rowheader", { name: "Å betale" }).closest("tr")!;
    expect(toPay.textContent).toMatch(/0,00\s*kr/);
    expect(screen.getByTestId("not-collected").textContent).toMatch(/1\s234,50\s*kr/);
  });

  it("owes what it owes while open", async () => {
    await page("en", detail());
    const toPay = screen.getByRole("rowheader", { name: "To pay" }).closest("tr")!;
    expect(toPay.textContent).toMatch(/NOK\s2,171\.80/);
    expect(screen.queryByTestId("not-collected")).toBeNull();
  });
});

/**
 * A Swedish case (issue #16) as the API answers it: the server words timeline steps, charges and
 * letters in Norwegian; a Swedish reader sees them in Swedish, worded from the codes.
 */
function swedishDetail(): CaseDetail {
  const base = detail({ caseNumber: "UPPSALA-100001", stage: "collection-notice", statusText: "Inkassovarsel sendt", currency: "SEK", jurisdiction: "SE" }, "1690.00");
  const sek = { confidence: "certain" as const, payer: "debtor" as const };
  return {
    ...base,
    next: { event: "notice-deadline-passed", on: "2026-12-15", text: "Fristen i inkassovarselet går ut" },
    timeline: [
      { id: 1, on: "2026-11-02", at: "2026-11-02T05:00:00.000Z", actor: "system:daily-cycle", type: "send-collection-notice", stage: "collection-notice", text: "Inkassovarsel sendt", reason: null, letterId: null,
        data: { letter: "collection-notice", interestStart: { date: "2026-12-02", basis: "30 days after the demand", rule: "räntelagen 4 § 2", source: "räntelagen (1975:635) 4 §: 30 days after the demand [P]", confidence: "certain" } } },
      { id: 2, on: "2026-11-10", at: "2026-11-02T05:00:00.000Z", actor: "user:anna", type: "agree-payment-plan", stage: "collection-notice", text: "Betalingsavtale inngått", reason: null, letterId: null, data: null },
      { id: 3, on: "2026-11-11", at: "2026-11-02T05:00:00.000Z", actor: "system:daily-cycle", type: "letter-sent", stage: "collection-notice", text: "Brev sendt", reason: null, letterId: null, data: null },
      { id: 4, on: "2026-11-30", at: "2026-11-02T05:00:00.000Z", actor: "system:daily-cycle", type: "end-payment-plan", stage: "collection-notice", text: "Betalingsavtalen avsluttet", reason: null, letterId: null, data: null },
      { id: 5, on: "2026-12-01", at: "2026-11-02T05:00:00.000Z", actor: "system:daily-cycle", type: "letter-deadline-moved", stage: "collection-notice", text: "Frist flyttet: brevet gikk senere", reason: null, letterId: null, data: null },
    ],
    charges: [
      { kind: "collection-fee", on: "2026-11-02", amount: "180.00", rule: "inkassoersättning", source: "förordningen (1981:1057) 2 §", ...sek },
      { kind: "late-compensation", on: "2026-11-02", amount: "450.00", rule: "förseningsersättning", source: "lag (1981:739) 4 §", ...sek },
      { kind: "payment-plan-fee", on: "2026-11-10", amount: "170.00", rule: "amorteringsplan", source: "förordningen (1981:1057) 4 §", ...sek },
    ],
  };
}

const NORWEGIAN_WORDS = ["Inkassovarsel", "Betalingsavtale", "Brev sendt", "Frist flyttet", "Fristen i inkassovarselet", "Forsinkelse", "Inkassogebyr", "Gebyr", "avsluttet", "Gjenåpnet"];

describe("a Swedish case in Swedish", () => {
  it("words every timeline step, the next step and the charges in Swedish, with no Norwegian", async () => {
    const container = await page("sv", swedishDetail());
    const text = container.textContent ?? "";
    for (const nb of NORWEGIAN_WORDS) expect(text, nb).not.toContain(nb);
    const sv = MESSAGES.sv;
    for (const key of ["event.send-collection-notice", "event.agree-payment-plan", "event.letter-sent", "event.end-payment-plan", "event.letter-deadline-moved", "next.notice-deadline-passed", "charge.collection-fee", "charge.late-compensation", "charge.payment-plan-fee"] as const) {
      expect(text, key).toContain(sv[key]);
    }
    expect(text).toContain("Amorteringsplan överenskommen");
    expect(text).toContain("Förseningsersättning");
    expect(text).toContain("Dröjsmålsränta från 2026-12-02 (räntelagen (1975:635) 4 §)");
  });
});

describe("a hold's reason on the case page", () => {
  // One page at a time: each render is unmounted before the next.
  const hold = async (locale: Locale, h: NonNullable<CaseDetail["case"]["hold"]>) => {
    cleanup();
    return within(await page(locale, detail({ hold: h }))).getByTestId("case-hold").textContent;
  };

  it("says an insolvency's kind and a missing address in the reader's words, a person's own reason as written, and no plan id", async () => {
    expect(await hold("nb", { kind: "insolvency", reason: "bankruptcy", until: null })).toBe("Insolvens: konkurs");
    expect(await hold("sv", { kind: "insolvency", reason: "deceased", until: null })).toBe("Insolvens: gäldenären har avlidit");
    expect(await hold("nb", { kind: "paused", reason: "no address: no channel can reach the debtor (Digipost is not configured); the payment demand was not sent", until: null })).toBe(
      "På pause: ingen kanal når skyldneren; brevet ble ikke sendt",
    );
    expect(await hold("en", { kind: "paused", reason: "venter på svar fra kreditor", until: null })).toBe("Paused: venter på svar fra kreditor");
    expect(await hold("nb", { kind: "payment-plan", reason: "89b9ceb8-7c1e-4e0e-9a57-2f7c1c1d3a10", until: null })).toBe("Betalingsavtale");
  });
});
