// ESLint flat config: typescript-eslint's strict type-checked rules on the TypeScript of src/ and test/
// (test/tsconfig.json types the tests), and ESLint's recommended rules on the plain JavaScript of bench/.
// A rule is turned off or down only with a one-line reason beside it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** The Node globals that the .mjs scripts use (plain JavaScript has no type information to supply them). */
const nodeGlobals = Object.fromEntries(
  ["process", "console", "URL", "Buffer", "setTimeout", "clearTimeout", "setImmediate", "structuredClone", "performance"].map((name) => [
    name,
    "readonly",
  ]),
);

export default defineConfig(
  {
    ignores: ["dist/", "dist-runtime/", "docs/api/", "generated/", "coverage/", "test-artifacts/", "test/fixtures/", "node_modules/"],
  },
  {
    name: "guideline-kb/typescript",
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // src/ is typed by tsconfig.json, test/ by test/tsconfig.json; the root config files by a default project.
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Numbers (and bigints) print exactly in messages and paths; strings, nullish values and objects stay refused.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // A leading underscore marks a binding dropped on purpose (`const { integrity: _ignored, ...content } = pack`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    name: "guideline-kb/scripts",
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: "module", ecmaVersion: 2022, globals: nodeGlobals },
  },
  {
    // VS Code loads an extension's entry with require(): the client of editors/vscode is CommonJS.
    name: "guideline-kb/vscode-extension",
    files: ["editors/vscode/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...nodeGlobals, require: "readonly", module: "writable" } },
  },
);
