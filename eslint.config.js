// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import fordring from "./eslint-rules/domain-boundary.js";

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
    files: ["src/domain/**/*.ts"],
    // Tests of the core may use the test libraries; the boundary is for the code itself.
    ignores: ["src/domain/**/*.test.ts"],
    plugins: { fordring },
    rules: {
      "fordring/domain-boundary": "error",
      // The core never reads the clock (STYLE habit 3): `today` is a parameter.
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date']", message: "src/domain never reads the clock: take `today` as a parameter." },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "src/domain never reads the clock: take `today` as a parameter." },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "src/domain is deterministic: no Math.random." },
      ],
    },
  },
);
