// No Docker engine runs in CI: these tests read docker-compose.yml and fail when the
// production-like stack would break its isolation or boot order (the Dockerfile: deploy/dockerfile.test.ts;
// the observability services: deploy/observability-config.test.ts).
import { describe, expect, it } from 'vitest';
import { composeFile, readRepoFile, variableOf } from './deploy/compose-file';
import type { ComposeService } from './deploy/compose-file';
import { SUBGRAPH_NAMES } from './subgraph-names';

const read = readRepoFile;
const compose = composeFile();
const services = compose.services;
const service = (name: string): ComposeService => services[name] ?? expect.unreachable(`no service ${name}`);
const env = (name: string): Record<string, string> => service(name).environment ?? {};
const dependsOn = (name: string) => service(name).depends_on as Record<string, { condition: string }> | undefined;

const PORTS: Record<string, number> = {
  gateway: 4000,
  users: 4001,
  products: 4002,
  orders: 4003,
  payments: 4004,
  web: 3000,
};
const upper = (name: string) => name.toUpperCase();
const nodeServices = [...SUBGRAPH_NAMES, 'gateway', 'web'];

describe('docker-compose.yml', () => {
  it.each(SUBGRAPH_NAMES)('gives %s a PostgreSQL of its own, with its own volume and a healthcheck', (name) => {
    const db = service(`${name}-db`);
    expect(db.image).toMatch(/^postgres:17/);
    expect(db.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(db.volumes?.[0]).toBe(`${name}-db-data:/var/lib/postgresql/data`);
    expect(compose.volumes).toHaveProperty(`${name}-db-data`);
    const otherVolumes = SUBGRAPH_NAMES.filter((n) => n !== name).flatMap((n) => service(`${n}-db`).volumes ?? []);
    expect(otherVolumes.join()).not.toContain(`${name}-db-data`);
  });

  it.each(SUBGRAPH_NAMES)('connects %s and its migration to its own database, as its own role', (name) => {
    const dbEnv = env(`${name}-db`);
    for (const client of [name, `${name}-migrate`]) {
      const url = new URL(env(client)[`${upper(name)}_DATABASE_URL`] ?? 'missing:');
      expect(url.hostname).toBe(`${name}-db`);
      expect(url.username).toBe(dbEnv['SERVICE_DB_USER']);
      expect(url.pathname).toBe(`/${dbEnv['POSTGRES_DB']}`);
      expect(url.password).toContain(variableOf(dbEnv['SERVICE_DB_PASSWORD']));
    }
  });

  it('lets no service hold another database URL or reach another database network', () => {
    for (const [name, svc] of Object.entries(services)) {
      const owner = SUBGRAPH_NAMES.find((n) => name === n || name.startsWith(`${n}-`));
      for (const other of SUBGRAPH_NAMES.filter((n) => n !== owner)) {
        expect(JSON.stringify(svc.environment ?? {}), name).not.toContain(`@${other}-db`);
        expect(svc.networks ?? [], name).not.toContain(`${other}-data`);
      }
    }
    for (const name of SUBGRAPH_NAMES) expect(compose.networks[`${name}-data`]?.internal).toBe(true);
  });

  it.each(['products', 'orders', 'payments'])('connects %s to NATS JetStream, healthy before it starts', (name) => {
    expect(env(name)['EVENT_BUS']).toBe('nats');
    expect(env(name)['NATS_URL']).toBe('nats://nats:4222');
    expect(service(name).networks).toContain('events');
    expect(dependsOn(name)?.['nats']?.condition).toBe('service_healthy');
  });

  it('fsyncs every JetStream write and keeps the broker on an internal network of its own', () => {
    const config = read('deploy/nats/nats-server.conf');
    expect(config).toMatch(/^\s*sync_interval:\s*always\s*$/m);
    expect(service('nats').volumes).toContain('./deploy/nats/nats-server.conf:/etc/nats/nats-server.conf:ro');
    expect(compose.networks['events']?.internal).toBe(true);
    const attached = Object.entries(services).filter(([, svc]) => svc.networks?.includes('events'));
    expect(attached.map(([name]) => name).sort()).toEqual(['nats', 'orders', 'payments', 'products']);
  });

  it.each(SUBGRAPH_NAMES)('routes the gateway to %s by its service name and port', (name) => {
    expect(env('gateway')[`${upper(name)}_URL`]).toBe(`http://${name}:${PORTS[name]}/graphql`);
    expect(env(name)[`${upper(name)}_PORT`]).toBe(String(PORTS[name]));
    expect(env(name)[`${upper(name)}_HOST`]).toBe('0.0.0.0');
    expect(service(name).networks).toContain('graph');
  });

  it.each(SUBGRAPH_NAMES)('signs the gateway requests to %s with the secret it verifies them with', (name) => {
    const variable = `${upper(name)}_SIGNING_SECRET`;
    expect(variableOf(env(name)[variable])).toBe(variable);
    expect(variableOf(env('gateway')[variable])).toBe(variable);
  });

  it('verifies JWTs at the gateway with the secret, issuer and audience users issues them with', () => {
    for (const svc of ['users', 'gateway']) expect(variableOf(env(svc)['JWT_SECRET'])).toBe('JWT_SECRET');
    for (const key of ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_TTL_SECONDS'])
      expect(env('gateway')[key], key).toBe(env('users')[key]);
  });

  it('refuses to start without secrets instead of booting with empty ones', () => {
    const required = Object.values(services)
      .flatMap((svc) => Object.values(svc.environment ?? {}))
      .filter((value) => /^\$\{\w+:\?/.test(value))
      .map(variableOf);
    const secrets = SUBGRAPH_NAMES.flatMap((name) => [`${upper(name)}_SIGNING_SECRET`, `${upper(name)}_DB_PASSWORD`]);
    expect(required).toEqual(expect.arrayContaining(['JWT_SECRET', ...secrets]));
  });

  it.each(nodeServices)('builds %s from the one Dockerfile and runs it in production mode, health-checked', (name) => {
    expect(service(name).build).toEqual({ context: '.', dockerfile: 'Dockerfile', args: { SERVICE: name } });
    expect(env(name)['NODE_ENV']).toBe('production');
    // the image's health.mjs asks /health on the port the service was told to listen on
    expect(service(name).healthcheck?.test).toEqual(['CMD', 'node', '--env-file=service.env', 'health.mjs']);
    expect(env(name)[`${upper(name)}_PORT`]).toBe(String(PORTS[name]));
  });

  it('publishes only the storefront and the gateway to the network, and the observability UIs to this machine only', () => {
    const publishing = Object.entries(services).filter(([, svc]) => (svc.ports ?? []).length > 0);
    expect(service('web').ports).toEqual(['3000:3000']);
    expect(service('gateway').ports).toEqual(['4000:4000']);
    for (const [name, svc] of publishing.filter(([name]) => name !== 'gateway' && name !== 'web')) {
      for (const port of svc.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('publishes each host port once (a second service on it would fail to start)', () => {
    // '127.0.0.1:3001:3000' and '3000:3000' both take a host port: the one before the container's
    const hostPorts = Object.values(services).flatMap((svc) => (svc.ports ?? []).map((port) => port.split(':').at(-2)));
    expect(hostPorts.length).toBeGreaterThan(1);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it.each(SUBGRAPH_NAMES)('migrates %s from the migrate target of its own image, before it starts', (name) => {
    const migrate = service(`${name}-migrate`);
    expect(migrate.build).toEqual({ ...service(name).build, target: 'migrate' });
    expect(migrate.command).toBeUndefined(); // the target's CMD: prisma migrate deploy
    expect(dependsOn(`${name}-migrate`)?.[`${name}-db`]?.condition).toBe('service_healthy');
    expect(dependsOn(name)).toMatchObject({
      [`${name}-db`]: { condition: 'service_healthy' },
      [`${name}-migrate`]: { condition: 'service_completed_successfully' },
    });
  });

  it('starts the gateway once every subgraph is healthy', () => {
    const expected = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { condition: 'service_healthy' }]));
    expect(dependsOn('gateway')).toEqual(expected);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, generated code, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/generated', '**/.data', '**/.env', '.git', '**/coverage', 'build']) {
      expect(ignored).toContain(entry);
    }
  });
});
