import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The stylesheet is plain CSS without nesting. A rule left open (a lost "}", as a merge once left
 * two) is not an error to a browser: it reads every later rule as nested inside it, so they apply
 * only inside that element, and the portal silently loses its layout (the 390 px filters did).
 */
describe("styles.css", () => {
  const css = readFileSync(path.join(process.cwd(), "web/src/styles.css"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

  it("closes every block it opens, and nests rules only inside @-rules", () => {
    const stack: string[] = [];
    const problems: string[] = [];
    let selector = "";
    css.split("\n").forEach((line, i) => {
      for (const ch of line) {
        if (ch === "{") {
          const head = selector.trim().split(/[;}]/).pop()!.trim();
          const parent = stack[stack.length - 1];
          if (parent !== undefined && !parent.startsWith("@")) problems.push(`line ${i + 1}: "${head}" opens inside the rule "${parent}"`);
          stack.push(head);
          selector = "";
        } else if (ch === "}") {
          if (stack.pop() === undefined) problems.push(`line ${i + 1}: "}" closes nothing`);
          selector = "";
        } else selector += ch;
      }
      selector += "\n";
    });
    if (stack.length > 0) problems.push(`not closed at the end: ${stack.map((s) => `"${s}"`).join(", ")}`);
    expect(problems).toEqual([]);
  });
});
