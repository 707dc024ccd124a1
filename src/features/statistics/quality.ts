import type { CriteriaVersion } from '../criteria/rules';
import { dimensions, type Dimension } from '../criteria/dimensions-rules';
import { verdicts as verdictCategories } from '../review/rules';
import {
  agreementBy,
  lowestAgreement,
  verdictPairs,
  type Agreement,
  type SubmittedVerdict,
} from './agreement-rules';
import { reviewerFigures, type ReviewerFigures, type SubmittedReview } from './reviewer-rules';

/** How many criteria the "lowest agreement" list names. */
export const lowestAgreementListed = 5;

export interface ReviewQuality {
  perDimension: { key: Dimension; agreement: Agreement }[];
  perCriterion: { key: string; agreement: Agreement }[];
  lowest: { key: string; agreement: Agreement }[];
  reviewers: (ReviewerFigures & { name: string })[];
  /** Each criterion's title by locale, as the newest version that defines it words it. */
  titles: ReadonlyMap<string, Record<string, string>>;
}

/**
 * The review-quality figures of the statistics page, from the stored verdicts, reviews and decisions. A
 * criterion belongs to the dimension the newest version that defines it gives it; criteria are listed in
 * the newest version's order, then any that only older versions define.
 */
export function reviewQuality(
  versions: ReadonlyMap<number, CriteriaVersion>,
  data: {
    verdicts: readonly SubmittedVerdict[];
    reviews: readonly (SubmittedReview & { name: string })[];
    decisions: readonly { applicationId: string; round: number; outcome: string }[];
  },
): ReviewQuality {
  const newestFirst = [...versions.values()].sort((a, b) => b.version - a.version);
  const dimensionOf = new Map<string, Dimension>();
  const titles = new Map<string, Record<string, string>>();
  const order: string[] = [];
  for (const version of newestFirst)
    for (const criterion of version.criteria) {
      if (dimensionOf.has(criterion.id)) continue;
      dimensionOf.set(criterion.id, criterion.dimension);
      titles.set(
        criterion.id,
        Object.fromEntries(Object.entries(criterion.texts).map(([locale, text]) => [locale, text.title])),
      );
      order.push(criterion.id);
    }
  const pairs = verdictPairs(data.verdicts);
  const perCriterion = agreementBy(pairs, (id) => id, order, verdictCategories);
  const names = new Map(data.reviews.map((review) => [review.reviewerId, review.name]));
  return {
    perDimension: agreementBy(pairs, (id) => dimensionOf.get(id), dimensions, verdictCategories).map(
      (entry) => ({ key: entry.key as Dimension, agreement: entry.agreement }),
    ),
    perCriterion: perCriterion.filter((entry) => entry.agreement.pairs > 0),
    lowest: lowestAgreement(perCriterion, lowestAgreementListed),
    reviewers: reviewerFigures(data.reviews, data.verdicts, data.decisions)
      .map((figures) => ({ ...figures, name: names.get(figures.reviewerId) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.reviewerId.localeCompare(b.reviewerId)),
    titles,
  };
}
