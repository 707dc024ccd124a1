import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { buyerQuestions, type BuyerQuestionMap } from './label-rules';

/**
 * Reads a version's label.yaml: which of its criteria answer each of the four buyer questions on the
 * consumer label. Kept beside the version's criteria, so a new version remaps its own; every question
 * must be mapped to criteria the version defines, each criterion once per question.
 */
const labelSchema = z.strictObject({
  questions: z.strictObject(
    Object.fromEntries(
      buyerQuestions.map((question) => [
        question,
        z.array(z.string().regex(/^[A-Z]{3}-\d{2}$/, 'must look like PRI-01')).min(1, 'maps no criterion'),
      ]),
    ) as Record<(typeof buyerQuestions)[number], z.ZodArray<z.ZodString>>,
  ),
});

export function loadLabelMap(
  folder: string,
  criterionIds: ReadonlySet<string>,
  problems: string[],
): BuyerQuestionMap | undefined {
  const file = join(folder, 'label.yaml');
  const shown = relative(process.cwd(), file);
  if (!existsSync(file)) {
    problems.push(`${shown}: missing (the consumer label's questions must be mapped for every version)`);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${shown}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
  const parsed = labelSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${shown}: field ${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  const before = problems.length;
  for (const question of buyerQuestions) {
    const ids = parsed.data.questions[question];
    for (const id of ids) {
      if (!criterionIds.has(id))
        problems.push(`${shown}: question ${question}: criterion ${id} is not defined in this version`);
    }
    if (new Set(ids).size !== ids.length)
      problems.push(`${shown}: question ${question}: a criterion is listed twice`);
  }
  return problems.length > before ? undefined : parsed.data.questions;
}
