// `npm run generate`: Prisma clients for every subgraph, offline (engineType "client").
// Runs before start, test and type-check, so a fresh clone never needs a postinstall step.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const prisma = `${root}node_modules/.bin/prisma`;
const schemas = readdirSync(`${root}prisma`, { withFileTypes: true }).filter((e) => e.isDirectory());

const generate = (name) =>
  new Promise((resolve, reject) => {
    const child = spawn(prisma, ['generate', '--schema', 'schema.prisma'], {
      cwd: `${root}prisma/${name}`,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma generate (${name}) failed:\n${output}`)),
    );
  });

try {
  await Promise.all(schemas.map((entry) => generate(entry.name)));
  console.log(`Prisma clients generated: ${schemas.map((e) => e.name).join(', ')}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
