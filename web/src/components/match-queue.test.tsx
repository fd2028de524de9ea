import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { MatchResult, MatchSuggestion, UnmatchedPayment } from "../api/types";
import type { Locale } from "../i18n";
import { renderIn } from "../test-render";
import { MatchQueue } from "./match-queue";

const NBSP = "\u00a0";

function aPayment(over: Partial<UnmatchedPayment> = {}): UnmatchedPayment {
  return {
    bankPaymentId: "bp-1",
    bookedOn: "2026-12-08",
    amount: "1250.00",
    reference: "10015421",
    payerName: "Dagny Pedersen",
    currency: "NOK",
    note: "the KID 10015421 fails its check digit (check digit: expected 3 (MOD10), got 1)",
    reasonCode: "kid_check_digit",
    reasonValues: { kid: "10015421", detail: "check digit: expected 3 (MOD10), got 1" },
    suggestions: [
      { caseId: "case-154", caseNumber: "NORDLYS-100154", why: "open balance equals the amount", basis: "same_amount", basisValues: { amount: "1250.00" } },
      { caseId: "case-160", caseNumber: "NORDLYS-100160", why: "invoice number 100109 in the payment text", basis: "invoice_number", basisValues: { invoiceNumber: "100109" } },
    ],
    ...over,
  };
}

const other = aPayment({
  bankPaymentId: "bp-2",
  bookedOn: "2026-12-01",
  amount: "300.71",
  reference: null,
  payerName: null,
  note: "no KID on the payment",
  reasonCode: "no_kid",
  reasonValues: {},
  suggestions: [],
});

type Answer = MatchResult | ApiError;

/** Renders the queue with a server that gives the answers in order, and records what was sent. */
function setup(items: UnmatchedPayment[], answers: Answer[], locale: Locale = "nb") {
  const calls: { bankPaymentId: string; caseNumber: string }[] = [];
  let changed = 0;
  const onMatch = async (bankPaymentId: string, caseNumber: string): Promise<MatchResult> => {
    calls.push({ bankPaymentId, caseNumber });
    const answer = answers.shift();
    if (!answer) throw new Error("no answer left");
    if (answer instanceof ApiError) throw answer;
    return answer;
  };
  renderIn(locale, <MatchQueue items={items} onMatch={onMatch} onChanged={() => changed++} />);
  return { calls, changed: () => changed };
}

const table = () => screen.getByRole("table", { name: "Innbetalinger som venter på manuell kobling" });
const rowOf = (date: string) => within(table()).getByRole("rowheader", { name: date }).closest("tr")!;

async function confirm(dialog: HTMLElement, button = "Før på saken") {
  await act(async () => {
    fireEvent.click(within(dialog).getByRole("button", { name: button }));
  });
}

