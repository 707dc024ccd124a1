import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * No function in a route file over 30 lines (blank lines and comments aside), except the `register…Routes`
 * function that lists the routes: max-lines-per-function cannot exempt it by name.
 */
const handlerLength = {
  meta: { type: 'suggestion', schema: [{ type: 'integer' }] },
  create(context) {
    const max = context.options[0] ?? 30;
    const code = context.sourceCode;
    const nameOf = (node) =>
      node.id?.name ?? (node.parent?.type === 'VariableDeclarator' ? node.parent.id.name : undefined);
    const check = (node) => {
      if (/^register\w*Routes$/.test(nameOf(node) ?? '')) return;
      const lines = code.lines.slice(node.loc.start.line - 1, node.loc.end.line);
      const commentLines = new Set();
      for (const comment of code.getCommentsInside(node)) {
        for (let line = comment.loc.start.line; line <= comment.loc.end.line; line += 1)
          commentLines.add(line);
      }
      const counted = lines.filter(
        (text, index) => text.trim() !== '' && !commentLines.has(node.loc.start.line + index),
      ).length;
      if (counted > max) {
        context.report({ node, message: `Handler is ${counted} lines long; the house allows ${max}.` });
      }
    };
    return { FunctionDeclaration: check, FunctionExpression: check, ArrowFunctionExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      // The project logs through pino; stray console output is a leftover.
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/platform/db/migrations/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      // A field's limit comes from its form's Zod schema (fieldLimits), so the page and the check agree.
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='maxLength'] > JSXExpressionContainer > Literal",
          message: 'Take the limit from the form schema (fieldLimits), not a number written here.',
        },
      ],
    },
  },
  // The house's boundaries (docs/decisions/0011-boundaries.md): what may import what.
  // Features reach each other only through what a feature exports (its index.ts), or through its pure rules.
  {
    files: ['src/features/*/*.ts', 'src/features/*/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[\\w-]+/(?!([\\w-]+-)?rules$)',
              message:
                "Another feature is reached through its index ('../feature') or its rules, nothing else of it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/*/*/*.ts', 'src/features/*/*/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./(?!\\.\\.)[\\w-]+/(?!([\\w-]+-)?rules$)',
              message:
                "Another feature is reached through its index ('../feature') or its rules, nothing else of it.",
            },
          ],
        },
      ],
    },
  },
  {
    // A feature's rules (`rules.ts`, `*-rules.ts`) are pure: they import other rules and the platform's
    // roles, never a framework, the database or a message catalogue.
    files: ['src/features/**/*rules.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/([\\w-]+/)?([\\w-]+-)?rules$|\\.\\./\\.\\./platform/auth/access$)',
              message: 'Rules are pure: they import nothing but rules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(features|app)(/|$)',
              message: 'Shared machinery (src/platform) knows nothing of features, routes or pages.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/platform/web/views/**',
      'src/features/**/*routes.ts',
      'src/features/**/*routes.tsx',
      'src/features/**/*-page.tsx',
      'src/features/**/pages/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)db/|(^|/|-)store$',
              allowTypeImports: true,
              message:
                'Routes and pages reach data through use cases and services, never through data access.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*routes.ts', 'src/features/**/*routes.tsx'],
    plugins: { house: { rules: { 'handler-length': handlerLength } } },
    rules: { 'house/handler-length': ['error', 30] },
  },
  {
    // Tests assert on values they have just checked exist.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
