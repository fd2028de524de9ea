import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * Webhooks go out to addresses tenants choose, so they must not reach the agency's own network
 * (SSRF): loopback, private, link-local (cloud metadata), carrier-grade NAT and unique-local
 * addresses are refused — when the URL is registered (literal addresses and `localhost`) and
 * again at every delivery, after the name is resolved. A development setup can allow them with
 * FORDRING_WEBHOOKS_ALLOW_PRIVATE=1.
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const x = ip.toLowerCase();
  return x === "::" || x === "::1" || x.startsWith("fc") || x.startsWith("fd") || x.startsWith("fe8") || x.startsWith("fe9") || x.startsWith("fea") || x.startsWith("feb");
}

/** Why a webhook URL is refused at registration, or null. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  const u = new URL(url);
  if (u.protocol !== "https:" && !allowPrivate) return "must be an https:// URL";
  if (u.username || u.password) return "must not carry a user name or password";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || (isIP(host) !== 0 && isPrivateAddress(host)))) return "must not point into a private network";
  return null;
}

/** At delivery: the name resolves to public addresses only. */
export async function assertPublicHost(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new Error("refused: the address is in a private network");
}
