import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { text, webAddress } from '../../platform/web/schema-parts';
import { parseModelNumbers, productCategories, supportPeriodRunning } from './rules';

export const productSchema = (m: Messages, today: Date) =>
  z.object({
    name: text(m, 120),
    category: z.enum(productCategories, { message: m.validation.choice }),
    modelNumbers: z
      .string({ message: m.validation.required })
      .max(2000, m.validation.tooLong(2000))
      .transform(parseModelNumbers)
      .pipe(
        z
          .array(z.string().max(60, m.validation.tooLong(60)))
          .min(1, m.validation.required)
          .max(50, m.validation.tooLong(50)),
      ),
    webPageUrl: webAddress(m),
    description: text(m, 2000),
    firmwareVersion: text(m, 60),
    supportEndDate: z
      .string({ message: m.validation.required })
      .trim()
      .pipe(z.iso.date({ message: m.validation.date }))
      .refine((date) => supportPeriodRunning(date, today), m.validation.dateInPast),
    revision: z.coerce
      .number({ message: m.validation.stale })
      .int(m.validation.stale)
      .min(0, m.validation.stale)
      .optional(),
  });
