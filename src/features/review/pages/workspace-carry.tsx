import type { Criterion } from '../../criteria/rules';
import type { WorkspaceProps } from './workspace';
import { CriterionItem } from './workspace-criterion';

/**
 * A new round for a reviewer who reviewed the last one: how much is left to do, and the criteria the
 * company changed or answered, first, each with its diff. Everything else keeps its place below with the
 * verdicts carried over.
 */
export function ChangedFirst(props: WorkspaceProps & { criteria: readonly Criterion[] }) {
  const { data, m, criteria } = props;
  if (!data.editable || (data.application.round <= 1 && !data.fromCertified)) return null;
  const { changed, carriedOver, toDecide } = data.counts;
  return (
    <>
      <p class="notice notice-info round-counts">{m.review.roundCounts(changed, carriedOver, toDecide)}</p>
      {criteria.length > 0 ? (
        <section aria-labelledby="review-changed">
          <h2 id="review-changed">
            {data.fromCertified ? m.review.changedSinceCertified : m.review.changedFirst}
          </h2>
          <p class="muted">
            {data.fromCertified ? m.review.changedSinceCertifiedLead : m.review.changedFirstLead}
          </p>
          {criteria.map((criterion) => (
            <CriterionItem {...props} criterion={criterion} />
          ))}
        </section>
      ) : null}
    </>
  );
}
