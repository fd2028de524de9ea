// @ts-check
import path from "node:path";

/**
 * `src/api/routes/` and `src/cli/` are edges: they parse a request or a command line, call a use
 * case or a read model, and shape the answer. They hold no SQL — the SQL lives in the use cases
 * (src/onboarding, src/collection, src/settlement, …) and the read models (src/read-models), where
 * the API, the CLI and the portal share it (issue 13, "use cases out of routes and CLI").
 *
 * Refused there: imports of drizzle-orm, pg, PGlite, the schema and the prepared-statement helper;
 * the database module for anything but opening it (`openDatabase`) and its types; calls of
 * `.query(…)`, `.execute(…)` and `queryPrepared(…)`; `sql` tagged templates; and string or
 * template literals that read as an SQL statement.
 *
 * @type {import("eslint").Rule.RuleModule}
 */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "no SQL in src/api/routes or src/cli: call a use case or a read model" },
    schema: [],
    messages: {
      importDb: "{{where}} holds no SQL: do not import '{{source}}' here; call a use case or a read model (src/read-models).",
      call: "{{where}} holds no SQL: `{{name}}(…)` belongs in a use case or a read model (src/read-models).",
      tag: "{{where}} holds no SQL: the `sql` template belongs in a use case or a read model (src/read-models).",
      text: "{{where}} holds no SQL: this statement belongs in a use case or a read model (src/read-models).",
    },
  },
  create(context) {
    const where = edgeOf(context.filename);
    if (!where) return {};
    /** @param {any} node @param {string} messageId @param {Record<string, string>} [data] */
    const report = (node, messageId, data = {}) => context.report({ node, messageId, data: { where, ...data } });

    /** @param {any} node */
    const checkImport = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== "string") return;
      if (FORBIDDEN_PACKAGES.some((p) => source === p || source.startsWith(`${p}/`))) return report(node, "importDb", { source });
      if (FORBIDDEN_MODULES.some((m) => source.endsWith(m))) return report(node, "importDb", { source });
      if (source.endsWith(DATABASE_MODULE) && !opensOnly(node)) report(node, "importDb", { source });
    };
    return {
      ImportDeclaration: checkImport,
      ExportNamedDeclaration: checkImport,
      ExportAllDeclaration: checkImport,
      ImportExpression: checkImport,
      /** @param {any} node */
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "Identifier" && callee.name === "queryPrepared") report(node, "call", { name: "queryPrepared" });
        if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && FORBIDDEN_METHODS.includes(callee.property.name)) {
          report(node, "call", { name: `.${callee.property.name}` });
        }
      },
      /** @param {any} node */
      TaggedTemplateExpression(node) {
        if (node.tag.type === "Identifier" && node.tag.name === "sql") report(node, "tag");
      },
      /** @param {any} node */
      Literal(node) {
        if (typeof node.value === "string" && SQL_STATEMENT.test(node.value)) report(node, "text");
      },
      /** @param {any} node */
      TemplateLiteral(node) {
        if (node.parent && node.parent.type === "TaggedTemplateExpression") return;
        const text = node.quasis.map((/** @type {any} */ q) => q.value.cooked ?? "").join(" ");
        if (SQL_STATEMENT.test(text)) report(node, "text");
      },
    };
  },
};

const FORBIDDEN_PACKAGES = ["drizzle-orm", "pg", "@electric-sql/pglite", "postgres"];
const FORBIDDEN_MODULES = ["/platform/db/schema.js", "/platform/db/prepared-query.js"];
const DATABASE_MODULE = "/platform/db/database.js";
const FORBIDDEN_METHODS = ["query", "execute"];
/** A statement: a leading keyword and the word that makes it SQL rather than prose. */
const SQL_STATEMENT = /^\s*(select\s[\s\S]*\bfrom\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|with\s+\w+\s+as\s*\()/i;

/** Whether an import of the database module takes only `openDatabase` and types (opening the connection is not SQL). */
function opensOnly(/** @type {any} */ node) {
  if (node.type === "ImportDeclaration") {
    if (node.importKind === "type") return true;
    return node.specifiers.every((/** @type {any} */ s) => s.type === "ImportSpecifier" && (s.importKind === "type" || s.imported.name === "openDatabase"));
  }
  if (node.type === "ImportExpression") {
    // `const { openDatabase } = await import("…/database.js")`
    const awaited = node.parent && node.parent.type === "AwaitExpression" ? node.parent : null;
    const declarator = awaited && awaited.parent && awaited.parent.type === "VariableDeclarator" ? awaited.parent : null;
    return !!declarator && declarator.id.type === "ObjectPattern" && declarator.id.properties.every((/** @type {any} */ p) => p.type === "Property" && p.key.type === "Identifier" && p.key.name === "openDatabase");
  }
  return false;
}

/** "src/api/routes" or "src/cli" when the file is under one of them, else null. */
function edgeOf(/** @type {string} */ file) {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i - 1] === "src" && parts[i] === "cli") return "src/cli";
    if (parts[i - 1] === "src" && parts[i] === "api" && parts[i + 1] === "routes") return "src/api/routes";
  }
  return null;
}

export default { rules: { "no-sql-at-edges": rule } };
