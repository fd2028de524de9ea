import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_TRANSFER_DELAY_DAYS } from "../../src/collection/transfer-policy.js";
import { LIMITS_FILE, renderApiFiles, SCHEMA_FILE } from "../../scripts/gen-api-types.js";

/**
 * The drift check (issue 13, "one API contract"): the portal's checked-in API files are what the
 * server's OpenAPI document generates today. A route schema changed without `npm run gen:api`
 * fails here; a change that breaks the portal then fails `tsc -p web`.
 */
let generated: Map<string, string>;
beforeAll(async () => {
  generated = new Map((await renderApiFiles()).map((f) => [f.file, f.text]));
});

describe("the portal's generated API files", () => {
  it.each([
    ["web/src/api/schema.d.ts", SCHEMA_FILE],
    ["web/src/api/limits.ts", LIMITS_FILE],
  ])("%s is what npm run gen:api generates from the server's OpenAPI document", async (name, file) => {
    const checkedIn = await readFile(file, "utf8");
    // Compared as text; a failure means: run `npm run gen:api` and commit the file.
    expect(checkedIn === generated.get(file), `${name} is stale: run npm run gen:api and commit it`).toBe(true);
  });

  it("declare the routes the portal calls, with their answers and the error body", () => {
    const schema = generated.get(SCHEMA_FILE)!;
    for (const route of ['"/v1/me"', '"/v1/cases/{caseId}"', '"/v1/creditors/{creditorId}/invoices"', '"/v1/payments/unmatched"']) {
      expect(schema).toContain(route);
    }
    // The error body is an RFC 9457 problem that keeps the older `error` member.
    const errorBody = /ErrorBody: \{([\s\S]*?)\n {8}\};/.exec(schema)?.[1] ?? "";
    for (const member of [/\btype: string;/, /\btitle: string;/, /\bstatus: number;/, /\bdetail: string;/, /\bcode: string;/, /\berrors\?: components\["schemas"\]\["FieldProblem"\]\[\];/, /\berror: \{/]) expect(errorBody).toMatch(member);
  });

  it("give the settings form the transfer policy's own delay limit (one limit: policy, API, portal)", () => {
    expect(generated.get(LIMITS_FILE)).toContain(`"transfer.delayDays": {\n      "min": 0,\n      "max": ${MAX_TRANSFER_DELAY_DAYS}\n    }`);
  });
});
