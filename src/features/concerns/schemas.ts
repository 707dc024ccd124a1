import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { email, text } from '../../platform/web/schema-parts';
import { concernDecisions } from './rules';

/** A concern from the public; which criteria exist is checked against the certification's version. */
export const concernSchema = (m: Messages) =>
  z.object({
    criterion: z.string().trim().max(20).default(''),
    message: text(m, 5000).pipe(z.string().min(20, m.concerns.tooShort)),
    email: email(m),
    website: z.string().max(0).optional(),
    formToken: z.string().max(200).default(''),
  });

export const concernDecisionSchema = (m: Messages) =>
  z.object({
    decision: z.enum(concernDecisions, { message: m.validation.choice }),
    note: text(m, 2000),
  });
