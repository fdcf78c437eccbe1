// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = ["fs", "path", "os", "child_process", "crypto", "util", "stream", "url", "zlib", "worker_threads", "http", "https"];
const noNode = nodeBuiltins.flatMap((m) => [m, `${m}/*`, `node:${m}`]);

/** Dependencies point one way: engine <- workbook <- {functions, taskpane, cli}; fronts never import each other. */
const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    languageOptions: { globals: {} },
    rules: {
      ...restrict([
        { group: ["react", "react-dom", "react/*", "@fluentui/*", "exceljs", "office-*", "@microsoft/*", ...noNode], message: "src/engine is pure: no UI, Office, file or Node imports." },
        { group: ["**/functions/**", "**/taskpane/**", "**/workbook/**", "**/cli/**"], message: "src/engine imports none of the fronts." },
      ]),
      "no-restricted-globals": ["error", "Date", "window", "document", "Office", "Excel", "CustomFunctions", "process", "performance", "setTimeout", "localStorage", "Math.random"],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "The engine is deterministic." }],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: restrict([
      { group: ["**/taskpane/**", "**/cli/**"], message: "Fronts do not import each other." },
      { group: ["exceljs", "react", "react-dom", ...noNode], message: "functions.js runs in Excel's JavaScript-only runtime." },
    ]),
  },
  {
    // Office.js is called only in the workbook adapter (src/workbook/office).
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/functions/**/*.ts"],
    rules: { "no-restricted-globals": ["error", { name: "Office", message: "Office.js calls belong in src/workbook/office." }, { name: "Excel", message: "Office.js calls belong in src/workbook/office." }] },
  },
  {
    // Excel hands custom functions untyped cells; `any` is the declared type Excel sees.
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: restrict([{ group: ["**/functions/**", "**/cli/**"], message: "Fronts do not import each other (importing functions would register them twice)." }]),
  },
  {
    // Feature folders are independent: one never imports another (the app shell composes them; shared UI lives in components/).
    files: ["src/taskpane/features/**/*.ts", "src/taskpane/features/**/*.tsx"],
    rules: restrict([
      { group: ["**/functions/**", "**/cli/**"], message: "Fronts do not import each other (importing functions would register them twice)." },
      { regex: "^\\.\\./(?!\\.\\.)[^/]+(/|$)", message: "A feature folder does not import another feature's internals: share through src/taskpane/components." },
      { regex: "(^|/)features/", message: "A feature folder does not import another feature's internals: share through src/taskpane/components." },
      { regex: "(^|/)app/", message: "Features do not import the app shell." },
    ]),
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: restrict([{ group: ["**/functions/**", "**/taskpane/**"], message: "Fronts do not import each other." }]),
  },
  {
    files: ["src/workbook/**/*.ts"],
    rules: restrict([{ group: ["**/functions/**", "**/taskpane/**", "**/cli/**"], message: "The workbook adapter sits below the fronts." }]),
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
