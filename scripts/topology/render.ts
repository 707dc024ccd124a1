import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The deploy/ files are templates with @NAME@ placeholders (README.md, "Running in production"). The topology
 * renders the very same files for its run, so what an operator installs is what the test started.
 */
// Run from the project's folder (npm run, vitest), as the server finds its assets.
export const deployFolder = join(process.cwd(), 'deploy');

export function render(template: string, values: Record<string, string>): string {
  const rendered = template.replace(/@([A-Z][A-Z0-9_]*)@/g, (whole, name: string) => values[name] ?? whole);
  const left = /@([A-Z][A-Z0-9_]*)@/.exec(rendered.replace(/^#.*$/gm, ''));
  if (left) throw new Error(`deploy template still has ${left[0]} after rendering`);
  return rendered;
}

/** Renders deploy/<file> into `target` and returns the text. */
export function renderFile(file: string, target: string, values: Record<string, string>): string {
  const text = render(readFileSync(join(deployFolder, file), 'utf8'), values);
  writeFileSync(target, text, { mode: 0o600 });
  return text;
}

/** KEY=VALUE lines, as systemd's EnvironmentFile= reads them (comments and blank lines skipped). */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1]) environment[match[1]] = (match[2] ?? '').trim().replace(/^"(.*)"$/, '$1');
  }
  return environment;
}

export interface UnitService {
  workingDirectory: string;
  environmentFile: string;
  environment: Record<string, string>;
  command: string[];
}

/** The [Service] lines the topology honours, for instance `instance` (systemd's %i). */
export function parseUnit(text: string, instance: string): UnitService {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const value = (key: string) => {
    const line = lines.find((candidate) => candidate.startsWith(`${key}=`));
    if (!line) throw new Error(`the unit has no ${key}=`);
    return line.slice(key.length + 1).replaceAll('%i', instance);
  };
  const environment: Record<string, string> = {};
  for (const line of lines.filter((candidate) => candidate.startsWith('Environment='))) {
    const [name, ...rest] = line.slice('Environment='.length).split('=');
    if (name) environment[name] = rest.join('=').replaceAll('%i', instance);
  }
  return {
    workingDirectory: value('WorkingDirectory'),
    environmentFile: value('EnvironmentFile'),
    environment,
    command: value('ExecStart').split(/\s+/),
  };
}
