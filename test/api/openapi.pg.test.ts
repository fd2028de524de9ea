import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import { lintOpenApi } from "../../scripts/lint-openapi.js";
import { buildOpenApiDocument } from "../../src/api/openapi-document.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

/** Issue 6, "done when": the OpenAPI document validates — against the official OpenAPI 3.1 schema. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules without an error or a warning, every operation named and with its error answers", async () => {
    const problems = await lintOpenApi();
    expect(problems).toEqual([]);
    const doc = (await t.app.inject({ method: "GET", url: "/docs/json" })).json() as { paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, unknown> }>; requestBody?: { content: Record<string, unknown> } }>> };
    const ops = Object.entries(doc.paths).flatMap(([p, o]) => Object.entries(o).map(([m, op]) => ({ where: `${m} ${p}`, ...op })));
    const ids = ops.map((o) => o.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of ops) {
      const fourxx = Object.keys(o.responses).filter((s) => s.startsWith("4"));
      expect(fourxx.length, o.where).toBeGreaterThan(0);
      for (const s of fourxx) expect(Object.keys(o.responses[s]!.content ?? {}), `${o.where} ${s}`).toEqual(["application/problem+json"]);
    }
    const byId = Object.fromEntries(ops.map((o) => [o.operationId, o]));
    expect(Object.keys(byId["importBankFile"]!.requestBody!.content)).toContain("application/octet-stream");
    expect(Object.keys(byId["getLetterPdf"]!.responses["200"]!.content!)).toEqual(["application/pdf"]);
    expect(Object.keys(byId["getRemittancePdf"]!.responses["200"]!.content!)).toEqual(["application/pdf"]);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith("/v1/") && !p.startsWith("/health"))).toEqual([]);
  }, 60_000);

  it("leaves the portal's catch-all pages out", async () => {
    const withPortal = (await buildOpenApiDocument({ portalDist: tmpdir() })) as { paths: Record<string, unknown> };
    expect(Object.keys(withPortal.paths).filter((p) => !p.startsWith("/v1/") && !p.startsWith("/health"))).toEqual([]);
    expect(Object.keys(withPortal.paths)).toContain("/v1/cases");
  });

  it("validates against the OpenAPI 3.1 schema and lists every /v1 route with its security", async () => {
    const res = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { security?: unknown[] }>>; components: { securitySchemes: Record<string, unknown> } };
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["clientKey", "session"]);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const r of t.app.routeTable) {
      const openapiPath = r.url.replace(/:(\w+)/g, "{$1}");
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${openapiPath}`);
    }
  });
});
