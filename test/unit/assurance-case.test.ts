import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The assurance case maps threats to the tests that prove their mitigations; this keeps it honest. A
 * citation is a test file followed by quoted words from test names: `test/x.test.ts`: "words", "more".
 */
const document = readFileSync('docs/assurance-case.md', 'utf8');

function citations(): { file: string; words: string[] }[] {
  const found: { file: string; words: string[] }[] = [];
  for (const match of document.matchAll(/`(test\/[^`]+\.test\.tsx?)`((?::? ?"[^"]+",?)*)/g)) {
    const words = [...(match[2] ?? '').matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1]!);
    found.push({ file: match[1]!, words });
  }
  return found;
}

describe('the assurance case', () => {
  it('names only files that exist', () => {
    const paths = [...document.matchAll(/`((?:src|test|docs|scripts|\.ci)\/[^`\s]*)`/g)].map(
      (match) => match[1]!,
    );
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !existsSync(path.replace(/\/$/, '')))).toEqual([]);
  });

  it('cites only tests that exist, by words from their names', () => {
    const cited = citations();
    expect(cited.length).toBeGreaterThan(60);
    const missing = cited.flatMap(({ file, words }) => {
      const source = existsSync(file) ? readFileSync(file, 'utf8').replace(/\s+/g, ' ') : '';
      return words.filter((word) => !source.includes(word)).map((word) => `${file}: "${word}"`);
    });
    expect(missing).toEqual([]);
  });
});
