import { useCallback, useEffect, useState } from "react";
import { api, ApiError, withQuery } from "./api/client";
import type { Page } from "./api/types";

export interface Paged<T> {
  items: T[];
  error: ApiError | null;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/** A cursor-paged list (`{ items, nextCursor }`): the first page, then more on request. */
export function usePaged<T>(path: string, query: Record<string, string | undefined> = {}, pageSize = 50): Paged<T> {
  const key = withQuery(path, { ...query, limit: pageSize });
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
        const sep = key.includes("?") ? "&" : "?";
        const page = await api.get<Page<T>>(after ? `${key}${sep}cursor=${encodeURIComponent(after)}` : key);
        setItems((prev) => (replace ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor ?? null); // some lists are whole and send no cursor
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
      } finally {
        setLoading(false);
      }
    },
    [key],
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
export async function fetchAll<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: Page<T> = await api.get<Page<T>>(withQuery(path, { ...query, limit: 200, cursor: cursor ?? undefined }));
    out.push(...page.items);
    cursor = page.nextCursor ?? null;
    if (!cursor) break;
  }
  return out;
}
