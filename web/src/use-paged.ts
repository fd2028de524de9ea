import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api/client";
import type { Page } from "./api/types";

export interface Paged<T> {
  items: T[];
  error: ApiError | null;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/** One page of a list: a typed client call with the cursor (none for the first page) and the page size. */
export type PageLoader<T> = (cursor: string | undefined, limit: number) => Promise<Page<T>>;

/**
 * A cursor-paged list (`{ items, nextCursor }`): the first page, then more on request. `key`
 * names the list and its filters; when it changes the list starts again.
 */
export function usePaged<T>(key: string, loadPage: PageLoader<T>, pageSize = 50): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  const fetchPage = useCallback(
    async (after: string | null, replace: boolean) => {
      setLoading(true);
      setError(null);
      try {
        const page = await loadPage(after ?? undefined, pageSize);
        setItems((prev) => (replace ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor ?? null); // some lists are whole and send no cursor
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
      } finally {
        setLoading(false);
      }
    },
    // `key` names the list `loadPage` reads (a new closure each render is not a new list).
    [key, pageSize],
  );

  useEffect(() => {
    void fetchPage(null, true);
  }, [fetchPage, tick]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor) void fetchPage(cursor, false);
    },
    reload: () => setTick((n) => n + 1),
  };
}

/** Every page of a list, for views that must count or act on all of it (the draft list). */
export async function fetchAll<T>(loadPage: PageLoader<T>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page<T> = await loadPage(cursor ?? undefined, 200);
    out.push(...page.items);
    cursor = page.nextCursor ?? null;
    if (!cursor) break;
  }
  return out;
}
