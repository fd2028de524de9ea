/**
 * How far matched payments have been read. GetAllMatchedItems returns every invoice with an item
 * changed after `fromDateTime`, by the ledger's own `lastChanged`, so the watermark is taken from
 * those stamps (never our clock) and steps back by an overlap: GETs read a replica that lags
 * (limitations.md), and an item written just before the newest one seen may not be visible yet.
 * Items read twice are recorded once (payments are unique per source and reference).
 * An item set aside holds the watermark before it, so the next sync reads it again; a row that
 * could not be read at all (no stamp known) holds the watermark where it was.
 * `fromDateTime` is sent as UTC without an offset, as the docs' example; if PowerOffice reads it
 * as Oslo time, the window only starts earlier, which the overlap already tolerates.
 */
export const DEFAULT_WATERMARK_OVERLAP_MS = 10 * 60 * 1000;

export function nextWatermark(w: {
  previous: Date | null;
  newestSeen: Date | null;
  earliestSetAside: Date | null;
  unreadable: boolean;
  overlapMs: number;
}): Date | null {
  if (w.unreadable || w.newestSeen === null) return w.previous;
  let next = w.newestSeen.getTime() - w.overlapMs;
  if (w.earliestSetAside !== null) next = Math.min(next, w.earliestSetAside.getTime() - 1);
  if (w.previous !== null && w.previous.getTime() >= next) return w.previous;
  return new Date(next);
}
