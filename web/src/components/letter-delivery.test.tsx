import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Letter } from "../api/types";
import { renderIn } from "../test-render";
import { LetterDelivery } from "./letter-delivery";

const letter = (n: number, delivery: Letter["delivery"], copyOf: string | null = null): Letter => ({
  letterId: `letter-${n}`,
  kind: "collection-notice",
  sentOn: "2025-01-02",
  deadline: "2025-01-16",
  language: "nb",
  status: "rendered",
  number: String(100000 + n),
  copyOf,
  delivery,
});

describe("the letters' delivery on the case page", () => {
  it("shows each letter's number, channel and status with the reason, and sends a copy of one that left", async () => {
    const copied: string[] = [];
    let changed = 0;
    renderIn(
      "nb",
      <LetterDelivery
        letters={[
          letter(1, { status: "sent", channel: "digipost", reason: "by Digipost", dispatchedOn: "2025-01-02" }),
          letter(2, { status: "failed", channel: null, reason: "no address: no channel can reach the debtor", dispatchedOn: null }),
          letter(3, { status: "queued", channel: null, reason: null, dispatchedOn: null }, "letter-1"),
        ]}
        onCopy={async (id) => {
          copied.push(id);
        }}
        onChange={() => changed++}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^100001Digipost\s*Sendt02\.01\.2025Send kopi$/),
      expect.stringMatching(/^100002–Feilet: no address: no channel can reach the debtor–Send kopi$/),
      expect.stringMatching(/^100003 \(kopi\)–I kø–$/),
    ]);
    fireEvent.click(within(rows[0]!).getByRole("button", { name: "Send kopi" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("En kopi er lagt i kø for utsending."));
    expect(copied).toEqual(["letter-1"]);
    expect(changed).toBe(1);
  });

  it("in English, and nothing at all for a case without letters", () => {
    const { container } = renderIn("en", <LetterDelivery letters={[]} />);
    expect(container.textContent).toBe("");
    renderIn("en", <LetterDelivery letters={[letter(1, { status: "read", channel: "email", reason: null, dispatchedOn: "2025-01-02" })]} />);
    expect(screen.getByRole("row", { name: /100001/ }).textContent).toMatch(/^100001E-mailRead02\/01\/2025|^100001E-mailRead/);
  });
});
