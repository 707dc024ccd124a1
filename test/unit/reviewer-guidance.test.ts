import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CriteriaError, loadCriteria } from '../../src/features/criteria/loader';
import { temporaryDirectory } from '../support/database';

const criteriaFolder = join(process.cwd(), 'criteria');

function problemsOf(directory: string): string[] {
  try {
    loadCriteria(directory);
  } catch (error) {
    if (error instanceof CriteriaError) return error.problems;
    throw error;
  }
  return [];
}

describe('reviewer guidance beside the criteria', () => {
  let folder: { path: string; remove(): void } | undefined;
  afterEach(() => folder?.remove());

  function copy(edit: (path: string) => void): string {
    folder = temporaryDirectory();
    cpSync(criteriaFolder, folder.path, { recursive: true });
    edit(join(folder.path, 'v1'));
    return folder.path;
  }

  it('gives every criterion of version 1 guidance in English and German, different texts', () => {
    const version = loadCriteria(criteriaFolder).versions.get(1)!;
    for (const criterion of version.criteria) {
      expect(criterion.reviewerGuidance?.['en'], criterion.id).toMatch(/\w{3}/);
      expect(criterion.reviewerGuidance?.['de'], criterion.id).toMatch(/\w{3}/);
      expect(criterion.reviewerGuidance?.['de']).not.toBe(criterion.reviewerGuidance?.['en']);
    }
  });

  it('is optional for a version that has none in any language', () => {
    const directory = copy((v1) => {
      rmSync(join(v1, 'reviewer-guidance.en.yaml'));
      rmSync(join(v1, 'reviewer-guidance.de.yaml'));
    });
    const version = loadCriteria(directory).versions.get(1)!;
    expect(version.criteria.every((criterion) => criterion.reviewerGuidance === undefined)).toBe(true);
  });

  it('names a missing language and an empty text', () => {
    const directory = copy((v1) => {
      rmSync(join(v1, 'reviewer-guidance.de.yaml'));
      const path = join(v1, 'reviewer-guidance.en.yaml');
      const text = readFileSync(path, 'utf8')
        .replace(/^SEC-03: >-\n {2}.*\n/m, '')
        .concat('XYZ-01: Look at nothing.\nOPE-06: ""\n');
      writeFileSync(path, text.replace(/^OPE-06: >-\n {2}.*\n/m, ''));
    });
    const problems = problemsOf(directory);
    expect(problems.join('\n')).toMatch(/reviewer-guidance\.de\.yaml: missing/);
    expect(problems.join('\n')).toMatch(/OPE-06: .*(character|least)/i);
  });

  it('names a criterion without guidance and one the version does not define', () => {
    const directory = copy((v1) => {
      const path = join(v1, 'reviewer-guidance.en.yaml');
      const text = readFileSync(path, 'utf8').replace(/^SEC-03: >-\n {2}.*\n/m, '');
      writeFileSync(path, `${text}XYZ-01: Look at nothing.\n`);
    });
    const problems = problemsOf(directory);
    expect(problems.join('\n')).toMatch(
      /reviewer-guidance\.en\.yaml: criterion SEC-03: no reviewer guidance/,
    );
    expect(problems.join('\n')).toMatch(/XYZ-01: guidance for a criterion the version does not define/);
  });
});
