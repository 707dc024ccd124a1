import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/web/env';
import { ButtonForm, PageHeader } from '../../../platform/web/views/components';
import { page } from '../../../platform/web/views/layout';

/** What the invitee sees: who invites them into which company, in which role, and the two answers. */
export function invitationPage(
  c: Context<AppEnv>,
  invitation: { id: string; role: string; organizationName: string; inviterEmail: string },
) {
  const m = c.get('m');
  const base = `/${c.get('locale')}/invitations/${invitation.id}`;
  const role = m.company.roles[invitation.role] ?? invitation.role;
  const title = m.company.invitationTitle(invitation.organizationName);
  return page(
    c,
    { title, indexable: false },
    <>
      <PageHeader
        title={title}
        lead={m.company.invitationLead(invitation.inviterEmail, invitation.organizationName, role)}
      />
      <div class="actions">
        <ButtonForm action={`${base}/accept`} label={m.company.accept} />
        <ButtonForm action={`${base}/decline`} label={m.company.decline} look="secondary" />
      </div>
    </>,
  );
}
