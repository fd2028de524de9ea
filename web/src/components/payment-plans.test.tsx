import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderIn } from "../test-render";
import { PaymentPlans, PaymentPlanTables, type CasePlans } from "./payment-plans";

const NBSP = "\u00a0";
const plan: CasePlans[number] = {
  planId: "p1", status: "active", agreedOn: "2025-02-05", endedOn: null, endReason: null, currency: "NOK", total: "1847.33", cost: "0.00", paid: "900.00",
  kidMode: "plan", graceDays: 7,
  instalments: [
    { dueOn: "2025-02-20", amount: "615.77", kid: "0001000017", paid: "615.77" },
    { dueOn: "2025-03-20", amount: "615.77", kid: "0001000017", paid: "284.23" },
    { dueOn: "2025-04-20", amount: "615.79", kid: "0001000017", paid: "0.00" },
  ],
};

describe("PaymentPlanTables", () => {
  it("shows each instalment with what of it is paid, in Norwegian", () => {
    renderIn("nb", <PaymentPlanTables plans={[plan]} currency="NOK" />);
    const section = screen.getByTestId("payment-plans");
    expect(within(section).getByRole("heading").textContent).toBe("Betalingsavtale");
    expect(section.textContent).toContain("Aktiv");
    const rows = within(section).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`284,23`);
    expect(section.textContent).toMatch(new RegExp(`Betalt .*900,00.* av .*1${NBSP}847,33`));
  });

  it("says a broken plan in English, and shows nothing for a case without plans", () => {
    const { container } = renderIn("en", <PaymentPlanTables plans={[]} currency="NOK" />);
    expect(container.textContent).toBe("");
    renderIn("en", <PaymentPlanTables plans={[{ ...plan, status: "broken" }]} currency="NOK" />);
    expect(screen.getByTestId("payment-plans").textContent).toContain("Broken");
  });
});

const proposed = {
  preview: true, planId: "p2", total: "1847.33", cost: "0.00", costSource: null, currency: "NOK",
  instalments: [
    { dueOn: "2025-02-20", amount: "615.77", kid: "0001000017" },
    { dueOn: "2025-03-20", amount: "615.77", kid: "0001000017" },
    { dueOn: "2025-04-20", amount: "615.79", kid: "0001000017" },
  ],
};

const refusals = [
  { code: "first_too_late", field: "instalments[0].dueOn", text: { nb: "Første avdrag må forfalle senest 07.03.2025", en: "The first instalment must fall due by 2025-03-07" } },
  { code: "too_long", field: "instalments[2].dueOn", text: { nb: "Avtalen kan vare høyst 12 måneder (til 05.02.2026)", en: "The plan may last at most 12 months (until 2026-02-05)" } },
];

/**
 * The server as the plans section meets it: the case's plans (none), and each proposal answered
 * by `answers` in turn; every proposal is kept with its query and body.
 */
function server(answers: { status: number; body: unknown }[]) {
  const posts: { preview: string | null; body: unknown }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    expect(url.pathname).toBe("/v1/cases/case-1/payment-plans");
    if (request.method === "GET") return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { "content-type": "application/json" } });
    posts.push({ preview: url.searchParams.get("preview"), body: await request.json() });
    const a = answers.shift()!;
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { "content-type": a.status < 400 ? "application/json" : "application/problem+json" } });
  }));
  return posts;
}

