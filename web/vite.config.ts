import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

// Vite 7.3 is the Vite vitest 4.0 runs on (one copy); esbuild compiles the JSX, so no
// @vitejs/plugin-react (fast refresh is a dev-server nicety the storefront does not need).
export default defineConfig({
  root: import.meta.dirname,
  esbuild: { jsx: 'automatic' },
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
