import { summariseDurations, type DurationSummary } from '../../statistics/rules';
import type { Messages } from '../../../platform/i18n';
import { TableRegion } from '../../../platform/web/views/components';

/** When an application's review began and ended, as the review repository reports it. */
export interface ReviewTiming {
  submittedAt: string;
  firstReviewAt: string | null;
  decidedAt: string | null;
}

function hours(m: Messages, value: number | undefined): string {
  return value === undefined ? '–' : m.reviewAdmin.hours(Math.round(value * 10) / 10);
}

function DurationRow({ label, summary, m }: { label: string; summary: DurationSummary; m: Messages }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{summary.count}</td>
      <td>{hours(m, summary.medianHours)}</td>
      <td>{hours(m, summary.p90Hours)}</td>
    </tr>
  );
}

/** Submission to first review and to decision: how many, the median and the 90th percentile. */
export function ReviewTimes({
  timings,
  m,
  caption,
}: {
  timings: readonly ReviewTiming[];
  m: Messages;
  caption?: string;
}) {
  const firstReview = summariseDurations(
    timings.flatMap((timing) =>
      timing.firstReviewAt ? [{ from: timing.submittedAt, to: timing.firstReviewAt }] : [],
    ),
  );
  const toDecision = summariseDurations(
    timings.flatMap((timing) =>
      timing.decidedAt ? [{ from: timing.submittedAt, to: timing.decidedAt }] : [],
    ),
  );
  return (
    <TableRegion label={caption ?? m.reviewAdmin.figures}>
      <table class="table">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{m.reviewAdmin.measure}</th>
            <th scope="col">{m.reviewAdmin.count}</th>
            <th scope="col">{m.reviewAdmin.median}</th>
            <th scope="col">{m.reviewAdmin.p90}</th>
          </tr>
        </thead>
        <tbody>
          <DurationRow label={m.reviewAdmin.timeToFirstReview} summary={firstReview} m={m} />
          <DurationRow label={m.reviewAdmin.timeToDecision} summary={toDecision} m={m} />
        </tbody>
      </table>
    </TableRegion>
  );
}
