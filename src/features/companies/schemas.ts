import { z } from 'zod';
import type { Messages } from '../../platform/i18n';
import { email, slug, text } from '../../platform/web/schema-parts';
import { companyRoles } from './rules';

export const companySchema = (m: Messages) => z.object({ name: text(m, 100), slug: slug(m, 48) });

export const inviteSchema = (m: Messages) =>
  z.object({ email: email(m), role: z.enum(['member', 'admin'], { message: m.validation.choice }) });

export const memberRoleSchema = (m: Messages) =>
  z.object({ role: z.enum(companyRoles, { message: m.validation.choice }) });

export const transferSchema = (m: Messages) =>
  z.object({ memberId: z.string({ message: m.validation.choice }).min(1, m.validation.choice).max(100) });

/** Closing asks for the company's slug, typed out; whether it matches is the use case's to say. */
export const closeSchema = (m: Messages) =>
  z.object({ confirmSlug: z.string({ message: m.validation.required }).max(48).default('') });
