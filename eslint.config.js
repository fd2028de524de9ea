// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import domainBoundary from "./eslint-rules/domain-boundary.js";
import noSqlAtEdges from "./eslint-rules/no-sql-at-edges.js";

/** The project's own rules, as one plugin. */
const fordring = { rules: { ...domainBoundary.rules, ...noSqlAtEdges.rules } };

export default tseslint.config(
  { ignores: [".scratch/**", "node_modules/**", "data/**", "dist/**", "drizzle/**", "web/dist/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // The portal (React in the browser): JSX, browser globals come from the DOM types, and no raw
    // HTML or blocking browser dialogs — every text goes through React and web/src/i18n.ts.
    files: ["web/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "render text through React, never raw HTML." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "alert", message: "use the Dialog component." },
        { name: "confirm", message: "use the Dialog component." },
        { name: "prompt", message: "use the Dialog component." },
      ],
    },
  },
  {
    // Dependencies point inward (docs/ARCHITECTURE.md); tests compose freely.
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    plugins: { fordring },
    rules: { "fordring/layer-boundary": "error" },
  },
  {
    files: ["src/domain/**/*.ts"],
    // Tests of the core may use the test libraries; the boundary is for the code itself.
    ignores: ["src/domain/**/*.test.ts"],
    plugins: { fordring },
    rules: {
      "fordring/domain-boundary": "error",
      // The core never reads the clock (docs/ARCHITECTURE.md, "Money, dates and rules"): `today` is a parameter.
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date']", message: "src/domain never reads the clock: take `today` as a parameter." },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "src/domain never reads the clock: take `today` as a parameter." },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "src/domain is deterministic: no Math.random." },
      ],
    },
  },
  {
    // The edges parse, call a use case or a read model, and shape the answer: no SQL there (issue 13).
    files: ["src/api/routes/**/*.ts", "src/cli/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { fordring },
    rules: { "fordring/no-sql-at-edges": "error" },
  },
);
