import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions, Plugin } from 'esbuild';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Node 22 is the oldest runtime the images and `engines` support (decision 0035). */
const TARGET = 'node22';

/**
 * Optional native add-ons the bundled libraries try to `require` and fall back from when they
 * are absent (pg → pg-native, ws → bufferutil/utf-8-validate): left out, never installed.
 */
const OPTIONAL_NATIVE = ['pg-native', 'bufferutil', 'utf-8-validate'];

/**
 * Packages with a native binary, which a bundle cannot hold: left external, and the files they
 * need copied beside the bundle (`node_modules/<name>/`) with the binaries of the images'
 * platforms only (Debian on x64 and arm64). koffi calls glibc's malloc_trim (decision 0062).
 */
const SHIPPED_NATIVE: Readonly<Record<string, readonly string[]>> = {
  koffi: [
    'package.json',
    'index.js',
    'LICENSE.txt',
    'build/koffi/linux_x64/koffi.node',
    'build/koffi/linux_arm64/koffi.node',
  ],
};

// The bundle is ESM; CommonJS dependencies inside it still call require() for Node built-ins.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);";

/** How every bundle of the images is built: ESM for Node, every dependency inside. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: TARGET,
  external: [...OPTIONAL_NATIVE, ...Object.keys(SHIPPED_NATIVE)],
  banner: { js: ESM_REQUIRE_BANNER },
  legalComments: 'none',
  logLevel: 'warning',
} satisfies BuildOptions;

const URL_LITERAL = /new URL\(\s*'([^']+)'\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Our sources find their files relative to themselves (`new URL('../schema.graphql',
 * import.meta.url)`). In a bundle every module shares one `import.meta.url`, so each module's
 * is rewritten to where its source sat, relative to the bundle; the files it names are copied
 * to the same place in the output, which therefore mirrors the repository's layout.
 */
function sourceRelativeUrls(assets: Set<string>): Plugin {
  return {
    name: 'source-relative-import-meta-url',
    setup(context) {
      context.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (path.includes('/node_modules/')) return undefined;
        const source = await readFile(path, 'utf8');
        for (const [, target] of source.matchAll(URL_LITERAL)) assets.add(resolve(dirname(path), target ?? ''));
        const fromRoot = relative(repoRoot, path);
        const here = `new URL(${JSON.stringify(`./${fromRoot}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', here), loader: 'ts' };
      });
    },
  };
}

/** What `bundleService` wrote. */
export interface ServiceBundle {
  /** The directory the image copies as its /app: `main.mjs` and the files it reads. */
  readonly outDir: string;
  /** The files besides the bundle, relative to `outDir`. */
  readonly assets: readonly string[];
}

/**
 * Bundles one service (`gateway/src/main.ts`, `subgraphs/users/src/main.ts`, …) with every
 * dependency into `<outDir>/main.mjs`: the image then needs no node_modules, no TypeScript and
 * no tsx. Files the code reads at run time (schema.graphql, supergraph.graphql, the persisted
 * operations) are copied beside it at their repository paths.
 */
export async function bundleService(entry: string, outDir: string): Promise<ServiceBundle> {
  await rm(outDir, { recursive: true, force: true });
  const found = new Set<string>();
  const { metafile } = await build({
    entryPoints: [join(repoRoot, entry)],
    outfile: join(outDir, 'main.mjs'),
    ...NODE_BUNDLE,
    metafile: true,
    plugins: [sourceRelativeUrls(found)],
  });
  const assets: string[] = [];
  const copyBeside = async (path: string) => {
    const to = relative(repoRoot, path);
    await mkdir(dirname(join(outDir, to)), { recursive: true });
    await cp(path, join(outDir, to));
    assets.push(to);
  };
  for (const path of found) {
    const exists = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) continue; // a directory or a path computed at run time, not a file to ship
    await copyBeside(path);
  }
  // every file of a shipped package must be there: a missing binary fails the build, not the image
  const imported = new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.map(({ path }) => path)));
  for (const [name, files] of Object.entries(SHIPPED_NATIVE).filter(([name]) => imported.has(name))) {
    for (const file of files) await copyBeside(join(repoRoot, 'node_modules', name, file));
  }
  return { outDir, assets: assets.sort() };
}
