// ESLint (flat config) with typescript-eslint's type-aware rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '.vscode-test/**',
      'node_modules/**',
      'test-results/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The API layer, the document model and the write engine know nothing of the editor: they are
    // tested in plain Node, and every feature (documents, tables, imports, agent tools) shares them.
    files: [
      'src/api/**/*.ts',
      'src/documents/model/**/*.ts',
      'src/profiles/**/*.ts',
      'src/selections/rulesText.ts',
      'src/imports/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                'src/api, src/documents/model, src/profiles and src/imports must not import vscode: they run and are tested in plain Node.',
            },
          ],
        },
      ],
    },
  },
);
