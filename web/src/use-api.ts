import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api/client";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads with `load` (a typed client call, `call(client.GET(…))`) whenever `key` changes or
 * `reload` is called; nothing while `key` is null. `key` names what is loaded (its path and
 * parameters), so a page that shows something else loads again.
 */
export function useApi<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    // `load` of the render whose key this is: the key names everything it reads, so a new
    // closure each render is not a new request.
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
