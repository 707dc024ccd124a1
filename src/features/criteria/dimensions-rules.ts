/**
 * The five dimensions of the mark. Openness is not required for certification but counts in a
 * product's favour; the other four are required.
 */
export const dimensions = ['privacy', 'transparency', 'security', 'stability', 'openness'] as const;
export type Dimension = (typeof dimensions)[number];

export function isRequiredDimension(dimension: Dimension): boolean {
  return dimension !== 'openness';
}
