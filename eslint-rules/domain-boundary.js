// @ts-check
import path from "node:path";

/**
 * `src/domain/` is the pure core: it may import only other files inside `src/domain/`.
 * No npm packages, no node: modules, nothing from platform/, api/, integration/, ...
 * (docs/ARCHITECTURE.md, "Layers": the domain sits at the centre.)
 *
 * @type {import("eslint").Rule.RuleModule}
 */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "src/domain imports nothing outside src/domain" },
    schema: [],
    messages: {
      outside: "src/domain must not import '{{source}}': the domain core imports only files inside src/domain.",
    },
  },
  create(context) {
    const file = context.filename;
    const domainRoot = domainRootOf(file);
    if (!domainRoot) return {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== "string") return;
      const ok = source.startsWith(".") && isInside(path.resolve(path.dirname(file), source), domainRoot);
      if (!ok) context.report({ node, messageId: "outside", data: { source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** @param {string} file */
function domainRootOf(file) {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i] === "domain" && parts[i - 1] === "src") return parts.slice(0, i + 1).join(path.sep);
  }
  return null;
}

/** @param {string} target @param {string} root */
function isInside(target, root) {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export default { rules: { "domain-boundary": rule } };
