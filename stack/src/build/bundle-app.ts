import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './bundle-service';
import type { BuildableService } from './services';

function npmRunBuild(workspace: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '-w', workspace], { cwd: repoRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build -w ${workspace} exited with ${code}`)),
    );
  });
}

/**
 * The static app a service serves (the storefront's Vite build), built by its workspace and
 * copied into the bundle at its repository path: the bundled server resolves it from its source's
 * own place (`new URL('../dist', import.meta.url)` in web/server/storefront.ts), which the bundle
 * keeps. Returns the copied directory, relative to `outDir`, or nothing for a service without one.
 */
export async function bundleApp(service: BuildableService, outDir: string): Promise<string | undefined> {
  if (!service.app) return undefined;
  const { workspace, dist } = service.app;
  await npmRunBuild(workspace);
  await cp(join(repoRoot, dist), join(outDir, dist), { recursive: true });
  return `${dist}/`;
}
