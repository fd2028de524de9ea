import { LedgerError } from "../../ledger-connector.js";
import type { Pacer } from "./pacing.js";

/**
 * One HTTP exchange through the injected `fetch` (STYLE habit 6: no global patching): paced, with
 * a timeout that covers the whole answer, body included. A timeout or a broken connection is
 * `unavailable`; whether the request was carried out is unknown, which the caller must respect.
 */
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  text(): string;
  /** A response header (ETag, Location, Retry-After), null when absent. */
  header?(name: string): string | null;
}

export type Exchange = (request: HttpRequest) => Promise<HttpAnswer>;

export function createExchange(fetch: FetchLike, pacer: Pacer, timeoutMs: number): Exchange {
  return async (request) => {
    await pacer.acquire();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, contentType: res.headers.get("content-type") ?? "", bytes, text: () => new TextDecoder().decode(bytes), header: (name) => res.headers.get(name) };
    } catch (e) {
      const timedOut = controller.signal.aborted;
      throw new LedgerError("unavailable", timedOut ? `no answer within ${timeoutMs} ms (${request.method} ${pathOf(request.url)})` : `the connection failed: ${(e as Error).message}`, {
        retryable: true,
        vendorCode: timedOut ? "Timeout" : "NetworkError",
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
