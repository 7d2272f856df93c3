// `npm start`'s prestart: builds the storefront unless dist/ is newer than everything it is
// built from, so only the first start (or one after a change) pays for the build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
// src/generated is rewritten by every `npm run generate`: what it derives from is listed instead
const SOURCES = [
  'src',
  'index.html',
  'explorer.html',
  'vite.config.ts',
  'package.json',
  '../package-lock.json',
  '../supergraph.graphql',
];

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  const entries = readdirSync(path).filter((entry) => entry !== 'generated');
  return Math.max(0, ...entries.map((entry) => newest(join(path, entry))));
}

const built = statSync(join(web, 'dist/index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built > Math.max(...SOURCES.map((source) => newest(join(web, source))))) {
  console.log('Storefront build is up to date (web/dist)');
} else {
  const { status } = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit', cwd: join(web, '..') });
  process.exit(status ?? 1);
}
