import { join } from 'node:path';
import { bundleApp } from '../build/bundle-app';
import { bundleMigration } from '../build/bundle-migration';
import { bundleService, repoRoot } from '../build/bundle-service';
import { writeContainerFiles } from '../build/container-files';
import { buildableServices } from '../build/services';

// `npm run build [-- <service>…]`: each service as plain JavaScript in build/<service>/ (its
// image's /app), and each subgraph's migration job in build/<service>-migrate/. Development
// keeps running the TypeScript through tsx (decision 0006); this is what the images run
// (decision 0034). The storefront's also holds its static app (its Vite build).
const wanted = process.argv.slice(2);
const services = buildableServices().filter((service) => wanted.length === 0 || wanted.includes(service.name));
const unknown = wanted.filter((name) => !services.some((service) => service.name === name));
if (unknown.length > 0) throw new Error(`npm run build: no such service: ${unknown.join(', ')}`);

await Promise.all(
  services.map(async (service) => {
    const { name, entry, migrates } = service;
    const started = performance.now();
    const outDir = join(repoRoot, 'build', name);
    const bundle = await bundleService(entry, outDir);
    const app = await bundleApp(service, outDir);
    const assets = app ? [...bundle.assets, app] : bundle.assets;
    await writeContainerFiles(service, outDir);
    if (migrates) await bundleMigration(name, join(repoRoot, 'build', `${name}-migrate`));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `build/${name}: main.mjs + ${assets.join(', ')}${migrates ? ` (+ build/${name}-migrate)` : ''} in ${seconds}s`,
    );
  }),
);
