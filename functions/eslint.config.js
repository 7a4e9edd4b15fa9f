/**
 * ESLint flat config: the recommended JavaScript rules plus
 * typescript-eslint's type-aware recommended set, which catches what the
 * compiler lets through (floating promises, unsafe `any`, awaiting
 * non-promises). `npm run lint` runs it on src/; firebase.json runs that
 * before every deploy.
 */
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  {
    ignores: ["lib/**", "coverage/**", "node_modules/**", ".models/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: {
        // One TypeScript program from tsconfig.json (src and test).
        projectService: true,
        tsconfigRootDir: __dirname,
      },
    },
    rules: {
      // Express 5 awaits async handlers and routes their rejections to the
      // error middleware, so passing an async function where a callback
      // returns void is intended there.
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false } },
      ],
      // The optional native backend is loaded with require() inside a
      // try block, so that an install without it still starts.
      "@typescript-eslint/no-require-imports": [
        "error",
        { allow: ["^@tensorflow/tfjs-node$"] },
      ],
      // `_name` marks a parameter an interface requires but we do not use.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The config files themselves are CommonJS scripts without types.
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      "@typescript-eslint/no-require-imports": "off",
    },
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
  }
);
