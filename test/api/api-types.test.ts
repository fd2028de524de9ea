import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderApiTypes, SCHEMA_FILE } from "../../scripts/gen-api-types.js";

/**
 * The drift check (issue 13, "one API contract"): the portal's checked-in API types are what the
 * server's OpenAPI document generates today. A route schema changed without `npm run gen:api`
 * fails here; a change that breaks the portal then fails `tsc -p web`.
 */
describe("web/src/api/schema.d.ts", () => {
  it("is what npm run gen:api generates from the server's OpenAPI document", async () => {
    const checkedIn = await readFile(SCHEMA_FILE, "utf8");
    const generated = await renderApiTypes();
    // Compared as text; a failure means: run `npm run gen:api` and commit web/src/api/schema.d.ts.
    expect(checkedIn === generated, "web/src/api/schema.d.ts is stale: run npm run gen:api and commit it").toBe(true);
  });

  it("declares the routes the portal calls, with their answers", async () => {
    const generated = await renderApiTypes();
    for (const route of ['"/v1/me"', '"/v1/cases/{caseId}"', '"/v1/creditors/{creditorId}/invoices"', '"/v1/payments/unmatched"']) {
      expect(generated).toContain(route);
    }
  });
});
