/** What a company tells about a product it applies for. */
export const productCategories = [
  'smart-home',
  'security-camera',
  'voice-assistant',
  'wearable',
  'health',
  'toy',
  'audio-video',
  'appliance',
  'networking',
  'mobility',
  'other',
] as const;
export type ProductCategory = (typeof productCategories)[number];

/** Model numbers are entered one per line; blanks and repeats are dropped. */
export function parseModelNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const model = line.trim();
    if (model) seen.add(model);
  }
  return [...seen];
}

/** A security support period must still be running for a product to apply or be certified. */
export function supportPeriodRunning(supportEndDate: string, today: Date): boolean {
  return supportEndDate >= today.toISOString().slice(0, 10);
}
