import { qrPath } from './codes';

/** The packaging label's size in millimetres: A8 landscape width, low enough for a box's side. */
export const labelSize = { width: 74, height: 40 } as const;

export interface LabelFacts {
  productName: string;
  shortLink: string;
  /** The status line ("certified until 2027-11", or why not). */
  statusLine: string;
  /** "Security updates until 31 Dec 2029" or "Security updates ended". */
  supportLine: string;
  scanLine: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Text at `size` mm that must not run past `room` mm: squeezed to fit (textLength) only when a rough
 * estimate of its width (0.6 em a character) says it would, so short text keeps its natural spacing.
 */
function fittedText(x: number, y: number, size: number, room: number, text: string, extra = ''): string {
  const fit = text.length * size * 0.6 > room ? ` textLength="${room}" lengthAdjust="spacingAndGlyphs"` : '';
  return `<text x="${x}" y="${y}" font-size="${size}"${fit}${extra}>${escapeXml(text)}</text>`;
}

/**
 * A print-ready label (SVG in millimetres, 74 × 40 mm): the QR code (22 mm, opening the short link), the
 * mark, its status, the security support date and the short link in full. Black on white, no fonts or
 * images from elsewhere, so any print shop reproduces it as sent.
 */
export function renderLabel(facts: LabelFacts): string {
  const { width, height } = labelSize;
  const qr = qrPath(facts.shortLink);
  const qrMm = 22;
  // The code plus one module of quiet zone on each side is drawn at qrMm.
  const scale = qrMm / (qr.size + 2);
  const font = 'font-family="DejaVu Sans,Verdana,Arial,sans-serif"';
  const textX = 4 + qrMm + 3;
  const room = width - textX - 3;
  const title = escapeXml(`Trustmark: ${facts.productName}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect x="0.25" y="0.25" width="${width - 0.5}" height="${height - 0.5}" rx="2" fill="#fff" stroke="#000" stroke-width="0.5"/>`,
    `<g transform="translate(4 4) scale(${scale.toFixed(5)})"><rect width="${qr.size + 2}" height="${qr.size + 2}" fill="#fff"/><path transform="translate(1 1)" d="${qr.path}" fill="#000"/></g>`,
    `<g ${font} fill="#000">`,
    fittedText(textX, 10, 6, room, 'Trustmark', ' font-weight="bold"'),
    fittedText(textX, 15.5, 2.8, room, facts.statusLine),
    fittedText(textX, 21, 2.8, room, facts.supportLine, ' font-weight="bold"'),
    fittedText(textX, 26, 2.4, room, facts.scanLine),
    fittedText(
      4,
      34.5,
      2.6,
      width - 8,
      facts.shortLink,
      ' font-family="DejaVu Sans Mono,Menlo,Consolas,monospace"',
    ),
    `</g></svg>`,
  ].join('');
}
