import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

interface RulesFile {
  version: number;
  publishedOn: string;
  decision: { recommendedShare: number };
  criteria: Array<{ id: string; level: string; [field: string]: unknown }>;
}

/**
 * A criteria folder with the shipped version 1 and a version 2 made from it: SEC-09 added, OPE-06
 * removed, STA-05 made required, PRI-01 reworded, and a higher share of recommended criteria.
 */
export function criteriaWithVersionTwo(folder: string): string {
  cpSync(join(process.cwd(), 'criteria', 'v1'), join(folder, 'v1'), { recursive: true });
  mkdirSync(join(folder, 'v2'));
  const rules = parse(readFileSync(join(folder, 'v1', 'criteria.yaml'), 'utf8')) as RulesFile;
  rules.version = 2;
  rules.publishedOn = '2026-12-01';
  rules.decision.recommendedShare = 0.6;
  rules.criteria = rules.criteria.filter((criterion) => criterion.id !== 'OPE-06');
  for (const criterion of rules.criteria) if (criterion.id === 'STA-05') criterion.level = 'required';
  rules.criteria.push({
    id: 'SEC-09',
    dimension: 'security',
    level: 'recommended',
    naAllowed: false,
    met: ['justification'],
    mappings: { etsi: ['5.6-1'], usLabel: [] },
  });
  writeFileSync(join(folder, 'v2', 'criteria.yaml'), stringify(rules));
  for (const locale of ['en', 'de']) {
    const texts = parse(readFileSync(join(folder, 'v1', `text.${locale}.yaml`), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    delete texts['OPE-06'];
    texts['PRI-01']!['title'] =
      `${texts['PRI-01']!['title']} (${locale === 'de' ? 'überarbeitet' : 'revised'})`;
    texts['SEC-09'] = {
      title: locale === 'de' ? 'Speicherbereinigung' : 'Memory safety',
      question: 'Is new firmware code written in a memory-safe language?',
      guidance: 'Name the languages of the firmware and of its network-facing parts.',
      evidence: 'A list of components and their languages.',
    };
    writeFileSync(join(folder, 'v2', `text.${locale}.yaml`), stringify(texts));
  }
  // Version 2 remaps the label's questions: storage is answered by the secrets criterion first.
  writeFileSync(
    join(folder, 'v2', 'label.yaml'),
    stringify({
      questions: {
        collects: ['PRI-01', 'PRI-02'],
        stored: ['SEC-05', 'PRI-06'],
        access: ['TRA-04', 'PRI-07'],
        exportDelete: ['PRI-04', 'PRI-05'],
      },
    }),
  );
  return folder;
}
