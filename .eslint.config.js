// ESLint flat config (kept as a dot-file so the top level holds only what the layout names).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Every POST route carries the Idempotency-Key handling, which #core's Post adds to Nest's. */
const nestPost = { name: '@nestjs/common', importNames: ['Post'], message: "Use Post from '#core': it carries the Idempotency-Key handling." };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'bench/results/', 'apps/console/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Lets consistent-type-imports see which imports decorator metadata (Nest's DI) needs as values.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['libs/core/src/idempotency/post.decorator.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [nestPost] }] },
  },
  {
    // The staff console: React's rules of hooks, and no console output left in the browser.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Controllers stay thin: they never talk to the database themselves.
    files: ['libs/**/*.controller.ts'],
    ignores: ['libs/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'typeorm', message: 'Controllers call services; SQL lives in repositories.' }, nestPost] }],
    },
  },
);
