import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, client } from "./api/client";
import type { CaseListState } from "./api/types";
import { usePaged } from "./use-paged";

/**
 * A paged list through the typed client, as the cases tab loads it: the filter, the page size and
 * the cursor go into the query the server declares; a new filter starts the list again.
 */
function Cases({ state }: { state: CaseListState }) {
  const list = usePaged(`cases:c-1:${state}`, (cursor, limit) =>
    call(client.GET("/v1/creditors/{creditorId}/cases", { params: { path: { creditorId: "c-1" }, query: { state, cursor, limit } } })),
  );
  return (
    <div>
      <ul>
        {list.items.map((c) => (
          <li key={c.caseId}>{c.caseNumber}</li>
        ))}
      </ul>
      {list.hasMore && <button onClick={list.loadMore}>more</button>}
      {list.loading && <p>loading</p>}
    </div>
  );
}

const aCase = (n: number) => ({ caseId: `case-${n}`, caseNumber: String(100000 + n) });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("usePaged with the typed client", () => {
  it("sends the filter, page size and cursor as the query, and starts again on a new filter", async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        urls.push(url.pathname + url.search);
        const cursor = url.searchParams.get("cursor");
        const body = cursor ? { items: [aCase(3)], nextCursor: null } : { items: [aCase(1), aCase(2)], nextCursor: "after-2" };
        return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
      }),
    );
    const { rerender } = render(<Cases state="open" />);
    await waitFor(() => expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["100001", "100002"]));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "more" })));
    await waitFor(() => expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["100001", "100002", "100003"]));
    expect(screen.queryByRole("button", { name: "more" })).toBeNull();

    rerender(<Cases state="closed" />);
    await waitFor(() => expect(urls).toHaveLength(3));
    await waitFor(() => expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["100001", "100002"]));
    expect(urls).toEqual([
      "/v1/creditors/c-1/cases?state=open&limit=50",
      "/v1/creditors/c-1/cases?state=open&cursor=after-2&limit=50",
      "/v1/creditors/c-1/cases?state=closed&limit=50",
    ]);
  });
});
