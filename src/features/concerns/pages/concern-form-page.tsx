import type { Context } from 'hono';
import type { CertificationRow } from '../../../platform/db/schema';
import type { CriteriaCatalogue } from '../../criteria';
import type { AppEnv } from '../../../platform/web/env';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import { textOf } from '../../applications';
import {
  BotGuardFields,
  EmailField,
  Field,
  Notice,
  PageHeader,
  PostForm,
  SelectField,
} from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';
import { concernSchema } from '../schemas';

type Ctx = Context<AppEnv>;

export interface ConcernFormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 200 | 409 | 422 | 503;
}

/** The criteria of the certification's version, to name one the concern is about. */
export const criterionOptions = (c: Ctx, criteria: CriteriaCatalogue, row: CertificationRow) =>
  (criteria.versions.get(row.criteria_version)?.criteria ?? []).map((criterion) => ({
    value: criterion.id,
    label: `${criterion.id} ${textOf(criterion, c.get('locale')).title}`,
  }));

export function concernFormPage(
  c: Ctx,
  context: { row: CertificationRow; criteria: CriteriaCatalogue; formToken: string },
  state: ConcernFormState = {},
) {
  const m = c.get('m');
  const locale = c.get('locale');
  const { row } = context;
  const limits = fieldLimits(concernSchema(m));
  return page(
    c,
    { title: m.concerns.title, status: state.status ?? 200, indexable: false },
    <>
      <p>
        <a href={`/${locale}/products/${row.id}`}>← {row.product_name}</a>
      </p>
      <PageHeader title={m.concerns.title} lead={m.concerns.lead(row.product_name)} />
      <PostForm
        action={`/${locale}/products/${row.id}/concern`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.concerns.send}
      >
        <SelectField
          name="criterion"
          label={m.concerns.criterion}
          any={m.concerns.wholeProduct}
          options={criterionOptions(c, context.criteria, row)}
          selected={state.values?.['criterion'] ?? c.req.query('criterion')}
        />
        <Field
          name="message"
          label={m.concerns.message}
          hint={m.concerns.messageHint}
          multiline
          minLength={20}
          maxLength={limits['message']}
          {...state}
        />
        <EmailField label={m.concerns.email} hint={m.concerns.emailHint} {...state} />
        <BotGuardFields m={m} formToken={context.formToken} />
      </PostForm>
    </>,
  );
}

export function concernSentPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.concerns.sentTitle, indexable: false },
    <>
      <PageHeader title={m.concerns.sentTitle} />
      <Notice>{m.concerns.sentBody}</Notice>
    </>,
  );
}

// The mailed link only shows a button: mail scanners that open links must not confirm for the person.
export function confirmConcernPage(c: Ctx, token: string) {
  const m = c.get('m');
  return page(
    c,
    { title: m.concerns.confirmTitle, indexable: false },
    <>
      <PageHeader title={m.concerns.confirmTitle} lead={m.concerns.confirmLead} />
      <form method="post" action={`/${c.get('locale')}/concerns/confirm`} class="form">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="button">
          {m.concerns.confirm}
        </button>
      </form>
    </>,
  );
}

export function concernConfirmedPage(c: Ctx) {
  const m = c.get('m');
  return page(
    c,
    { title: m.concerns.confirmedTitle, indexable: false },
    <>
      <PageHeader title={m.concerns.confirmedTitle} />
      <Notice>{m.concerns.confirmedBody}</Notice>
    </>,
  );
}
