import { request } from 'node:http';

/** An answer as it came on the wire: nothing decoded, so bytes and headers can be compared. */
export interface RawAnswer {
  status: number;
  /** Name, value pairs as they came on the wire, without Date. */
  headers: [string, string][];
  body: Buffer;
}

/** A request as a client sends it, read without decoding. */
export function rawRequest(url: string, headers: Record<string, string>, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const pairs: [string, string][] = [];
        for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
          const name = incoming.rawHeaders[index]!.toLowerCase();
          if (name !== 'date') pairs.push([name, incoming.rawHeaders[index + 1]!]);
        }
        resolve({ status: incoming.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The value of a header of a raw answer (names lowercased). */
export const rawHeader = (answer: RawAnswer, name: string) =>
  answer.headers.find(([key]) => key === name)?.[1];
