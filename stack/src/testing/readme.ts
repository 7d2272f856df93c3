import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's README, as a newcomer reads it. */
export const README_PATH = fileURLToPath(new URL('../../../README.md', import.meta.url));

export const readme = (): string => readFileSync(README_PATH, 'utf8');

/** The text of the `## title` section, up to the next `## ` heading. */
export function readmeSection(title: string, text = readme()): string {
  const start = text.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README has no "## ${title}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

/** The fenced code blocks of `text` in `language` (```graphql, ```ts, …), in order. */
export function codeBlocks(text: string, language: string): string[] {
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm');
  return [...text.matchAll(fence)].map((match) => match[1] ?? '');
}

/** Every variable the first column of the "Configuration" table names (`A` / `B` counts both). */
export function configurationTableVariables(text = readme()): Set<string> {
  const rows = readmeSection('Configuration', text)
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line));
  const names = rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
  return new Set(names);
}

/** Every link target of the README: `[text](target)`. */
export const linkTargets = (text = readme()): string[] =>
  [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
