import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { email, text } from '../../platform/web/schema-parts';

export const contactSchema = (m: Messages) =>
  z.object({
    name: text(m, 100),
    email: email(m),
    message: text(m, 5000),
    website: z.string().max(0).optional(),
    formToken: z.string().max(200).default(''),
  });
