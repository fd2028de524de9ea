import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lints snippets as if they were files of the project, through the project's own eslint.config.js.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the domain boundary lint rule", () => {
  it("refuses an import from another layer", async () => {
    const msgs = await messagesFor(`import { loadConfig } from "../platform/config.js";\nexport const x = loadConfig;\n`, "src/domain/example.ts");
    expect(msgs).toEqual([expect.stringContaining("fordring/domain-boundary: src/domain must not import '../platform/config.js'")]);
  });

  it("refuses npm packages and node modules", async () => {
    const msgs = await messagesFor(`import { z } from "zod";\nimport fs from "node:fs";\nexport const a = [z, fs];\n`, "src/domain/sub/example.ts");
    expect(msgs.filter((m) => m.startsWith("fordring/domain-boundary"))).toHaveLength(2);
  });

  it("refuses a relative path that climbs out of src/domain", async () => {
    const msgs = await messagesFor(`export * from "../../api/server.js";\n`, "src/domain/sub/example.ts");
    expect(msgs).toEqual([expect.stringContaining("must not import '../../api/server.js'")]);
  });

  it("allows imports inside src/domain", async () => {
    const msgs = await messagesFor(`import { LocalDate } from "../calendar/local-date.js";\nexport const d = LocalDate;\n`, "src/domain/sub/example.ts");
    expect(msgs).toEqual([]);
  });

  it("refuses reading the clock in src/domain", async () => {
    const msgs = await messagesFor(`export const today = new Date();\nexport const t = Date.now();\n`, "src/domain/example.ts");
    expect(msgs.filter((m) => m.includes("never reads the clock"))).toHaveLength(2);
  });

  it("does not apply outside src/domain", async () => {
    const msgs = await messagesFor(`import { z } from "zod";\nexport const s = z.string();\nexport const now = new Date();\n`, "src/platform/example.ts");
    expect(msgs).toEqual([]);
  });
});
