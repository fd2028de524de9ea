import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPrivateAddress, postWebhook, publicOnlyLookup, webhookUrlProblem } from "./address-check.js";

describe("webhook addresses", () => {
  it("knows private, loopback, link-local, unique-local, NAT64, 6to4 and Teredo addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "224.0.0.1", "255.255.255.255", "not-an-address"]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "193.69.1.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("refuses http, credentials in the URL, and private hosts at registration unless allowed", () => {
    expect(webhookUrlProblem("https://erp.example/hooks", false)).toBeNull();
    expect(webhookUrlProblem("http://erp.example/hooks", false)).toMatch(/https/);
    expect(webhookUrlProblem("https://169.254.169.254/latest", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://localhost:8080/", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://[::1]/", false)).toMatch(/private/);
    expect(webhookUrlProblem("https://user:pw@erp.example/", false)).toMatch(/user name/);
    expect(webhookUrlProblem("http://127.0.0.1:9000/", true)).toBeNull();
  });

  // Every spelling of loopback found by probing from outside (issue: the hex form of an IPv4-mapped address passed).
  const loopbackSpellings = ["https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://2130706433/", "https://0177.0.0.1/", "https://0x7f000001/", "https://0/", "https://localhost./", "https://a.localhost/", "https://[64:ff9b::7f00:1]/"];
  it.each(loopbackSpellings)("refuses %s at registration", (url) => {
    expect(webhookUrlProblem(url, false)).toMatch(/private/);
  });
});

describe("delivery connects only to public addresses", () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const init = () => ({ method: "POST", headers: { "content-type": "application/json" }, body: "{}", signal: AbortSignal.timeout(5_000) });

  it.each(["127.0.0.1", "[::ffff:7f00:1]", "2130706433", "0x7f000001", "localhost", "localhost."])("refuses a listener on loopback reached as %s, without connecting", async (host) => {
    const before = hits;
    await expect(postWebhook(`http://${host}:${port}/hook`, init())).rejects.toThrow(/^refused:/);
    expect(hits).toBe(before);
  });

  it("refuses at connect time a name that resolves to loopback (the lookup the socket uses, so DNS rebinding fails too)", async () => {
    const answer = await new Promise<{ err: Error | null; address: string }>((resolve) => publicOnlyLookup("localhost", {}, (err, address) => resolve({ err, address: String(address) })));
    expect(answer.err?.message).toMatch(/^refused:/);
    const publicName = await new Promise<Error | null>((resolve) => publicOnlyLookup("127.0.0.1.invalid", {}, (err) => resolve(err)));
    expect(publicName?.message).not.toMatch(/^refused:/); // a name that does not resolve fails as a lookup, not as a refusal
  });

  it("delivers to the same listener when private addresses are allowed (development)", async () => {
    await expect(postWebhook(`http://127.0.0.1:${port}/hook`, init(), true)).resolves.toEqual({ status: 200 });
  });
});
