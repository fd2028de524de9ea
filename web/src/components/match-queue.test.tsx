import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { MatchResult, UnmatchedPayment } from "../api/types";
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
    note: "the KID 10015421 fails its check digit",
    suggestions: [
      { caseNumber: "NORDLYS-100154", why: "open balance equals the amount" },
      { caseNumber: "NORDLYS-100160", why: "invoice number 100109 in the payment text" },
    ],
    ...over,
  };
}

const other = aPayment({ bankPaymentId: "bp-2", bookedOn: "2026-12-01", amount: "300.71", reference: null, payerName: null, note: "no KID on the payment", suggestions: [] });

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
  it("lists each payment with its amount, booked date, payer, reference, reason and suggestions", () => {
    setup([aPayment(), other], []);
    expect(screen.getByText("2 innbetalinger venter")).toBeTruthy();
    const cells = within(rowOf("08.12.2026")).getAllByRole("cell").map((c) => c.textContent);
    expect(cells.slice(0, 4)).toEqual([`1${NBSP}250,00${NBSP}kr`, "Dagny Pedersen", "10015421", "the KID 10015421 fails its check digit"]);
    const suggestions = within(rowOf("08.12.2026")).getAllByRole("listitem").map((li) => li.textContent);
    expect(suggestions).toEqual(["Sak NORDLYS-100154open balance equals the amount", "Sak NORDLYS-100160invoice number 100109 in the payment text"]);

    const empty = within(rowOf("01.12.2026")).getAllByRole("cell").map((c) => c.textContent);
    expect(empty.slice(0, 4)).toEqual([`300,71${NBSP}kr`, "–", "–", "no KID on the payment"]);
    expect(within(rowOf("01.12.2026")).getByText("Ingen forslag")).toBeTruthy();
  });

  it("matches a payment to a suggested case after confirming, and the payment leaves the queue with the result said", async () => {
    const { calls, changed } = setup([aPayment(), other], [{ recorded: true, stage: "closed", balance: "0.00" }]);
    fireEvent.click(screen.getByRole("button", { name: `Koble 1${NBSP}250,00${NBSP}kr fra 08.12.2026 til sak NORDLYS-100154` }));

    const dialog = screen.getByRole("dialog", { name: "Koble innbetalingen til en sak" });
    expect((within(dialog).getByLabelText("Saksnummer") as HTMLInputElement).value).toBe("NORDLYS-100154");
    expect(within(dialog).getByText("the KID 10015421 fails its check digit")).toBeTruthy();
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
    fireEvent.click(screen.getByRole("button", { name: `Match NOK${NBSP}1,250.00 of 08/12/2026 to case NORDLYS-100154` }));
    await confirm(screen.getByRole("dialog", { name: "Match the payment to a case" }), "Record on the case");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toBe(`NOK${NBSP}1,250.00 of 08/12/2026 was already recorded on case NORDLYS-100154, and has left the queue.`);
    expect(screen.getByText("No payments are waiting to be matched.")).toBeTruthy();
  });
});
