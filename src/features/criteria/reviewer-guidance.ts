import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { Locale } from '../../platform/i18n';

/**
 * Reviewer guidance ("what to look for") per criterion, kept in its own file per locale beside a
 * version's criteria (reviewer-guidance.<locale>.yaml), so the rules and the applicants' texts stay as
 * published. A version may have none (guidance came after version 1 was written, and a version folder
 * made before it is still valid); once one locale has a file, every locale must, each covering exactly
 * the version's criteria.
 */
const guidanceSchema = z.record(z.string(), z.string().trim().min(1).max(1000));

export const guidanceFileName = (locale: Locale) => `reviewer-guidance.${locale}.yaml`;

export function loadReviewerGuidance(
  folder: string,
  criterionIds: readonly string[],
  locales: readonly Locale[],
  readYaml: (path: string, problems: string[]) => unknown,
  problems: string[],
): Map<string, Record<Locale, string>> | undefined {
  const files = locales.map((locale) => ({ locale, path: join(folder, guidanceFileName(locale)) }));
  if (!files.some((file) => existsSync(file.path))) return undefined;
  const byLocale = new Map<Locale, Record<string, string>>();
  for (const { locale, path } of files) {
    const shown = relative(process.cwd(), path);
    if (!existsSync(path)) {
      problems.push(`${shown}: missing, though another language has reviewer guidance`);
      continue;
    }
    const raw = readYaml(path, problems);
    if (raw === undefined) continue;
    const parsed = guidanceSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${shown}: criterion ${String(issue.path[0] ?? '(top level)')}: ${issue.message}`);
      continue;
    }
    for (const id of criterionIds)
      if (!parsed.data[id]) problems.push(`${shown}: criterion ${id}: no reviewer guidance`);
    for (const id of Object.keys(parsed.data))
      if (!criterionIds.includes(id))
        problems.push(`${shown}: criterion ${id}: guidance for a criterion the version does not define`);
    byLocale.set(locale, parsed.data);
  }
  return new Map(
    criterionIds.map((id) => [
      id,
      Object.fromEntries(locales.map((locale) => [locale, byLocale.get(locale)?.[id] ?? ''])) as Record<
        Locale,
        string
      >,
    ]),
  );
}
