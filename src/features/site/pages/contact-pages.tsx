import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import {
  BotGuardFields,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { contactSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface ContactFormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 422 | 503;
}

/** The contact form; `formToken` is the bot guard's token for this showing of it. */
export function contactPage(c: Ctx, formToken: string, state: ContactFormState = {}) {
  const m = c.get('m');
  const locale = c.get('locale');
  const limits = fieldLimits(contactSchema(m));
  return page(
    c,
    { title: m.contact.title, status: state.status ?? 200 },
    <>
      <PageHeader title={m.contact.title} lead={m.contact.lead} />
      <PostForm
        action={`/${locale}/contact`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.contact.send}
      >
        <Field name="name" label={m.contact.name} autocomplete="name" maxLength={limits['name']} {...state} />
        <EmailField label={m.contact.email} hint={m.contact.emailHint} {...state} />
        <Field name="message" label={m.contact.message} multiline maxLength={limits['message']} {...state} />
        <BotGuardFields m={m} formToken={formToken} />
      </PostForm>
    </>,
  );
}

export function contactSentPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.contact.sentTitle },
    <>
      <PageHeader title={m.contact.sentTitle} />
      <Notice>{m.contact.sentBody}</Notice>
    </>,
  );
}
