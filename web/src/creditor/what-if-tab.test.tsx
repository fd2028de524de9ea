import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Creditor, WhatIfJob } from "../api/types";
import { renderIn } from "../test-render";
import { WhatIfTab } from "./WhatIfTab";

/**
 * What-if as the server now runs it: a job the page follows (progress, then the answer) and can
 * cancel — it used to wait 4–15 s on one request with nothing on screen (issue #20).
 */
const summary = { cases: 3, opened: 0, letters: { reminder: 0, collectionNotice: 1, paymentDemand: 1 }, legalSteps: 2, legalCosts: "2890.00", stages: { legal: 2, "payment-demand": 1 }, fees: "37.50", salary: "300.00", interest: "10.00", byWeek: [] };
const running = (day: number, run: "current" | "proposed" = "current"): WhatIfJob => ({ jobId: "j-1", state: "running", progress: { run, day, days: 60, percent: Math.floor(((run === "proposed" ? 60 : 0) + day) * 50 / 60) }, result: null, error: null });

function server(answers: WhatIfJob[]) {
  const seen: string[] = [];
  let cancelled = false;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      seen.push(`${req.method} ${new URL(req.url).pathname}`);
      if (req.method === "DELETE") cancelled = true;
      // As the server: once cancelled, the job says so.
      const body = cancelled ? { ...answers[0]!, state: "cancelled" } : (answers.length > 1 ? answers.shift() : answers[0])!;
      return new Response(JSON.stringify(body), { status: req.method === "POST" ? 202 : 200, headers: { "content-type": "application/json" } });
    }),
  );
  return seen;
}

const creditor = { id: "cr-1", settings: {} } as unknown as Creditor;

afterEach(() => vi.unstubAllGlobals());

describe("the what-if tab", () => {
  it("shows the run's progress, then the comparison with the legal steps", async () => {
    const seen = server([running(10), running(45), running(20, "proposed"), { jobId: "j-1", state: "done", progress: null, error: null, result: { from: "2026-12-06", to: "2027-02-03", current: summary, proposed: { ...summary, legalSteps: 0, legalCosts: "0.00" } } }]);
    renderIn("en", <WhatIfTab creditor={creditor} onSaved={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
    await screen.findByText("Working out with today's settings: day 10 of 60");
    expect((screen.getByLabelText("Progress") as HTMLProgressElement).value).toBe(8);
    await screen.findByRole("rowheader", { name: "Legal steps" }, { timeout: 5_000 });
    expect(screen.queryByTestId("what-if-progress")).toBeNull();
    expect(seen[0]).toBe("POST /v1/creditors/cr-1/what-if/jobs");
    expect(seen.slice(1).every((s) => s === "GET /v1/creditors/cr-1/what-if/jobs/j-1")).toBe(true);
  });

  it("cancels a run", async () => {
    const seen = server([running(5)]);
    renderIn("en", <WhatIfTab creditor={creditor} onSaved={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(seen).toContain("DELETE /v1/creditors/cr-1/what-if/jobs/j-1"));
    await screen.findByText("The calculation was cancelled.", undefined, { timeout: 5_000 });
  });
});
