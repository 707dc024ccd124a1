import type { Principal } from '../../platform/auth/access';
import { contentChange, notFound, type ContentDependencies, type StoredPicture } from './change';
import { createPartnerRepository, type PartnerFields } from './partners-store';

export type PartnerSaved = { kind: 'saved'; id: string } | { kind: 'not-found' } | { kind: 'conflict' };

export function createPartner(
  deps: ContentDependencies,
  actor: Principal,
  partner: { id: string; fields: PartnerFields },
): Promise<PartnerSaved> {
  return contentChange<PartnerSaved>(deps, actor, async ({ trx, now, record }) => {
    await createPartnerRepository(trx).insert({
      id: partner.id,
      ...partner.fields,
      updated_at: now.toISOString(),
    });
    await record('partner-saved', partner.id, { name: partner.fields.name });
    return { result: { kind: 'saved', id: partner.id } };
  });
}

/** Saves an edited partner unless someone saved it since `seen`. */
export function updatePartner(
  deps: ContentDependencies,
  actor: Principal,
  edit: { id: string; seen: string; fields: PartnerFields },
): Promise<PartnerSaved> {
  return contentChange<PartnerSaved>(deps, actor, async ({ trx, now, record }) => {
    const partners = createPartnerRepository(trx);
    const partner = await partners.find(edit.id);
    if (!partner) return { result: notFound };
    if (!(await partners.update(partner.id, edit.seen, edit.fields, now)))
      return { result: { kind: 'conflict' } };
    await record('partner-saved', partner.id, { name: edit.fields.name });
    return { result: { kind: 'saved', id: partner.id } };
  });
}

export function deletePartner(
  deps: ContentDependencies,
  actor: Principal,
  partnerId: string,
): Promise<{ kind: 'deleted' } | { kind: 'not-found' }> {
  return contentChange<{ kind: 'deleted' }>(deps, actor, async ({ trx, record }) => {
    const partners = createPartnerRepository(trx);
    const partner = await partners.find(partnerId);
    if (!partner || !(await partners.remove(partner.id))) return { result: notFound };
    await record('partner-deleted', partner.id, { name: partner.name });
    return { result: { kind: 'deleted' }, released: [partner.logo_key] };
  });
}

/** Gives a partner its logo (or removes it); the logo it had is let go of. */
export function setPartnerLogo(
  deps: ContentDependencies,
  actor: Principal,
  partnerId: string,
  logo: StoredPicture,
): Promise<{ kind: 'saved' } | { kind: 'not-found' }> {
  return contentChange<{ kind: 'saved' }>(deps, actor, async ({ trx, now, record }) => {
    const partners = createPartnerRepository(trx);
    const partner = await partners.find(partnerId);
    if (!partner) return { result: notFound };
    await partners.setLogo(partner.id, logo, now);
    await record(logo ? 'partner-logo-saved' : 'partner-logo-removed', partner.id);
    return { result: { kind: 'saved' }, released: [partner.logo_key] };
  });
}
