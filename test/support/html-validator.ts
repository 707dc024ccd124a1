import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { temporaryDirectory } from './database';

/** The Nu Html Checker from the vnu-jar package, run on the machine's Java; it works offline. */
const validatorJar = join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/**
 * The errors the Nu Html Checker finds in the given pages, each as "<name>:<line> <message>" (empty: all
 * valid). Pages are named by a key or a path; one Java start checks them all.
 */
export async function htmlErrors(
  pages: Record<string, string> | readonly [string, string][],
): Promise<string[]> {
  const entries = Array.isArray(pages) ? pages : Object.entries(pages);
  const directory = temporaryDirectory();
  try {
    const files = entries.map(([name, html]) => {
      const file = join(directory.path, `${name.replace(/\W+/g, '_')}.html`);
      writeFileSync(file, html);
      return file;
    });
    const result = await promisify(execFile)('java', [
      '-jar',
      validatorJar,
      '--errors-only',
      '--format',
      'json',
      ...files,
    ]).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
    const report = JSON.parse(result.stderr || '{"messages":[]}') as {
      messages: { type: string; url: string; message: string; lastLine?: number }[];
    };
    return report.messages
      .filter((message) => message.type === 'error')
      .map((message) => `${message.url.split('/').pop()}:${message.lastLine ?? '?'} ${message.message}`);
  } finally {
    directory.remove();
  }
}
