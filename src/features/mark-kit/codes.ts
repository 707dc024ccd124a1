import QRCode from 'qrcode';

/**
 * The language-neutral address printed and embedded everywhere (QR codes, badges, credentials, labels):
 * it redirects to the product's page in the visitor's language.
 */
export const shortLink = (baseUrl: string, certificationId: string) => `${baseUrl}/p/${certificationId}`;

/** Error correction M: survives some dirt and wear on a box, keeps the code small enough to print at 20 mm. */
const options = { errorCorrectionLevel: 'M', margin: 1 } as const;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...options, type: 'svg' });
}

/** 1,024 pixels square: sharp in print up to about 8 cm at 300 dpi. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...options, type: 'png', width: 1024 });
}

/** The dark modules of a QR code as one SVG path in module units, for drawing it inside another SVG. */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: options.errorCorrectionLevel });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let column = 0; column < modules.size; column++)
      if (modules.get(row, column)) parts.push(`M${column} ${row}h1v1h-1z`);
  return { size: modules.size, path: parts.join('') };
}