describe("the manual-match queue", () => {
  it("lists each payment with its amount, booked date, payer, reference, reason and suggestions, in Norwegian from the codes", () => {
    setup([aPayment(), other], []);
    expect(screen.getByText("2 innbetalinger venter")).toBeTruthy();
    const cells = within(rowOf("08.12.2026")).getAllByRole("cell").map((c) => c.textContent);
    expect(cells.slice(0, 4)).toEqual([`1${NBSP}250,00${NBSP}kr`, "Dagny Pedersen", "10015421", "KID 10015421 har feil kontrollsiffer"]);
    const suggestions = within(rowOf("08.12.2026")).getAllByRole("listitem").map((li) => li.textContent);
    expect(suggestions).toEqual([
      `Sak NORDLYS-100154 Vis sakÅpen saldo er lik beløpet, 1${NBSP}250,00${NBSP}kr`,
      "Sak NORDLYS-100160 Vis sakFakturanummer 100109 står i betalingsteksten",
    ]);
    // Each suggested case opens on its own page.
    expect(within(rowOf("08.12.2026")).getByRole("link", { name: "Vis sak NORDLYS-100160" }).getAttribute("href")).toBe("/cases/case-160");

    const empty = within(rowOf("01.12.2026")).getAllByRole("cell").map((c) => c.textContent);
    expect(empty.slice(0, 4)).toEqual([`300,71${NBSP}kr`, "–", "–", "Innbetalingen har ingen KID"]);
    expect(within(rowOf("01.12.2026")).getByText("Ingen forslag")).toBeTruthy();
  });

  it("says every reason and basis the server codes in Norwegian, with its dates and amounts formatted", () => {
    const reasons: [UnmatchedPayment["reasonCode"], UnmatchedPayment["reasonValues"], string][] = [
      ["unknown_kid", { kid: "0009999993" }, "Ingen sak har KID 0009999993"],
      ["foreign_currency", { currency: "SEK" }, "Innbetalingen er i SEK, ikke i norske kroner"],
      ["not_positive", {}, "Beløpet er ikke positivt"],
      ["dated_after_today", { bookedOn: "2026-12-20", today: "2026-12-08" }, "Innbetalingen er datert 20.12.2026, etter dagens dato 08.12.2026"],
      ["dated_before_last_change", { bookedOn: "2026-12-01", changedOn: "2026-12-05" }, "Innbetalingen er datert 01.12.2026, før hovedstolen på saken sist ble endret 05.12.2026; innbetalinger føres i datorekkefølge"],
      ["refused", { message: "something new" }, "Kunne ikke føres på saken: something new"],
      ["duplicate", { bankReference: "ARCHIVE-7" }, "Den samme banktransaksjonen (ARCHIVE-7) er ført før"],
    ];
    setup(
      reasons.map(([reasonCode, reasonValues], i) =>
        aPayment({
          bankPaymentId: `bp-${i}`,
          bookedOn: `2026-11-${String(i + 10)}`,
          note: "English",
          reasonCode,
          reasonValues,
          suggestions: [{ caseId: null, caseNumber: "NORDLYS-1", why: "English", basis: "same_amount_and_name", basisValues: { amount: "1250.00", debtorName: "Dagny Pedersen" } }],
        }),
      ),
      [],
    );
    reasons.forEach(([, , text], i) => expect(within(rowOf(`${i + 10}.11.2026`)).getAllByRole("cell")[3]!.textContent).toBe(text));
    const first = rowOf("10.11.2026");
    expect(within(first).getByRole("listitem").textContent).toBe(`Sak NORDLYS-1Åpen saldo er lik beløpet, 1${NBSP}250,00${NBSP}kr, og innbetalerens navn ligner Dagny Pedersen`);
    expect(within(first).queryByRole("link")).toBeNull(); // no case id, no link
  });

  it("shows the server's text for a code it does not know, a note without a code, or a code without the facts its words need", () => {
    setup(
      [
        aPayment({
          note: "returned by the payer's bank",
          // Codes a newer server may send (the generated types know only today's): the server's text shows.
          reasonCode: "bank_returned" as UnmatchedPayment["reasonCode"],
          reasonValues: {},
          suggestions: [
            { caseId: "case-1", caseNumber: "NORDLYS-1", why: "the payer called", basis: "phone_call" as MatchSuggestion["basis"], basisValues: {} },
            { caseId: "case-2", caseNumber: "NORDLYS-2", why: "invoice number 42 in the payment text", basis: "invoice_number", basisValues: {} },
            { caseId: "case-3", caseNumber: "NORDLYS-3", why: "open balance equals the amount", basis: null, basisValues: {} },
          ],
        }),
        aPayment({ bankPaymentId: "bp-2", bookedOn: "2026-12-01", note: "an old note", reasonCode: null, reasonValues: {}, suggestions: [] }),
        aPayment({ bankPaymentId: "bp-3", bookedOn: "2026-12-02", note: "no case has the KID 123", reasonCode: "unknown_kid", reasonValues: {}, suggestions: [] }),
        aPayment({ bankPaymentId: "bp-4", bookedOn: "2026-12-03", note: null, reasonCode: null, reasonValues: {}, suggestions: [] }),
      ],
      [],
    );
    const reason = (date: string) => within(rowOf(date)).getAllByRole("cell")[3]!.textContent;
    expect(reason("08.12.2026")).toBe("returned by the payer's bank");
    expect(reason("01.12.2026")).toBe("an old note");
    expect(reason("02.12.2026")).toBe("no case has the KID 123");
    expect(reason("03.12.2026")).toBe("–");
    expect(within(rowOf("08.12.2026")).getAllByRole("listitem").map((li) => li.querySelector(".sub")!.textContent)).toEqual([
      "the payer called",
      "invoice number 42 in the payment text",
      "open balance equals the amount",
    ]);
  });

  it("formats a payment's amounts in its own currency", async () => {
    const sek = aPayment({ currency: "SEK", reasonCode: "unknown_kid", reasonValues: { kid: "0009999993" } });
    setup([sek], [new ApiError(400, "invalid_state", "only positive NOK payments can be matched to a Norwegian case", [], "bankPaymentId")]);
    expect(within(rowOf("08.12.2026")).getAllByRole("cell")[0]!.textContent).toBe(`1${NBSP}250,00${NBSP}SEK`);
    expect(within(rowOf("08.12.2026")).getAllByRole("listitem")[0]!.textContent).toContain(`Åpen saldo er lik beløpet, 1${NBSP}250,00${NBSP}SEK`);
    fireEvent.click(screen.getByRole("button", { name: `Koble 1${NBSP}250,00${NBSP}SEK fra 08.12.2026 til sak NORDLYS-100154` }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("1 250,00 SEK")).toBeTruthy(); // getByText reads the no-break spaces as spaces
    expect(within(dialog).getByText("Ingen sak har KID 0009999993")).toBeTruthy();
    await confirm(dialog);
    expect(within(dialog).getByRole("alert").textContent).toBe("only positive NOK payments can be matched to a Norwegian case");
  });

  it("matches a payment to a suggested case after confirming, and the payment leaves the queue with the result said", async () => {
    const { calls, changed } = setup([aPayment(), other], [{ recorded: true, stage: "closed", balance: "0.00" }]);
    fireEvent.click(screen.getByRole("button", { name: `Koble 1${NBSP}250,00${NBSP}kr fra 08.12.2026 til sak NORDLYS-100154` }));

    const dialog = screen.getByRole("dialog", { name: "Koble innbetalingen til en sak" });
    expect((within(dialog).getByLabelText("Saksnummer") as HTMLInputElement).value).toBe("NORDLYS-100154");
    expect(within(dialog).getByText("KID 10015421 har feil kontrollsiffer")).toBeTruthy();
    expect(calls).toEqual([]);
    await confirm(dialog);

    expect(calls).toEqual([{ bankPaymentId: "bp-1", caseNumber: "NORDLYS-100154" }]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toBe(
      `1${NBSP}250,00${NBSP}kr fra 08.12.2026 er ført på sak NORDLYS-100154. Saken står nå på «Avsluttet», med saldo 0,00${NBSP}kr.`,
    );
    expect(within(table()).queryByRole("rowheader", { name: "08.12.2026" })).toBeNull();
    expect(within(table()).getByRole("rowheader", { name: "01.12.2026" })).toBeTruthy();
    expect(screen.getByText("1 innbetaling venter")).toBeTruthy();
    expect(changed()).toBe(1);
  });

  it("matches to a typed case number, asks for one when empty and says so when no case has it", async () => {
    const { calls } = setup([other], [new ApiError(404, "not_found", "no case NORDLYS-999", [], "caseNumber"), { recorded: true, stage: "collection-notice", balance: "12.40" }]);
    fireEvent.click(screen.getByRole("button", { name: `Koble 300,71${NBSP}kr fra 01.12.2026 til en annen sak` }));
    const dialog = screen.getByRole("dialog");
    const input = within(dialog).getByLabelText("Saksnummer") as HTMLInputElement;
    expect(input.value).toBe("");
    expect(document.activeElement).toBe(input);

    await confirm(dialog);
    expect(calls).toEqual([]);
    expect(within(dialog).getByRole("alert").textContent).toBe("Skriv inn saksnummeret.");
    expect(input.getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(input, { target: { value: " NORDLYS-999 " } });
    await confirm(dialog);
    expect(calls).toEqual([{ bankPaymentId: "bp-2", caseNumber: "NORDLYS-999" }]);
    expect(within(dialog).getByRole("alert").textContent).toBe("Fant ingen sak med nummeret NORDLYS-999.");
    expect(input.getAttribute("aria-describedby")).toContain("match-case-number-error");
    expect(within(table()).getByRole("rowheader", { name: "01.12.2026" })).toBeTruthy();

    fireEvent.change(input, { target: { value: "NORDLYS-100154" } });
    await confirm(dialog);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toContain("er ført på sak NORDLYS-100154. Saken står nå på «Inkassovarsel», med saldo 12,40");
    expect(screen.getByText("Ingen innbetalinger venter på kobling.")).toBeTruthy();
  });

  it("shows the server's refusal in the dialog, keeps the payment and loads the queue again", async () => {
    const { changed } = setup([aPayment()], [new ApiError(400, "invalid_state", "the bank payment is matched, not waiting for a match", [], "bankPaymentId")]);
    fireEvent.click(screen.getByRole("button", { name: /til sak NORDLYS-100160$/ }));
    const dialog = screen.getByRole("dialog");
    await confirm(dialog);
    expect(within(dialog).getByRole("alert").textContent).toBe("the bank payment is matched, not waiting for a match");
    expect(changed()).toBe(1);
    expect(screen.getByRole("status").textContent).toBe("");
    expect(within(table()).getByRole("rowheader", { name: "08.12.2026" })).toBeTruthy();
  });

  it("says so when the payment is no longer in the queue", async () => {
    setup([aPayment()], [new ApiError(404, "not_found", "no bank payment bp-1", [], "bankPaymentId")]);
    fireEvent.click(screen.getByRole("button", { name: /til sak NORDLYS-100154$/ }));
    await confirm(screen.getByRole("dialog"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toMatch(/^Innbetalingen venter ikke lenger på kobling/);
    expect(screen.getByText("Ingen innbetalinger venter på kobling.")).toBeTruthy();
  });

  it("closes with Escape without matching", () => {
    const { calls } = setup([aPayment()], []);
    fireEvent.click(screen.getByRole("button", { name: /til sak NORDLYS-100154$/ }));
    const dialog = screen.getByRole("dialog");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Før på saken" }));
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls).toEqual([]);
  });

  it("speaks English with English money and dates", async () => {
    setup([aPayment()], [{ recorded: false, stage: null, balance: null }], "en");
    expect(screen.getByRole("table", { name: "Payments waiting to be matched by hand" })).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "Reason" })).toBeTruthy();
    const cells = within(screen.getByRole("rowheader", { name: "08/12/2026" }).closest("tr")!).getAllByRole("cell");
    expect(cells[3]!.textContent).toBe("The KID 10015421 fails its check digit");
    expect(cells[4]!.textContent).toContain(`Case NORDLYS-100154 View caseThe open balance equals the amount, NOK${NBSP}1,250.00`);
    expect(screen.getByRole("link", { name: "View case NORDLYS-100160" }).getAttribute("href")).toBe("/cases/case-160");
    fireEvent.click(screen.getByRole("button", { name: `Match NOK${NBSP}1,250.00 of 08/12/2026 to case NORDLYS-100154` }));
    await confirm(screen.getByRole("dialog", { name: "Match the payment to a case" }), "Record on the case");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toBe(`NOK${NBSP}1,250.00 of 08/12/2026 was already recorded on case NORDLYS-100154, and has left the queue.`);
    expect(screen.getByText("No payments are waiting to be matched.")).toBeTruthy();
  });
});
