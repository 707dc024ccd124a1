import { detectEvidenceType } from './evidence-types';

/**
 * Pictures shown on the site's pages (a product's picture, a news post's image, a partner's logo):
 * images only, their type read from the bytes, and small enough to serve quickly.
 */
export const maximumPictureBytes = 2 * 1024 * 1024;

export type PictureType = 'image/png' | 'image/jpeg' | 'image/webp';

export function detectPictureType(bytes: Uint8Array): PictureType | undefined {
  const type = detectEvidenceType(bytes);
  return type === 'image/png' || type === 'image/jpeg' || type === 'image/webp' ? type : undefined;
}
