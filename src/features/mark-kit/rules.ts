/**
 * The mark kit's pure rules: the badge variants a company can embed, and the per-dimension summary the
 * full badge shows. No framework.
 */
import { dimensions, type Dimension } from '../criteria/dimensions-rules';
import type { CriteriaVersion } from '../criteria/rules';

export const badgeStyles = ['compact', 'full'] as const;
export const badgeThemes = ['light', 'dark'] as const;
export const badgeLanguages = ['en', 'de'] as const;
export type BadgeStyle = (typeof badgeStyles)[number];
export type BadgeTheme = (typeof badgeThemes)[number];
export type BadgeLanguage = (typeof badgeLanguages)[number];

export interface BadgeVariant {
  style: BadgeStyle;
  theme: BadgeTheme;
  language: BadgeLanguage;
}

/** The badge at /badge/{id}.svg, as it always was. */
export const defaultVariant: BadgeVariant = { style: 'compact', theme: 'light', language: 'en' };

/** Every variant, in the order the kit lists them. */
export const badgeVariants: readonly BadgeVariant[] = badgeStyles.flatMap((style) =>
  badgeThemes.flatMap((theme) => badgeLanguages.map((language) => ({ style, theme, language }))),
);

/** A variant's name in its address: /badge/{id}/{style}-{theme}-{language}.svg. */
export const variantName = (variant: BadgeVariant) => `${variant.style}-${variant.theme}-${variant.language}`;

const variantsByName = new Map(badgeVariants.map((variant) => [variantName(variant), variant]));

/** The variant a name stands for; anything else (a typo, a hostile string) names none. */
export function parseVariant(name: string): BadgeVariant | undefined {
  return variantsByName.get(name);
}

/** The badge's address below /badge/: the plain id for the default variant, else id/variant. */
export function badgeKey(certificationId: string, variant: BadgeVariant): string {
  const name = variantName(variant);
  return name === variantName(defaultVariant) ? certificationId : `${certificationId}/${name}`;
}

/** Every key a certification's badges are kept under (all are dropped when its status changes). */
export function badgeKeysOf(certificationId: string): string[] {
  return [certificationId, ...badgeVariants.slice(1).map((variant) => badgeKey(certificationId, variant))];
}

export interface DimensionSummary {
  dimension: Dimension;
  /** Criteria of the dimension answered "met" or justified "not applicable". */
  fulfilled: number;
  total: number;
}

/** How many of each dimension's criteria the published answers fulfil, in the criteria version's terms. */
export function dimensionSummary(
  version: Pick<CriteriaVersion, 'criteria'> | undefined,
  answers: readonly { criterionId: string; status: string | null }[],
): DimensionSummary[] {
  if (!version) return [];
  const statusOf = new Map(answers.map((answer) => [answer.criterionId, answer.status]));
  return dimensions.map((dimension) => {
    const criteria = version.criteria.filter((criterion) => criterion.dimension === dimension);
    const fulfilled = criteria.filter((criterion) => {
      const status = statusOf.get(criterion.id);
      return status === 'met' || status === 'not-applicable';
    }).length;
    return { dimension, fulfilled, total: criteria.length };
  });
}

/**
 * The kit (badges, codes, the packaging label, the credential) is offered while the mark is live, as the
 * company's other pages offer the badge code: a suspended, expired or revoked mark is not to be printed.
 */
export function offersMarkKit(liveStatus: string): boolean {
  return liveStatus === 'active';
}
