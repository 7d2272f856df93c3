import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

// Vite 7.3 is the Vite vitest 4.0 runs on (one copy); esbuild compiles the JSX, so no
// @vitejs/plugin-react (fast refresh is a dev-server nicety the storefront does not need).
export default defineConfig({
  root: import.meta.dirname,
  // jsxDev off: a build under NODE_ENV=test (vitest) must still call React's production runtime
  esbuild: { jsx: 'automatic', jsxDev: false },
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [precompress()],
  // GraphiQL's Monaco workers are split into chunks, which only ES module workers allow
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // the explorer (GraphiQL and its Monaco editor) is a page of its own: the storefront never loads it
    rollupOptions: {
      // framer-motion (GraphiQL's) marks its modules "use client", which means nothing in a bundle
      onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)),
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        explorer: resolve(import.meta.dirname, 'explorer.html'),
      },
    },
    chunkSizeWarningLimit: 4_000,
    // precompress() writes the real .br/.gz files; Vite's own gzip estimate would be a second pass
    reportCompressedSize: false,
  },
});
