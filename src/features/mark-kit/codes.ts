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

/** How QR codes are drawn; tests pass their own to watch how many are drawn at once. */
export interface QrDrawers {
  svg: (text: string) => Promise<string>;
  png: (text: string) => Promise<Buffer>;
}

/**
 * QR codes by their text, kept: a code never changes for its address, and drawing the PNG costs far more
 * than serving it (about 0.1–0.4 s of CPU and a 4 MB bitmap), so each is drawn once, however many ask at the
 * same moment. Bounded to `limit` codes of each kind, the oldest dropped first. The registry holds far more
 * certifications than the bound, so a client walking through all their ids misses every time: at most
 * `concurrent` codes are drawn at once and the rest wait their turn, holding no bitmap while they wait.
 */
export function createQrCodeCache(
  limit = 1000,
  drawers: QrDrawers = { svg: qrSvg, png: qrPng },
  concurrent = 2,
) {
  let drawing = 0;
  const waiting: (() => void)[] = [];
  async function inTurn<T>(draw: () => Promise<T>): Promise<T> {
    if (drawing >= concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    else drawing += 1;
    try {
      return await draw();
    } finally {
      // The turn passes straight to the next in line, so the count of those drawing stays as it is.
      const next = waiting.shift();
      if (next) next();
      else drawing -= 1;
    }
  }
  function kept<T>(draw: (text: string) => Promise<T>) {
    const entries = new Map<string, Promise<T>>();
    return (text: string): Promise<T> => {
      let entry = entries.get(text);
      if (!entry) {
        entry = inTurn(() => draw(text));
        // A failed drawing is not kept: the next request tries again.
        entry.catch(() => entries.delete(text));
        entries.set(text, entry);
        if (entries.size > limit) entries.delete(entries.keys().next().value ?? '');
      }
      return entry;
    };
  }
  return { svg: kept(drawers.svg), png: kept(drawers.png) };
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
