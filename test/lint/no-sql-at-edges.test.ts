import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lints snippets as if they were files of the project, through the project's own eslint.config.js.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}
const rule = (msgs: string[]) => msgs.filter((m) => m.startsWith("fordring/no-sql-at-edges"));

describe("the no-SQL-at-the-edges lint rule", () => {
  it("refuses a query call in a route", async () => {
    const msgs = await messagesFor(`export async function f(ctx: { database: { query(s: string): Promise<unknown> } }) {\n  return ctx.database.query("select 1");\n}\n`, "src/api/routes/v1/example.ts");
    expect(rule(msgs)).toEqual([expect.stringContaining("src/api/routes holds no SQL: `.query(…)`")]);
  });

  it("refuses SQL text, the sql tag and the prepared-statement helper in the CLI", async () => {
    const code = [
      `import { queryPrepared } from "../../platform/db/prepared-query.js";`,
      `import { sql } from "drizzle-orm";`,
      `export const a = "select id from creditors where code = $1";`,
      "export const b = sql`select 1`;",
      `export const c = (db: never) => queryPrepared(db, "x", []);`,
      "",
    ].join("\n");
    const msgs = rule(await messagesFor(code, "src/cli/commands/example.ts"));
    expect(msgs).toEqual([
      expect.stringContaining("do not import '../../platform/db/prepared-query.js'"),
      expect.stringContaining("do not import 'drizzle-orm'"),
      expect.stringContaining("this statement belongs in a use case or a read model"),
      expect.stringContaining("the `sql` template"),
      expect.stringContaining("`queryPrepared(…)`"),
    ]);
  });

  it("refuses the database module for more than opening it", async () => {
    const refused = await messagesFor(`import { migrateDatabase } from "../platform/db/database.js";\nexport const m = migrateDatabase;\n`, "src/cli/example.ts");
    expect(rule(refused)).toEqual([expect.stringContaining("do not import '../platform/db/database.js'")]);
    const allowed = await messagesFor(
      `import type { Database } from "../platform/db/database.js";\nexport async function open(): Promise<Database> {\n  const { openDatabase } = await import("../platform/db/database.js");\n  return openDatabase({ databaseUrl: undefined, dataDir: "x" } as never);\n}\n`,
      "src/cli/example.ts",
    );
    expect(rule(allowed)).toEqual([]);
  });

  it("lets a route call a read model, and read its query string", async () => {
    const code = `import { listCases } from "../../../read-models/cases.js";\nexport const f = (req: { query: { q: string } }) => [listCases, req.query.q, "Select the cases you want"];\n`;
    expect(rule(await messagesFor(code, "src/api/routes/v1/example.ts"))).toEqual([]);
  });

  it("does not apply to the read models, the use cases or the tests", async () => {
    const code = `export const f = (db: { query(s: string): unknown }) => db.query("select id from cases");\n`;
    expect(rule(await messagesFor(code, "src/read-models/example.ts"))).toEqual([]);
    expect(rule(await messagesFor(code, "src/onboarding/example.ts"))).toEqual([]);
    expect(rule(await messagesFor(code, "src/cli/example.test.ts"))).toEqual([]);
  });
});
