import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ApproveResult, Invoice } from "../api/types";
import { renderIn } from "../test-render";
import { DraftList, type ApproveRequest } from "./draft-list";

const draft = (n: number): Invoice => ({
  claimId: `claim-${n}`,
  invoiceNumber: String(1000 + n),
  customerName: `Kunde ${n}`,
  issueDate: "2025-10-01",
  dueDate: "2025-10-15",
  amount: "500.00",
  open: "500.00",
  currency: "NOK",
  state: "draft",
  reasons: [],
  eligibleOn: null,
  caseId: null,
  caseNumber: null,
});

function setup(items: Invoice[]) {
  const calls: ApproveRequest[] = [];
  const onApprove = async (req: ApproveRequest): Promise<ApproveResult> => {
    calls.push(req);
    const ids = "all" in req ? items.map((i) => i.claimId) : req.claimIds;
    return { approved: ids.length, cases: ids.map((claimId, i) => ({ claimId, caseId: `case-${claimId}`, caseNumber: String(200001 + i) })), refused: [] };
  };
  renderIn("nb", <DraftList items={items} onApprove={onApprove} />);
  return calls;
}

describe("the draft list", () => {
  it("asks before approving the selected drafts, naming how many", async () => {
    const calls = setup([draft(1), draft(2), draft(3)]);
    const approveSelected = screen.getByRole("button", { name: /Godkjenn valgte/ });
    expect((approveSelected as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole("checkbox", { name: "Velg faktura 1001 (Kunde 1)" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Velg faktura 1003 (Kunde 3)" }));
    expect(approveSelected.textContent).toBe("Godkjenn valgte (2)");
    fireEvent.click(approveSelected);

    const dialog = screen.getByRole("dialog", { name: "Godkjenne utkast?" });
    expect(within(dialog).getByText(/^2 fakturaer blir sendt til inkasso, og det opprettes 2 saker\./)).toBeTruthy();
    expect(calls).toEqual([]);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Godkjenn 2" }));
    });

    expect(calls).toEqual([{ claimIds: ["claim-1", "claim-3"] }]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByText("2 utkast godkjent.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Sak 200001" }).getAttribute("href")).toBe("/cases/case-claim-1");
    expect(screen.getByRole("link", { name: "Sak 200002" })).toBeTruthy();
  });

  it("counts every draft for approve all, and sends all: true", async () => {
    const calls = setup([draft(1), draft(2), draft(3), draft(4)]);
    fireEvent.click(screen.getByRole("button", { name: "Godkjenn alle" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText(/^4 fakturaer blir sendt/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Godkjenn 4" }));
    });
    expect(calls).toEqual([{ all: true }]);
  });

  it("says one in the singular", () => {
    setup([draft(1), draft(2)]);
    fireEvent.click(screen.getByRole("checkbox", { name: /1002/ }));
    fireEvent.click(screen.getByRole("button", { name: /Godkjenn valgte/ }));
    expect(screen.getByText(/^1 faktura blir sendt til inkasso, og det opprettes 1 sak\./)).toBeTruthy();
  });

  it("closes the confirmation with Escape without approving, and keeps focus inside while open", () => {
    const calls = setup([draft(1)]);
    const opener = screen.getByRole("button", { name: "Godkjenn alle" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog");
    const confirm = within(dialog).getByRole("button", { name: "Godkjenn 1" });
    expect(document.activeElement).toBe(confirm);

    // Tab from the last control wraps to the first (the close button), Shift+Tab back again.
    fireEvent.keyDown(confirm, { key: "Tab" });
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Lukk" }));
    fireEvent.keyDown(document.activeElement!, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);

    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(opener);
  });

  it("selects and clears all with the header checkbox", () => {
    setup([draft(1), draft(2)]);
    fireEvent.click(screen.getByRole("checkbox", { name: "Velg alle utkast" }));
    expect(screen.getByRole("button", { name: /Godkjenn valgte/ }).textContent).toBe("Godkjenn valgte (2)");
    fireEvent.click(screen.getByRole("checkbox", { name: "Velg alle utkast" }));
    expect(screen.getByRole("button", { name: /Godkjenn valgte/ }).textContent).toBe("Godkjenn valgte");
  });
});
