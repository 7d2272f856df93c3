import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildableService } from './services';

/** The variable prefix of a service: `users` → `USERS` (USERS_HOST, USERS_PORT). */
export const variablePrefix = (name: string): string => name.toUpperCase().replaceAll('-', '_');

/**
 * Two small files beside a service's bundle, so that one Dockerfile serves every service:
 * - `service.env`, read with `node --env-file`: in a container the service listens on every
 *   interface, on its usual port. Variables the orchestrator sets take precedence over it.
 * - `health.mjs`: the image's HEALTHCHECK, asking the service's own `/health` on whatever port
 *   it was told to listen on.
 */
export async function writeContainerFiles(service: BuildableService, outDir: string): Promise<void> {
  const prefix = variablePrefix(service.name);
  const env = `# defaults of the ${service.name} container; its environment overrides them\n${prefix}_HOST=0.0.0.0\n${prefix}_PORT=${service.port}\n`;
  const health = [
    `// docker HEALTHCHECK of ${service.name}: exit 0 when its /health answers 2xx within 2 s`,
    `const port = process.env.${prefix}_PORT || '${service.port}';`,
    'fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) }).then(',
    '  (response) => process.exit(response.ok ? 0 : 1),',
    '  () => process.exit(1),',
    ');',
    '',
  ].join('\n');
  await writeFile(join(outDir, 'service.env'), env);
  await writeFile(join(outDir, 'health.mjs'), health);
}
