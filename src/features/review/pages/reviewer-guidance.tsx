import type { Criterion } from '../../criteria/rules';
import type { Messages } from '../../../platform/i18n';

/** The criteria version's "what to look for" beside a criterion in the workspace; nothing where it has none. */
export function ReviewerGuidance({
  criterion,
  m,
  locale,
}: {
  criterion: Criterion;
  m: Messages;
  locale: string;
}) {
  const guidance = criterion.reviewerGuidance?.[locale];
  if (!guidance) return null;
  return (
    <div class="notice notice-info reviewer-guidance" data-testid={`guidance-${criterion.id}`}>
      <strong>{m.reviewerPool.whatToLookFor}:</strong> {guidance}
    </div>
  );
}
