import type { CertificationStatus } from './rules';
import type { Dimension } from '../criteria/dimensions-rules';
import type { BadgeVariant, DimensionSummary } from '../mark-kit/rules';

/**
 * The mark as an SVG badge: the program's name and the live status in words, with a title for screen
 * readers. Text only, no external fonts or images, so it renders the same everywhere it is embedded.
 * Variants (mark-kit/rules.ts): compact or full (with the five dimensions), for light or dark
 * backgrounds, in English or German.
 */
const colours: Record<CertificationStatus, string> = {
  active: '#1b6e3a',
  suspended: '#9a5b00',
  revoked: '#a3201c',
  expired: '#5c6370',
};

/** The words on a badge, in its language (from the mark kit's messages). */
export interface BadgeWords {
  certifiedUntil: (month: string) => string;
  statuses: Record<CertificationStatus, string>;
  updatesEnded: string;
  dimensions: Record<Dimension, string>;
}

export interface BadgeFacts {
  status: CertificationStatus;
  validUntil: string;
  supportEndDate: string;
  productName: string;
  /** Whether the promised security support has ended (security-notices/rules.ts). */
  updatesEnded: boolean;
  dimensions: readonly DimensionSummary[];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The status in words. Once the support period is over a live or expired mark says "security updates
 * ended" instead (the mark's own status still follows the validity rules); suspended and revoked say so.
 */
export function badgeLabel(
  facts: Pick<BadgeFacts, 'status' | 'validUntil' | 'updatesEnded'>,
  words: BadgeWords,
): string {
  if (facts.status === 'suspended' || facts.status === 'revoked') return words.statuses[facts.status];
  if (facts.updatesEnded) return words.updatesEnded;
  if (facts.status === 'active') return words.certifiedUntil(facts.validUntil.slice(0, 7));
  return words.statuses[facts.status];
}

const themes = {
  light: { left: '#24324a', leftText: '#fff', panel: '#fff', panelText: '#24324a', border: '#24324a' },
  dark: { left: '#e8edf5', leftText: '#14213a', panel: '#14213a', panelText: '#fff', border: '#e8edf5' },
} as const;

export function renderBadge(facts: BadgeFacts, variant: BadgeVariant, words: BadgeWords): string {
  const label = badgeLabel(facts, words);
  const theme = themes[variant.theme];
  const left = 'Trustmark';
  // Roughly 6.5 px per character at 11 px; wide enough for every status text.
  const leftWidth = 74;
  const rightWidth = Math.max(60, Math.round(label.length * 6.6) + 14);
  const title = escapeXml(`Trustmark: ${facts.productName} – ${label}`);
  const full = variant.style === 'full' && facts.dimensions.length > 0;
  const width = full ? Math.max(leftWidth + rightWidth, 220) : leftWidth + rightWidth;
  const height = full ? 20 + facts.dimensions.length * 16 + 6 : 20;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${title}"><title>${title}</title>`;
  const strip = `<rect width="${leftWidth}" height="20" fill="${theme.left}"/><rect x="${leftWidth}" width="${width - leftWidth}" height="20" fill="${colours[facts.status]}"/><g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="8" y="14" fill="${theme.leftText}">${left}</text><text x="${leftWidth + 7}" y="14" fill="#fff">${escapeXml(label)}</text></g>`;
  if (!full) return `${head}${strip}</svg>`;
  const rows = facts.dimensions
    .map(
      (row, index) =>
        `<text x="8" y="${34 + index * 16}">${escapeXml(words.dimensions[row.dimension])}</text><text x="${width - 8}" y="${34 + index * 16}" text-anchor="end">${row.fulfilled}/${row.total}</text>`,
    )
    .join('');
  const panel = `<rect y="20" width="${width}" height="${height - 20}" fill="${theme.panel}" stroke="${theme.border}"/><g fill="${theme.panelText}" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">${rows}</g>`;
  return `${head}${panel}${strip}</svg>`;
}
