/**
 * A benchmark's result lines: its figures are the program's output (not logs), written to standard
 * output as plain text so they can be read, copied into a note, or compared between runs.
 */
export function report(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * One goal of the issue that set it, printed as met or not met beside the figure, so a run's output is
 * its own verdict: `goal('badge vs plain server', 0.97, '>=', 0.95)`.
 */
export function goal(
  name: string,
  figure: number,
  comparison: '<' | '>=',
  target: number,
  unit = '',
): boolean {
  const met = comparison === '<' ? figure < target : figure >= target;
  const shown = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(2)}${unit}`;
  report(
    `goal ${met ? 'MET    ' : 'NOT MET'} ${name}: ${shown(figure)} (goal ${comparison} ${shown(target)})`,
  );
  return met;
}
