import { PrismaPg } from '@prisma/adapter-pg';
import { CatalogSafeClient } from './catalog-safe-client';
import { poolConfigFromUrl } from './pool-config';

/** The driver adapter Prisma Migrate runs on (WebAssembly schema engine, no download). */
export function migrationAdapter(url: string): PrismaPg {
  return new PrismaPg({
    ...poolConfigFromUrl(url),
    Client: CatalogSafeClient,
    // a CLI must exit as soon as its work is done, not after the pool's idle timeout
    allowExitOnIdle: true,
    idleTimeoutMillis: 200,
    // a database that is away fails the migration with a clear error instead of hanging the boot
    connectionTimeoutMillis: 10_000,
  });
}
