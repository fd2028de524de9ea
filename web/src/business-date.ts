import { useEffect, useState } from "react";

/**
 * The server's business date (`GET /health`, the day its daily cycle runs for), so a page can tell
 * a step that is due from one in the future without trusting the browser's clock; null until known.
 */
let cached: Promise<string | null> | null = null;

export function fetchBusinessDate(): Promise<string | null> {
  cached ??= fetch("/health", { headers: { accept: "application/json" } })
    .then(async (r) => (r.ok ? ((await r.json()) as { businessDate?: string }).businessDate ?? null : null))
    .catch(() => null)
    .then((d) => {
      if (d === null) cached = null;
      return d;
    });
  return cached;
}

/** For tests: forget the remembered date. */
export function forgetBusinessDate(): void {
  cached = null;
}

export function useBusinessDate(): string | null {
  const [today, setToday] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetchBusinessDate().then((d) => {
      if (live) setToday(d);
    });
    return () => {
      live = false;
    };
  }, []);
  return today;
}
