import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@shopgraph/test-kit/test-database';
import type { TestDatabase } from '@shopgraph/test-kit/test-database';
import { TEST_ENV } from '@shopgraph/test-kit/test-stack';
import { stopProcess } from '@shopgraph/service-kit/child-process';
import { portOf, spawnService, startedService } from './service-process';

describe('a spawned service is found where it says it listens', () => {
  let database: TestDatabase;
  /** Another process's server on a port: it answers /ready with 200, as any of our services would. */
  let impostor: Server;
  let impostorPort: number;

  beforeAll(async () => {
    database = await createTestDatabase('users');
    impostor = createServer((_, response) => response.end('{"status":"ready"}'));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    impostorPort = (impostor.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => impostor.close(resolve));
    await database.drop();
  });

  const spawnUsers = (port: number) =>
    spawnService({
      workspace: 'subgraphs/users',
      env: { ...TEST_ENV, USERS_PORT: String(port), USERS_DATABASE_URL: database.url },
      stdio: ['ignore', 'ignore', 'ignore'],
    });

  it('announces the port the kernel gave it when started on port 0', async () => {
    const child = spawnUsers(0);
    try {
      const url = await startedService(child);
      expect(portOf(url)).toBeGreaterThan(0);
      expect((await fetch(new URL('/ready', url))).status).toBe(200);
    } finally {
      expect(await stopProcess(child)).toBe(0);
    }
  });

  it('fails at once when its port is taken, instead of taking the other process for it', async () => {
    const child = spawnUsers(impostorPort);
    try {
      await expect(startedService(child)).rejects.toThrow(/exited \(1\) before it was ready/);
    } finally {
      await stopProcess(child, 'SIGKILL');
    }
  });
});
