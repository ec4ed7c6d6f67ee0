import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// ui/src has one folder per domain plus shared/. A domain imports shared/, bindings.ts, its own
// files, and another domain only through that domain's index.ts; shared/ imports no domain; only
// shared/api.ts talks to Tauri. The patterns are relative, so there is one entry per folder depth.
const tauriOnlyInApi = {
  group: ["@tauri-apps/*"],
  message: "Only src/shared/api.ts talks to Tauri: add a function there and call it.",
};

/** Imports that climb `depth` folders to src/ and then go past another domain's index. */
function deepDomainImport(depth) {
  return {
    regex: `^(\\.\\./){${depth}}(?!shared/)[^./][^/]*/(?!index$).+`,
    message: "Import another domain through its index.ts (`../<domain>`), or move what both need to shared/.",
  };
}

function restrictedImports(...patterns) {
  return { "no-restricted-imports": ["error", { patterns: [tauriOnlyInApi, ...patterns] }] };
}

const depths = [1, 2, 3].map((depth) => ({
  files: [`src/*/${"*/".repeat(depth - 1)}*.{ts,tsx}`],
  ignores: ["src/shared/**"],
  rules: restrictedImports(deepDomainImport(depth)),
}));

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/bindings.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='innerHTML']",
          message: "Render untrusted text through shared/markdown.ts (sanitised) instead.",
        },
      ],
      ...restrictedImports(),
    },
  },
  ...depths,
  {
    files: ["src/shared/**/*.{ts,tsx}"],
    rules: restrictedImports({
      regex: "^\\.\\./(?!bindings$)",
      message: "shared/ is used by every domain and imports none of them.",
    }),
  },
  { files: ["src/shared/api.ts"], rules: { "no-restricted-imports": "off" } },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
);
