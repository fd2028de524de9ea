import { createConfig, lintFromString } from "@redocly/openapi-core";
import { buildOpenApiDocument } from "../src/api/openapi-document.js";

/**
 * `npm run lint:api`: the OpenAPI document as the server serves it (`/docs/json`), linted with
 * Redocly's engine (@redocly/openapi-core, the one Redocly CLI runs) and its `recommended`
 * rules. Exits 1 on any error or warning; `npm test` (scripts/test-all.mjs) runs it.
 */
export async function lintOpenApi(): Promise<{ severity: string; ruleId: string; message: string; where: string }[]> {
  const document = await buildOpenApiDocument();
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: "openapi.json", config });
  return problems.map((p) => ({ severity: p.severity, ruleId: p.ruleId, message: p.message, where: p.location[0]?.pointer ?? "" }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lintOpenApi();
  for (const p of problems) console.log(`${p.severity} ${p.ruleId} ${p.where}: ${p.message}`);
  const errors = problems.filter((p) => p.severity === "error").length;
  console.log(`OpenAPI lint (Redocly recommended): ${errors} error(s), ${problems.length - errors} warning(s)`);
  process.exit(problems.length > 0 ? 1 : 0);
}
