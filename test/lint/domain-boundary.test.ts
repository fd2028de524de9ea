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

describe("the layer boundary lint rule", () => {
  it("refuses an import from a higher layer", async () => {
    const msgs = await messagesFor(`import { startApp } from "../main/app.js";\nexport const s = startApp;\n`, "src/platform/example.ts");
    expect(msgs).toEqual([expect.stringContaining("fordring/layer-boundary: src/platform must not import '../main/app.js' (src/main is a higher layer)")]);
    const fromCli = await messagesFor(`export const m = import("../../main/app.js");\n`, "src/cli/commands/example.ts");
    expect(fromCli).toEqual([expect.stringContaining("src/cli must not import '../../main/app.js'")]);
    const fromPart = await messagesFor(`export { buildServer } from "../../api/server.js";\n`, "src/collection/cases/example.ts");
    expect(fromPart).toEqual([expect.stringContaining("src/collection must not import '../../api/server.js' (src/api is a higher layer)")]);
  });

  it("refuses a part importing a read model, and platform importing delivery", async () => {
    const fromPart = await messagesFor(`import { CASE_LIST_STATES } from "../../read-models/cases.js";\nexport const c = CASE_LIST_STATES;\n`, "src/settlement/example/example.ts");
    expect(fromPart).toEqual([expect.stringContaining("src/settlement must not import '../../read-models/cases.js' (src/read-models is a higher layer)")]);
    const fromPlatform = await messagesFor(`import { deliverQueuedLetters } from "../delivery/deliver-letters.js";\nexport const d = deliverQueuedLetters;\n`, "src/platform/example.ts");
    expect(fromPlatform).toEqual([expect.stringContaining("src/platform must not import '../delivery/deliver-letters.js' (src/delivery is a higher layer)")]);
  });

  it("refuses integration importing settlement", async () => {
    const msgs = await messagesFor(`import { runSettlement } from "../../settlement/run-settlement.js";\nexport const r = runSettlement;\n`, "src/integration/sync/example.ts");
    expect(msgs).toEqual([expect.stringContaining("src/integration must not import '../../settlement/run-settlement.js' (src/settlement): the two must not import each other")]);
  });

  it("allows imports inward, within a layer, and from tests", async () => {
    const inward = `import { LocalDate } from "../domain/calendar/local-date.js";\nimport { loadConfig } from "../platform/config.js";\nimport { buildServer } from "../api/server.js";\nexport const x = [LocalDate, loadConfig, buildServer];\n`;
    expect(await messagesFor(inward, "src/main/example.ts")).toEqual([]);
    expect(await messagesFor(`import type { LedgerConnector } from "../integration/ledger-connector.js";\nexport type C = LedgerConnector;\n`, "src/settlement/example.ts")).toEqual([]);
    expect(await messagesFor(`import { runSettlement } from "../../settlement/run-settlement.js";\nexport const r = runSettlement;\n`, "src/integration/sync/example.test.ts")).toEqual([]);
  });
});
