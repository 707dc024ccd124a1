/**
 * Rules for uploaded evidence: what kinds of file are accepted and how large they may be.
 * The kind is read from the file's first bytes, never taken from its name or the browser's claim.
 */
export const maximumEvidenceBytes = 10 * 1024 * 1024;

export const evidenceKinds = [
  { contentType: 'application/pdf', extension: 'pdf', signature: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', extension: 'png', signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', extension: 'jpg', signature: [0xff, 0xd8, 0xff] },
  { contentType: 'image/webp', extension: 'webp', signature: [0x52, 0x49, 0x46, 0x46] }, // RIFF…WEBP, checked below
] as const;

export type EvidenceContentType = (typeof evidenceKinds)[number]['contentType'];

export function detectEvidenceType(bytes: Uint8Array): EvidenceContentType | undefined {
  const startsWith = (signature: readonly number[]) =>
    signature.every((byte, index) => bytes[index] === byte);
  for (const kind of evidenceKinds) {
    if (!startsWith(kind.signature)) continue;
    if (kind.contentType === 'image/webp' && String.fromCharCode(...bytes.slice(8, 12)) !== 'WEBP') continue;
    return kind.contentType;
  }
  return undefined;
}

/** A file name safe to show and to offer for download: no paths, no control characters, bounded length. */
export function cleanFileName(name: string, contentType: EvidenceContentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .split('')
    .filter((character) => character.charCodeAt(0) >= 32 && character.charCodeAt(0) !== 127)
    .join('')
    .replace(/["<>|:*?]/g, '')
    .trim()
    .slice(0, 120);
  const extension = evidenceKinds.find((kind) => kind.contentType === contentType)?.extension ?? 'bin';
  if (!base) return `evidence.${extension}`;
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}
