import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The house's import rules live in eslint.config.js; these cases show that each one bites. */
describe('the import boundaries', () => {
  const eslint = new ESLint();
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((message) => message.message).join('\n');
  };

  it('keep rules pure', async () => {
    expect(
      await problems(
        'src/features/review/example-rules.ts',
        "import { sql } from 'kysely';\nexport const x = sql;\n",
      ),
    ).toContain('Rules are pure: they import nothing but rules.');
    expect(
      await problems(
        'src/features/review/example-rules.ts',
        "import { messagesFor } from '../../platform/i18n';\nexport const x = messagesFor;\n",
      ),
    ).toContain('Rules are pure: they import nothing but rules.');
    expect(
      await problems(
        'src/features/review/example-rules.ts',
        "import { x } from './rules';\nimport { y } from '../criteria/dimensions-rules';\nexport const z = [x, y];\n",
      ),
    ).toBe('');
  });

  it('keep shared machinery free of features', async () => {
    expect(
      await problems(
        'src/platform/example.ts',
        "import { decide } from '../features/review/decide';\nexport const x = decide;\n",
      ),
    ).toContain('Shared machinery (src/platform) knows nothing of features, routes or pages.');
  });

  it('keep routes and pages away from data access, types aside', async () => {
    const message = 'Routes and pages reach data through use cases and services, never through data access.';
    expect(
      await problems(
        'src/features/site/example-routes.tsx',
        "import { createReviewRepository } from '../review/store';\nexport const x = createReviewRepository;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/review/routes.tsx',
        "import { sql } from '../../platform/db/dialect';\nexport const x = sql;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/content/news-admin-routes.tsx',
        "import { createNewsRepository } from './news-store';\nexport const x = createNewsRepository;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/review/pages/example.tsx',
        "import { createReviewRepository } from '../store';\nexport const x = createReviewRepository;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/review/example-routes.tsx',
        "import type { ReviewRepository } from './store';\nexport type X = ReviewRepository;\n",
      ),
    ).toBe('');
  });

  it('hold every new file to about 400 lines', async () => {
    const long = Array.from({ length: 401 }, (_, index) => `export const value${index} = ${index};`).join(
      '\n',
    );
    expect(await problems('src/features/example/long.ts', `${long}\n`)).toMatch(/Maximum allowed is 400/);
  });

  it('keep route handlers to about 30 lines, the list of routes aside', async () => {
    const body = Array.from({ length: 31 }, (_, index) => `  const value${index} = ${index};`).join('\n');
    const handler = `export async function showThing() {\n${body}\n  return value0;\n}\n`;
    expect(await problems('src/features/example/routes.tsx', handler)).toMatch(
      /Handler is 34 lines long; the house allows 30/,
    );
    const register = handler.replace('showThing', 'registerThingRoutes');
    expect(await problems('src/features/example/routes.tsx', register)).not.toMatch(/Handler is/);
  });

  it('take form limits from the schemas, not from numbers in pages', async () => {
    expect(
      await problems(
        'src/features/example/pages/form.tsx',
        'export const f = () => <input maxLength={200} />;\n',
      ),
    ).toContain('Take the limit from the form schema (fieldLimits), not a number written here.');
    expect(
      await problems(
        'src/features/example/pages/form.tsx',
        'const limits = { name: 200 };\nexport const f = () => <input maxLength={limits.name} />;\n',
      ),
    ).toBe('');
  });

  it('let features reach each other only through their index or their rules', async () => {
    const message =
      "Another feature is reached through its index ('../feature') or its rules, nothing else of it.";
    expect(
      await problems(
        'src/features/review/example.ts',
        "import { createApplicationRepository } from '../applications/store';\nexport const x = createApplicationRepository;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/review/pages/example.tsx',
        "import type { SnapshotAnswer } from '../../applications/snapshot';\nexport type X = SnapshotAnswer;\n",
      ),
    ).toContain(message);
    expect(
      await problems(
        'src/features/review/example.ts',
        "import { createApplicationRepository } from '../applications';\nimport { canApply } from '../applications/rules';\nimport { sql } from '../../platform/db/dialect';\nexport const x = [createApplicationRepository, canApply, sql];\n",
      ),
    ).toBe('');
  });
});
