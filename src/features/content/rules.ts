/**
 * The program's own content as admins edit it: news posts (drafts, scheduled, published) and partner
 * organisations.
 */
export const postStatuses = ['draft', 'published'] as const;
export type PostStatus = (typeof postStatuses)[number];

/** What a reader sees of a post: a draft never, a scheduled post from its time on. */
export type PostVisibility = 'draft' | 'scheduled' | 'published';

export function postVisibility(post: { status: string; published_at: string }, now: Date): PostVisibility {
  if (post.status !== 'published') return 'draft';
  return post.published_at > now.toISOString() ? 'scheduled' : 'published';
}

export const partnerKinds = ['academia', 'policy', 'design', 'civil-society'] as const;
export type PartnerKind = (typeof partnerKinds)[number];