async function openDialog(locale: "nb" | "en" | "sv", onAgreed = vi.fn()) {
  renderIn(locale, <PaymentPlans caseId="case-1" currency="NOK" canPropose version="1" onAgreed={onAgreed} />);
  const section = await screen.findByTestId("payment-plans");
  fireEvent.click(within(section).getByRole("button", { name: locale === "nb" ? "Ny betalingsavtale" : locale === "en" ? "New payment plan" : "Ny amorteringsplan" }));
  return { dialog: screen.getByRole("dialog"), section };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a new payment plan from the case page", () => {
  it("names what is missing, checks the count, and previews the instalments with their total and cost", async () => {
    const posts = server([{ status: 200, body: { ...proposed, cost: "120.00", costSource: "inkassoforskriften § 2-4 (instalment agreement)" } }]);
    const { dialog, section } = await openDialog("nb");
    // The heading shows on an open case without plans, with the button.
    expect(within(section).getByRole("heading", { name: "Betalingsavtale" })).toBeTruthy();
    expect(within(dialog).getByRole("heading", { name: "Ny betalingsavtale" })).toBeTruthy();
    const agree = within(dialog).getByRole("button", { name: "Inngå avtale" });
    expect(agree).toHaveProperty("disabled", true);

    fireEvent.click(within(dialog).getByRole("button", { name: "Forhåndsvis" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("Fyll ut feltene som mangler.");
    fireEvent.change(within(dialog).getByLabelText("Antall avdrag"), { target: { value: "121" } });
    fireEvent.change(within(dialog).getByLabelText("Første forfall"), { target: { value: "2025-02-20" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Forhåndsvis" }));
    expect(within(dialog).getByText("Må være et helt tall fra 1 til 120.")).toBeTruthy();
    expect(within(dialog).getByLabelText("Antall avdrag").getAttribute("aria-invalid")).toBe("true");
    expect(posts).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText("Antall avdrag"), { target: { value: "3" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Forhåndsvis" }));
    const preview = await within(dialog).findByTestId("plan-preview");
    expect(posts).toEqual([{ preview: "true", body: { count: 3, firstOn: "2025-02-20" } }]);
    const rows = within(preview).getAllByRole("row").slice(1).map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows).toEqual([
      ["20.02.2025", `615,77${NBSP}kr`, "0001000017"],
      ["20.03.2025", `615,77${NBSP}kr`, "0001000017"],
      ["20.04.2025", `615,79${NBSP}kr`, "0001000017"],
    ]);
    expect(preview.textContent).toContain(`Totalt: 1${NBSP}847,33${NBSP}kr`);
    expect(within(preview).getByTestId("plan-cost").textContent).toBe(`Herav kostnad for avtalen: 120,00${NBSP}kr (inkassoforskriften § 2-4)`);
    expect(agree).toHaveProperty("disabled", false);

    // Other inputs are another plan: the preview goes, and there is nothing to agree to.
    fireEvent.change(within(dialog).getByLabelText("Antall avdrag"), { target: { value: "4" } });
    expect(within(dialog).queryByTestId("plan-preview")).toBeNull();
    expect(agree).toHaveProperty("disabled", true);
  });

  it("shows every refusal in Norwegian, and none as a preview", async () => {
    server([{ status: 422, body: { error: { code: "first_too_late", message: refusals.map((r) => r.text.en).join("; "), refusals } } }]);
    const { dialog } = await openDialog("nb");
    fireEvent.change(within(dialog).getByLabelText("Antall avdrag"), { target: { value: "3" } });
    fireEvent.change(within(dialog).getByLabelText("Første forfall"), { target: { value: "2026-01-05" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Forhåndsvis" }));
    const alert = await within(dialog).findByTestId("plan-refusals");
    expect(alert.getAttribute("role")).toBe("alert");
    expect([...alert.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Første avdrag må forfalle senest 07.03.2025",
      "Avtalen kan vare høyst 12 måneder (til 05.02.2026)",
    ]);
    expect(alert.textContent).not.toContain("The first instalment");
    expect(within(dialog).queryByTestId("plan-preview")).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Inngå avtale" })).toHaveProperty("disabled", true);
  });

  it("shows the refusals in English to a Swedish reader (the server has no Swedish)", async () => {
    server([{ status: 422, body: { error: { code: "first_too_late", message: "", refusals } } }]);
    const { dialog } = await openDialog("sv");
    fireEvent.change(within(dialog).getByLabelText("Antal delbetalningar"), { target: { value: "3" } });
    fireEvent.change(within(dialog).getByLabelText("Första förfallodag"), { target: { value: "2026-01-05" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Förhandsgranska" }));
    const alert = await within(dialog).findByTestId("plan-refusals");
    expect([...alert.querySelectorAll("li")].map((li) => [li.getAttribute("lang"), li.textContent])).toEqual(refusals.map((r) => ["en", r.text.en]));
  });

  it("agrees the plan it previewed, without preview, and tells the case page", async () => {
    const posts = server([{ status: 200, body: proposed }, { status: 200, body: { ...proposed, preview: false } }]);
    const onAgreed = vi.fn();
    const { dialog } = await openDialog("nb", onAgreed);
    fireEvent.change(within(dialog).getByLabelText("Antall avdrag"), { target: { value: "3" } });
    fireEvent.change(within(dialog).getByLabelText("Første forfall"), { target: { value: "2025-02-20" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Forhåndsvis" }));
    await within(dialog).findByTestId("plan-preview");
    fireEvent.click(within(dialog).getByRole("button", { name: "Inngå avtale" }));
    await waitFor(() => expect(onAgreed).toHaveBeenCalledWith("Betalingsavtale inngått: 3 avdrag fra 20.02.2025."));
    expect(posts).toEqual([
      { preview: "true", body: { count: 3, firstOn: "2025-02-20" } },
      { preview: null, body: { count: 3, firstOn: "2025-02-20" } },
    ]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("offers no new plan on a closed case, and shows nothing there without plans", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200, headers: { "content-type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    const { container } = renderIn("nb", <PaymentPlans caseId="case-1" currency="NOK" canPropose={false} version="1" onAgreed={() => undefined} />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    // Let the answer render.
    await act(async () => {});
    expect(container.textContent).toBe("");
    expect(screen.queryByRole("button", { name: "Ny betalingsavtale" })).toBeNull();
  });

  it("shows a closed case's plans without the button", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ items: [plan] }), { status: 200, headers: { "content-type": "application/json" } })));
    renderIn("nb", <PaymentPlans caseId="case-1" currency="NOK" canPropose={false} version="1" onAgreed={() => undefined} />);
    const section = await screen.findByTestId("payment-plans");
    expect(within(section).getAllByRole("row")).toHaveLength(4);
    expect(within(section).queryByRole("button")).toBeNull();
  });
});
