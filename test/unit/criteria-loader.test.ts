import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CriteriaError, loadCriteria } from '../../src/features/criteria/loader';
import { dimensions } from '../../src/features/criteria/dimensions-rules';
import { temporaryDirectory } from '../support/database';

const criteriaFolder = join(process.cwd(), 'criteria');

describe('the published criteria, version 1', () => {
  const { versions } = loadCriteria(criteriaFolder);
  const latest = versions.get(1)!;

  it('is the only version shipped and has at least six criteria in each dimension', () => {
    expect(latest.version).toBe(1);
    expect(versions.size).toBe(1);
    for (const dimension of dimensions) {
      expect(
        latest.criteria.filter((criterion) => criterion.dimension === dimension).length,
        dimension,
      ).toBeGreaterThanOrEqual(6);
    }
  });

  it('has English and German texts for every criterion', () => {
    for (const criterion of latest.criteria) {
      expect(criterion.texts['en']?.question, criterion.id).toBeTruthy();
      expect(criterion.texts['de']?.question, criterion.id).toBeTruthy();
      expect(criterion.texts['de']?.question).not.toBe(criterion.texts['en']?.question);
    }
  });

  it('covers the baseline the program promises, with required criteria in every dimension but openness', () => {
    const byId = new Map(latest.criteria.map((criterion) => [criterion.id, criterion]));
    const etsi = latest.criteria.flatMap((criterion) => criterion.mappings.etsi);
    for (const provision of ['5.1-1', '5.2-1', '5.3-13', '5.5-1', '5.7-1', '5.11-1', '6-1'])
      expect(etsi).toContain(provision);
    expect(byId.get('SEC-01')?.level).toBe('required');
    expect(byId.get('TRA-03')?.mappings.usLabel).toContain('supportPeriodEndDate');
    for (const dimension of dimensions) {
      const required = latest.criteria.filter(
        (criterion) => criterion.dimension === dimension && criterion.level === 'required',
      );
      expect(required.length > 0, dimension).toBe(dimension !== 'openness');
    }
  });
});

describe('a bad criteria file', () => {
  let folder: { path: string; remove(): void } | undefined;
  afterEach(() => folder?.remove());

  /** A copy of the real criteria with one file edited. */
  function brokenCopy(file: string, edit: (text: string) => string): string {
    folder = temporaryDirectory();
    cpSync(criteriaFolder, folder.path, { recursive: true });
    const path = join(folder.path, 'v1', file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return folder.path;
  }

  function problemsOf(directory: string): string[] {
    try {
      loadCriteria(directory);
    } catch (error) {
      if (error instanceof CriteriaError) return error.problems;
      throw error;
    }
    return [];
  }

  it('names the file, the criterion and the field with a wrong value', () => {
    const directory = brokenCopy('criteria.yaml', (text) =>
      text.replace(/(id: PRI-03\n\s+dimension: privacy\n\s+level:) required/, '$1 mandatory'),
    );
    const [problem] = problemsOf(directory);
    expect(problem).toMatch(/v1\/criteria\.yaml: criterion PRI-03, field level: /);
  });

  it('names a criterion whose text is missing in one language', () => {
    const directory = brokenCopy('text.de.yaml', (text) => text.replace(/^SEC-02:[\s\S]*?(?=^SEC-03:)/m, ''));
    expect(problemsOf(directory)).toEqual([
      expect.stringMatching(/v1\/text\.de\.yaml: criterion SEC-02: no text$/),
    ]);
  });

  it('reports a YAML syntax error with the file name', () => {
    const directory = brokenCopy('text.en.yaml', (text) => `${text}\nbroken: [unclosed\n`);
    expect(problemsOf(directory)[0]).toMatch(/v1\/text\.en\.yaml: /);
  });

  it('refuses duplicate ids, N/A rules without N/A, required openness and a version number that disagrees with its folder', () => {
    const directory = brokenCopy('criteria.yaml', (text) =>
      text
        .replace('version: 1', 'version: 2')
        .replace('id: PRI-02', 'id: PRI-01')
        .replace(/(id: OPE-01\n\s+dimension: openness\n\s+level:) recommended/, '$1 required')
        .replace(
          /(id: SEC-01\n(?:.*\n){3}\s+met: \[justification\]\n)/,
          '$1    notApplicable: [justification]\n',
        ),
    );
    const problems = problemsOf(directory);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('field version: is 2, but the folder says v1'),
        expect.stringContaining('criterion PRI-01: the id is used twice'),
        expect.stringContaining('criterion OPE-01, field level: openness is never required'),
        expect.stringContaining('criterion SEC-01, field notApplicable: given although naAllowed is false'),
      ]),
    );
  });
});
