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
};

export type StatisticsMessages = typeof statisticsEn;
