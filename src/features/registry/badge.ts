import type { CertificationStatus } from './rules';

/**
 * The mark as an SVG badge: the program's name and the live status in words, with a title for screen
 * readers. Text only, no external fonts or images, so it renders the same everywhere it is embedded.
 */
const colours: Record<CertificationStatus, string> = {
  active: '#1b6e3a',
  suspended: '#9a5b00',
  revoked: '#a3201c',
  expired: '#5c6370',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function badgeLabel(status: CertificationStatus, validUntil: string): string {
  if (status === 'active') return `certified until ${validUntil.slice(0, 7)}`;
  return status;
}

export function renderBadge(status: CertificationStatus, validUntil: string, productName: string): string {
  const label = badgeLabel(status, validUntil);
  const left = 'Trustmark';
  // Roughly 6.5 px per character at 11 px; wide enough for every status text.
  const leftWidth = 74;
  const rightWidth = Math.max(60, Math.round(label.length * 6.6) + 14);
  const width = leftWidth + rightWidth;
  const title = escapeXml(`Trustmark: ${productName} – ${label}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}"><title>${title}</title><rect width="${leftWidth}" height="20" fill="#24324a"/><rect x="${leftWidth}" width="${rightWidth}" height="20" fill="${colours[status]}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="8" y="14">${left}</text><text x="${leftWidth + 7}" y="14">${escapeXml(label)}</text></g></svg>`;
}
