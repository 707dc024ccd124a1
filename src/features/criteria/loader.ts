import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { answerRequirements, criterionLevels, type CriteriaVersion, type Criterion } from './rules';
import { dimensions } from './dimensions-rules';
import { locales } from '../../platform/i18n';
import { loadReviewerGuidance } from './reviewer-guidance';
import { loadLabelMap } from './label-loader';

/**
 * Loads every published criteria version from the criteria folder (criteria/v1/criteria.yaml plus
 * text.<locale>.yaml for each supported locale) and checks it thoroughly: the app refuses to start with
 * a bad file, and the message names the file, the criterion and the field.
 */
export class CriteriaError extends Error {
  constructor(readonly problems: string[]) {
    super(`The criteria files are invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'CriteriaError';
  }
}

const rulesSchema = z.strictObject({
  version: z.number().int().positive(),
  publishedOn: z.iso.date({ message: 'must be a date like 2026-11-01' }),
  decision: z.strictObject({ recommendedShare: z.number().min(0).max(1) }),
  criteria: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Z]{3}-\d{2}$/, 'must look like PRI-01'),
        dimension: z.enum(dimensions),
        level: z.enum(criterionLevels),
        naAllowed: z.boolean(),
        met: z.array(z.enum(answerRequirements)),
        notApplicable: z.array(z.enum(answerRequirements)).optional(),
        mappings: z.strictObject({
          etsi: z.array(z.string().regex(/^\d+(\.\d+)?-\d+$/)),
          usLabel: z.array(z.string()),
        }),
      }),
    )
    .min(1),
});

const textSchema = z.record(
  z.string(),
  z.strictObject({
    title: z.string().trim().min(1).max(120),
    question: z.string().trim().min(1).max(500),
    guidance: z.string().trim().min(1).max(2000),
    evidence: z.string().trim().min(1).max(1000),
  }),
);

export interface CriteriaCatalogue {
  versions: ReadonlyMap<number, CriteriaVersion>;
}

export function loadCriteria(directory: string): CriteriaCatalogue {
  const problems: string[] = [];
  const versions = new Map<number, CriteriaVersion>();
  const folders = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^v\d+$/.test(entry.name))
    .map((entry) => entry.name);
  if (folders.length === 0) problems.push(`${directory}: no criteria version folder (v1, v2, …) found`);

  for (const folder of folders) {
    const version = loadVersion(join(directory, folder), Number(folder.slice(1)), problems);
    if (version) versions.set(version.version, version);
  }
  if (problems.length > 0) throw new CriteriaError(problems);
  if (versions.size === 0) throw new CriteriaError([`${directory}: no criteria version could be loaded`]);
  return { versions };
}

function readYaml(path: string, problems: string[]): unknown {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(
      `${relative(process.cwd(), path)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
    return undefined;
  }
}

/** "criterion PRI-03, field naAllowed" from a Zod issue path into the criteria list. */
function describePath(path: PropertyKey[], criteria: unknown): string {
  if (path[0] === 'criteria' && typeof path[1] === 'number') {
    const id =
      (Array.isArray(criteria) ? (criteria[path[1]] as { id?: unknown } | undefined)?.id : undefined) ??
      `#${path[1] + 1}`;
    const field = path.slice(2).join('.');
    return `criterion ${String(id)}${field ? `, field ${field}` : ''}`;
  }
  return `field ${path.join('.') || '(top level)'}`;
}

function loadVersion(folder: string, folderNumber: number, problems: string[]): CriteriaVersion | undefined {
  const rulesFile = join(folder, 'criteria.yaml');
  const shown = relative(process.cwd(), rulesFile);
  const raw = readYaml(rulesFile, problems);
  if (raw === undefined) return undefined;
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) {
    const criteria = (raw as { criteria?: unknown } | null)?.criteria;
    for (const issue of parsed.error.issues)
      problems.push(`${shown}: ${describePath(issue.path, criteria)}: ${issue.message}`);
    return undefined;
  }
  const rules = parsed.data;
  const before = problems.length;
  if (rules.version !== folderNumber)
    problems.push(`${shown}: field version: is ${rules.version}, but the folder says v${folderNumber}`);

  const seen = new Set<string>();
  for (const criterion of rules.criteria) {
    if (seen.has(criterion.id)) problems.push(`${shown}: criterion ${criterion.id}: the id is used twice`);
    seen.add(criterion.id);
    if (!criterion.naAllowed && criterion.notApplicable?.length) {
      problems.push(
        `${shown}: criterion ${criterion.id}, field notApplicable: given although naAllowed is false`,
      );
    }
    if (criterion.dimension === 'openness' && criterion.level === 'required') {
      problems.push(`${shown}: criterion ${criterion.id}, field level: openness is never required`);
    }
  }

  const texts = new Map<string, z.infer<typeof textSchema>>();
  for (const locale of locales) {
    const textFile = join(folder, `text.${locale}.yaml`);
    const textShown = relative(process.cwd(), textFile);
    const rawText = readYaml(textFile, problems);
    if (rawText === undefined) continue;
    const parsedText = textSchema.safeParse(rawText);
    if (!parsedText.success) {
      for (const issue of parsedText.error.issues) {
        const [id, field] = issue.path;
        problems.push(
          `${textShown}: criterion ${String(id)}${field ? `, field ${String(field)}` : ''}: ${issue.message}`,
        );
      }
      continue;
    }
    for (const criterion of rules.criteria) {
      if (!parsedText.data[criterion.id]) problems.push(`${textShown}: criterion ${criterion.id}: no text`);
    }
    for (const id of Object.keys(parsedText.data)) {
      if (!seen.has(id))
        problems.push(`${textShown}: criterion ${id}: text for a criterion that ${shown} does not define`);
    }
    texts.set(locale, parsedText.data);
  }
  const ids = rules.criteria.map((criterion) => criterion.id);
  const reviewerGuidance = loadReviewerGuidance(folder, ids, locales, readYaml, problems);
  const buyerQuestions = loadLabelMap(folder, seen, problems);
  if (problems.length > before || !buyerQuestions) return undefined;

  const criteria: Criterion[] = rules.criteria.map((criterion) => ({
    ...criterion,
    reviewerGuidance: reviewerGuidance?.get(criterion.id),
    notApplicable: criterion.notApplicable ?? [],
    // Every locale's text for every criterion was checked above.
    texts: Object.fromEntries(
      locales.map((locale) => [locale, texts.get(locale)?.[criterion.id]]),
    ) as Criterion['texts'],
  }));
  return {
    version: rules.version,
    publishedOn: rules.publishedOn,
    recommendedShare: rules.decision.recommendedShare,
    criteria,
    buyerQuestions,
  };
}
