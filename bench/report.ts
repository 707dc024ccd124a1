/**
 * A benchmark's result lines: its figures are the program's output (not logs), written to standard
 * output as plain text so they can be read, copied into a note, or compared between runs.
 */
export function report(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
