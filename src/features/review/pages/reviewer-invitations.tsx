import type { Locale, Messages } from '../../../platform/i18n';
import type { FieldErrors, FormValues } from '../../../platform/web/forms';
import { emailLength } from '../../../platform/web/schema-parts';
import {
  AdminNav,
  Field,
  Notice,
  PageHeader,
  PasswordField,
  PostForm,
  TableRegion,
} from '../../../platform/web/views/components';
import { invitationState } from '../invitation-rules';
import { nameLength } from '../pool-schemas';

export interface FormState {
  errors?: FieldErrors;
  values?: FormValues;
  status?: 409 | 422;
}

interface InvitationRow {
  id: string;
  email: string;
  name: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The admins' page to invite reviewers by mail, with the recent invitations and their state. */
export function ReviewerInvitationsPage(props: {
  m: Messages;
  locale: Locale;
  notice: string | undefined;
  invitations: readonly InvitationRow[];
  state: FormState;
  now: Date;
}) {
  const { m, locale, state } = props;
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <>
      <AdminNav locale={locale} m={m} />
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <PageHeader title={m.reviewerPool.invitations} lead={m.reviewerPool.invitationsLead} />
      <PostForm
        action={`/${locale}/admin/reviewer-invitations`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.reviewerPool.invite}
      >
        <Field
          name="email"
          type="email"
          label={m.reviewerPool.email}
          maxLength={emailLength}
          errors={state.errors}
          values={state.values}
        />
        <Field
          name="name"
          label={m.reviewerPool.name}
          maxLength={nameLength}
          errors={state.errors}
          values={state.values}
        />
      </PostForm>
      <section class="card" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{m.reviewerPool.pending}</h2>
        {props.invitations.length === 0 ? (
          <p class="muted">{m.reviewerPool.noInvitations}</p>
        ) : (
          <TableRegion label={m.reviewerPool.pending}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m.reviewerPool.email}</th>
                  <th scope="col">{m.reviewerPool.name}</th>
                  <th scope="col">{m.reviewerPool.invitedOn}</th>
                  <th scope="col">{m.reviewerPool.expiresOn}</th>
                  <th scope="col">{m.reviewerPool.state}</th>
                </tr>
              </thead>
              <tbody>
                {props.invitations.map((invitation) => (
                  <tr>
                    <th scope="row">{invitation.email}</th>
                    <td>{invitation.name}</td>
                    <td>{day(invitation.created_at)}</td>
                    <td>{day(invitation.expires_at)}</td>
                    <td>{m.reviewerPool.states[invitationState(invitation, props.now)]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </>
  );
}

/** Where an invitee creates their reviewer account: their name and a password; the address is the invited one. */
export function AcceptInvitationPage(props: {
  m: Messages;
  locale: Locale;
  token: string;
  email: string;
  name: string;
  state: FormState;
}) {
  const { m, locale, state } = props;
  return (
    <>
      <PageHeader title={m.reviewerPool.acceptTitle} lead={m.reviewerPool.acceptLead(props.email)} />
      <PostForm
        action={`/${locale}/reviewer-invitations/${props.token}`}
        errorTitle={m.errors.formProblems}
        errors={state.errors}
        submitLabel={m.reviewerPool.create}
      >
        <Field
          name="name"
          label={m.reviewerPool.yourName}
          maxLength={nameLength}
          autocomplete="name"
          errors={state.errors}
          values={state.values ?? { name: props.name }}
        />
        <PasswordField
          label={m.reviewerPool.password}
          hint={m.reviewerPool.passwordHint}
          purpose="new"
          errors={state.errors}
        />
      </PostForm>
    </>
  );
}
