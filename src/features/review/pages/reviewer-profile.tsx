import type { Locale, Messages } from '../../../platform/i18n';
import { fieldLimits, type FieldErrors, type FormValues } from '../../../platform/web/forms';
import { ButtonForm, Field, Notice, PageHeader, PostForm } from '../../../platform/web/views/components';
import type { PoolMember } from '../reviewers-store';
import { conflictSchema, numberFieldLimits } from '../schemas';
import { ExpertiseSection } from './reviewer-expertise';

export interface ProfileState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 422;
}

interface ProfileProps {
  m: Messages;
  locale: Locale;
  notice: string | undefined;
  member: PoolMember | undefined;
  companies: readonly { id: string; name: string }[];
  state: ProfileState;
}

/** A reviewer's profile: how much they take on, and the conflicts of interest they declared. */
export function ReviewerProfilePage(props: ProfileProps) {
  const { m, locale, member, state } = props;
  return (
    <>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <PageHeader title={m.review.profile} lead={m.review.profileLead} />
      {member ? (
        <PostForm
          action={`/${locale}/review/profile`}
          errorTitle={m.errors.formProblems}
          errors={state.errors}
          submitLabel={m.review.saveProfile}
        >
          <Field
            name="capacity"
            label={m.review.capacity}
            hint={m.review.capacityHint}
            maxLength={numberFieldLimits.capacity}
            values={state.values ?? { capacity: String(member.capacity) }}
            errors={state.errors}
          />
          <div class="field">
            <label class="choice">
              <input type="checkbox" name="available" checked={member.available} /> {m.review.available}
            </label>
          </div>
        </PostForm>
      ) : (
        <p>{m.review.notInPool}</p>
      )}
      <ExpertiseSection m={m} locale={locale} member={member} />
      <ConflictsSection {...props} />
    </>
  );
}

function ConflictsSection({ m, locale, member, companies }: ProfileProps) {
  return (
    <section class="card" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{m.review.conflicts}</h2>
      <p>{m.review.conflictsLead}</p>
      {member && member.conflicts.length > 0 ? (
        <ul class="plain-list">
          {member.conflicts.map((conflict) => (
            <li>
              {conflict.companyName}
              {conflict.reason ? <span class="muted"> – {conflict.reason}</span> : null}{' '}
              <ButtonForm
                action={`/${locale}/review/conflicts/${conflict.companyId}/remove`}
                label={m.review.withdrawConflict}
                look="link"
                subject={conflict.companyName}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{m.review.noConflicts}</p>
      )}
      <PostForm
        action={`/${locale}/review/conflicts`}
        errorTitle={m.errors.formProblems}
        submitLabel={m.review.declareConflict}
        liveValidation={false}
      >
        <div class="field">
          <label for="companyId">{m.review.company}</label>
          <select id="companyId" name="companyId">
            {companies.map((company) => (
              <option value={company.id}>{company.name}</option>
            ))}
          </select>
        </div>
        <Field
          name="reason"
          label={m.review.conflictReason}
          required={false}
          maxLength={fieldLimits(conflictSchema(m))['reason']}
        />
      </PostForm>
    </section>
  );
}
