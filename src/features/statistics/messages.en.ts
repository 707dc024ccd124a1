/** Words of the admins' statistics page. */
export const statisticsEn = {
  title: 'Statistics',
  lead: 'How the program is doing: applications, review times and certifications. Counted live from the database.',
  applications: 'Applications by status',
  status: 'Status',
  count: 'Number',
  times: 'Review times',
  certifications: 'Current certifications by category',
  category: 'Category',
  dimensions: 'Current certifications that fulfil every criterion of a dimension',
  dimension: 'Dimension',
  overTime: 'Over the last twelve months',
  month: 'Month',
  submitted: 'Applications submitted',
  issued: 'Certifications issued',
  quality: 'Review quality',
  qualityLead:
    'How alike the reviewers of the same round judge. Every two reviewers who both gave a verdict on a criterion in the same round make one pair. “Identical” is the share of pairs with the same verdict; Cohen’s kappa discounts the agreement chance alone would give (1: always alike, 0: no better than chance, below 0: worse). “—” means it cannot be computed: nothing to compare yet, or every verdict was the same, so chance explains it all.',
  byDimension: 'Agreement by dimension',
  byCriterion: 'Agreement by criterion',
  lowest: 'Criteria with the lowest agreement: candidates for clearer guidance',
  criterion: 'Criterion',
  pairs: 'Pairs compared',
  identical: 'Identical verdicts',
  kappa: 'Cohen’s kappa',
  noPairs: 'No two reviewers have judged the same criterion in the same round yet.',
  reviewers: 'Reviewers',
  reviewer: 'Reviewer',
  reviewsDone: 'Reviews submitted',
  medianTime: 'Median time to review',
  overturned: 'Verdicts overturned',
  noReviews: 'No review has been submitted yet.',
  timeDefinition:
    'Time to review runs from the later of the reviewer’s assignment and the start of the round to the submitted review.',
  overturnedDefinition:
    'A verdict counts as overturned when the decision of its round went against it: the reviewer found a criterion “not met” or “needs clarification” and the application was certified in that round, or accepted a criterion another reviewer of the round found “not met” and the round ended “not certified”. The share is of the reviewer’s verdicts in rounds that ended certified or not certified (a request for changes settles no single verdict).',
  hours: (hours: string) => `${hours} h`,
  overturnedOf: (overturned: number, verdicts: number, share: string) =>
    `${share} (${overturned} of ${verdicts})`,
};

export type StatisticsMessages = typeof statisticsEn;
