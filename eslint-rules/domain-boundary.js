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

/**
 * The layers of src/ (docs/ARCHITECTURE.md): a file imports only from its own layer or lower ones,
 * so dependencies point inward — main (the composition root) → api, worker, demo, cli → the
 * read models → the parts (collection, integration, settlement, delivery, access, onboarding,
 * webhooks) → platform → domain.
 * Among the parts, settlement reads the ledger through integration's port, and integration never
 * imports settlement (the booked check is a sync step), so the two cannot import each other.
 * A folder not listed here is not checked; src/domain is checked by `domain-boundary`.
 */
/** @type {Record<string, number>} */
const LAYER_RANK = {
  domain: 0,
  platform: 1,
  collection: 2,
  integration: 2,
  settlement: 2,
  access: 2,
  onboarding: 2,
  webhooks: 2,
  delivery: 2,
  // What people read, over the parts; read by the edges.
  "read-models": 2.5,
  api: 3,
  worker: 3,
  demo: 3,
  cli: 3,
  main: 4,
};
/** @type {Record<string, string[]>} */
const NOT_FROM = { integration: ["settlement"] };

/** @type {import("eslint").Rule.RuleModule} */
const layerRule = {
  meta: {
    type: "problem",
    docs: { description: "a layer of src/ imports only from itself and the layers below it" },
    schema: [],
    messages: {
      upward: "src/{{from}} must not import '{{source}}' (src/{{to}} is a higher layer): dependencies point inward (docs/ARCHITECTURE.md).",
      sideways: "src/{{from}} must not import '{{source}}' (src/{{to}}): the two must not import each other (docs/ARCHITECTURE.md).",
    },
  },
  create(context) {
    const file = path.resolve(context.filename);
    const from = layerOf(file);
    // src/domain has its own, stricter rule above (nothing outside src/domain at all).
    if (!from || from.layer === "domain") return {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const to = layerOf(path.resolve(path.dirname(file), source));
      if (!to || to.root !== from.root || to.layer === from.layer) return;
      if (LAYER_RANK[to.layer] > LAYER_RANK[from.layer]) context.report({ node, messageId: "upward", data: { from: from.layer, to: to.layer, source } });
      else if ((NOT_FROM[from.layer] ?? []).includes(to.layer)) context.report({ node, messageId: "sideways", data: { from: from.layer, to: to.layer, source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** The layer (first folder under the last `src/`) of a file, with the `src` folder it is under. @param {string} file */
function layerOf(file) {
  const parts = file.split(path.sep);
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === "src") {
      const layer = parts[i + 1];
      return layer && Object.hasOwn(LAYER_RANK, layer) ? { layer, root: parts.slice(0, i + 1).join(path.sep) } : null;
    }
  }
  return null;
}

export default { rules: { "domain-boundary": rule, "layer-boundary": layerRule } };
