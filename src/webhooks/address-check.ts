import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Webhooks go out to addresses tenants choose, so they must not reach the agency's own network
 * (SSRF). Only globally routable unicast addresses are allowed: loopback, private, link-local
 * (cloud metadata), carrier-grade NAT, unique-local, unspecified, multicast, reserved and the
 * IPv6 forms that carry an IPv4 address (IPv4-mapped is judged by the address it carries; NAT64,
 * 6to4 and Teredo are refused) are not. Classified by ipaddr.js, not by string prefixes, so every
 * spelling of an address (decimal, octal, hex, `[::ffff:7f00:1]`, `0`) gets the same answer.
 *
 * Checked when the URL is registered (literal addresses and `localhost` names) and again for the
 * address the connection actually uses (`publicOnlyPost` resolves the name itself and connects to
 * the address it checked, so a name that later resolves elsewhere — DNS rebinding — fails too). A
 * development setup can allow private addresses with FORDRING_WEBHOOKS_ALLOW_PRIVATE=1.
 */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return true; // not an address we can classify: never trusted
  let address = ipaddr.parse(bare);
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  return address.range() !== "unicast";
}

const isLocalName = (host: string): boolean => {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
};

/** Why a webhook URL is refused at registration, or null. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  const u = new URL(url);
  if (u.protocol !== "https:" && !allowPrivate) return "must be an https:// URL";
  if (u.username || u.password) return "must not carry a user name or password";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (isLocalName(host) || (isIP(host) !== 0 && isPrivateAddress(host)))) return "must not point into a private network";
  return null;
}

/** A DNS lookup for sockets that fails when any address the name resolves to is not public. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const list = addresses as unknown as LookupAddress[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address))) {
      return callback(Object.assign(new Error("refused: the address is in a private network"), { code: "EPRIVATE" }), "", 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

export interface PostInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/**
 * POSTs to a public address only: a literal address is checked before connecting, a name is
 * resolved by `publicOnlyLookup` at connect time. Redirects are not followed (the status is
 * returned as it is). With `allowPrivate` (development) every address is allowed.
 */
export function postWebhook(url: string, init: PostInit, allowPrivate = false): Promise<{ status: number }> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (isLocalName(host) || (isIP(host) !== 0 && isPrivateAddress(host)))) {
    return Promise.reject(new Error("refused: the address is in a private network"));
  }
  const client = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      { method: init.method, headers: { ...init.headers, "content-length": Buffer.byteLength(init.body) }, signal: init.signal, ...(allowPrivate ? {} : { lookup: publicOnlyLookup }) },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      },
    );
    req.on("error", (e) => {
      if ((e as NodeJS.ErrnoException).code === "EPRIVATE") reject(new Error("refused: the address is in a private network"));
      else reject(init.signal.aborted ? init.signal.reason : e); // a timeout reads as the signal's TimeoutError
    });
    req.end(init.body);
  });
}
