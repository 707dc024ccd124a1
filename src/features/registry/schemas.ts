import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { productCategories } from '../products/rules';
import { certificationStatuses, registrySorts } from './rules';

/** How much of a search the form takes: longer text finds nothing a shorter one would not. */
export const searchTextLength = 200;

/**
 * The orders the search form offers. "relevance" orders by name as well, so listing it beside "name"
 * showed one choice twice; the API still accepts it, and a page link naming it reads as name order.
 */
export const pageSorts = registrySorts.filter((sort) => sort !== 'relevance');

/** The registry's search form, read from the URL; anything unknown is ignored rather than refused. */
export const registrySearchSchema = z.object({
  q: z.string().trim().max(searchTextLength).catch(''),
  category: z.enum(productCategories).optional().catch(undefined),
  company: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(certificationStatuses).optional().catch(undefined),
  /** At least this openness level (1–3; label-rules.ts). */
  openness: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  /** Security updates at least until the end of this year. */
  updatesUntil: z.coerce.number().int().min(2000).max(2200).optional().catch(undefined),
  sort: z.enum(pageSorts).catch('name'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type RegistrySearch = z.infer<typeof registrySearchSchema>;

/** An admin's suspension, reinstatement or revocation, with its public reason. */
export const statusChangeSchema = (m: Messages) =>
  z.object({
    action: z.enum(['suspend', 'reinstate', 'revoke'], { message: m.validation.choice }),
    reason: z
      .string({ message: m.validation.required })
      .trim()
      .min(1, m.registryAdmin.reasonNeeded)
      .max(1000, m.validation.tooLong(1000)),
  });
