/**
 * The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin, the tree size in
 * decimal and the root hash in base64, one per line. It is signed as a note (see note.ts).
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export function checkpointText({ origin, size, root }: Checkpoint): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const [origin, size, root] = text.split('\n');
  if (!origin || !size || !/^(0|[1-9][0-9]*)$/.test(size) || !root) throw new Error('malformed checkpoint');
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== 32 || hash.toString('base64') !== root) throw new Error('malformed checkpoint root');
  return { origin, size: Number(size), root: hash };
}
