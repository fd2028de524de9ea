import Fastify from "fastify";
import fastifyHelmet from "@fastify/helmet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELMET_OPTIONS } from "../../src/api/server.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

/** The server sets helmet's headers worked out once at start: they must be exactly what @fastify/helmet sends. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

async function helmetHeaders(): Promise<Record<string, unknown>> {
  const reference = Fastify();
  await reference.register(fastifyHelmet, HELMET_OPTIONS);
  reference.get("/", async () => "");
  const res = await reference.inject({ method: "GET", url: "/" });
  await reference.close();
  return res.headers;
}

const OWN = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);
const securityPart = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !OWN.has(name) && !name.startsWith("x-ratelimit-")));

describe("security headers", () => {
  it("are @fastify/helmet's, on answers, errors and unknown routes alike", async () => {
    const expected = securityPart(await helmetHeaders());
    expect(expected["content-security-policy"]).toContain("frame-ancestors 'none'");
    for (const req of [
      { method: "GET" as const, url: "/health" },
      { method: "GET" as const, url: "/v1/cases" },
      { method: "GET" as const, url: "/v1/no-such-route" },
      { method: "POST" as const, url: "/v1/auth/login", payload: { email: "not an address" } },
    ]) {
      const res = await t.app.inject(req);
      expect(securityPart(res.headers), `${req.method} ${req.url} → ${res.statusCode}`).toEqual(expected);
    }
  });
});
