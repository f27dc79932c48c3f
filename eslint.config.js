// Type-aware lint: typescript-eslint's recommendedTypeChecked over the whole repository (one
// program from the root tsconfig.json), for the bugs tsc lets through: floating and misused
// promises (`if (connection.enabled)` where `enabled` is a Promise), unused variables, `any`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.gen.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ["./tsconfig.json"], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // An unused name is allowed only when it says so (a leading underscore), e.g. a parameter a
      // signature must have or a property destructured away.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Off: an async function without await is how this code base implements a Promise-returning
      // interface (a thrown error becomes a rejection); the rule would ask for Promise.resolve noise.
      "@typescript-eslint/require-await": "off",
      // Off: String(value) of an unknown value is deliberate in messages and the CLI's output.
      "@typescript-eslint/no-base-to-string": "off",
      // An abort rejects with the signal's reason, whatever the caller put there (typed any).
      "@typescript-eslint/prefer-promise-reject-errors": [
        "error",
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
    },
  },
  {
    // Tests read JSON bodies (`any`) and compare them; typing every one would test nothing more.
    files: ["packages/*/test/**", "test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain JavaScript and the build tools' configs are outside the TypeScript program.
    files: ["**/*.js", "**/*.mjs", "**/*.config.ts"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        structuredClone: "readonly",
      },
    },
  },
);
