// No Docker engine runs in CI: these tests read docker-compose.yml and the Dockerfiles and
// fail when the production-like stack would break its isolation or boot order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from './subgraph-names';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
  working_dir?: string;
  command?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean }>;
};
const services = compose.services;
const service = (name: string): Service => services[name] ?? expect.unreachable(`no service ${name}`);
const env = (name: string): Record<string, string> => service(name).environment ?? {};
/** The variable a `${NAME:?message}` value interpolates. */
const variableOf = (value: string | undefined): string | undefined => /^\$\{(\w+)/.exec(value ?? '')?.[1];

const PORTS: Record<string, number> = { gateway: 4000, users: 4001, products: 4002, orders: 4003, payments: 4004 };
const upper = (name: string) => name.toUpperCase();
const nodeServices = [...SUBGRAPH_NAMES, 'gateway'];

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
    expect(service(name).depends_on?.['nats']?.condition).toBe('service_healthy');
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

  it.each(nodeServices)('runs %s in production mode, with a healthcheck on its own /health', (name) => {
    expect(env(name)['NODE_ENV']).toBe('production');
    expect(service(name).healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${PORTS[name]}/health`);
  });

  it('publishes only the storefront and gateway ports to the host', () => {
    const publishing = Object.entries(services).filter(([, svc]) => (svc.ports ?? []).length > 0);
    expect(publishing.map(([name]) => name)).toEqual(['web', 'gateway']);
    expect(service('web').ports).toEqual(['3000:3000']);
    expect(service('gateway').ports).toEqual(['4000:4000']);
  });

  it.each(SUBGRAPH_NAMES)('migrates %s with prisma migrate deploy, from its own image, before it starts', (name) => {
    const migrate = service(`${name}-migrate`);
    expect(migrate.build).toEqual(service(name).build);
    expect(migrate.working_dir).toBe(`/app/prisma/${name}`);
    expect(migrate.command?.slice(-2)).toEqual(['migrate', 'deploy']);
    expect(migrate.healthcheck?.disable).toBe(true);
    expect(migrate.depends_on?.[`${name}-db`]?.condition).toBe('service_healthy');
    expect(service(name).depends_on).toMatchObject({
      [`${name}-db`]: { condition: 'service_healthy' },
      [`${name}-migrate`]: { condition: 'service_completed_successfully' },
    });
  });

  it('starts the gateway once every subgraph is healthy', () => {
    const expected = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { condition: 'service_healthy' }]));
    expect(service('gateway').depends_on).toEqual(expected);
  });
});

/** Instructions of a Dockerfile, comments dropped and continuation lines joined. */
function instructions(path: string): { keyword: string; args: string }[] {
  const text = read(path)
    .replaceAll(/^\s*#.*\n/gm, '')
    .replaceAll(/\\\n/g, ' ');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [keyword = '', ...rest] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Every workspace directory of the root package.json (globs expanded). */
function workspaces(): string[] {
  const globs = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(new URL(glob.slice(0, -1), root)).map((dir) => `${glob.slice(0, -1)}${dir}`)
      : [glob],
  );
}

describe.each(nodeServices)('the %s Dockerfile', (name) => {
  const path = name === 'gateway' ? 'gateway/Dockerfile' : `subgraphs/${name}/Dockerfile`;
  const steps = existsSync(new URL(path, root)) ? instructions(path) : [];
  const of = (keyword: string) => steps.filter((step) => step.keyword === keyword);

  it('exists, and is the one docker-compose.yml builds, from the repository root', () => {
    expect(existsSync(new URL(path, root)), path).toBe(true);
    expect(service(name).build).toEqual({ context: '.', dockerfile: path });
  });

  it('builds in one stage and runs from a fresh one', () => {
    expect(of('FROM').length).toBeGreaterThanOrEqual(2);
    expect(of('RUN').some((step) => step.args.includes('npm ci'))).toBe(true);
    if (name !== 'gateway') expect(of('RUN').some((step) => step.args.includes('npm run generate'))).toBe(true);
  });

  it('copies every workspace manifest before npm ci, which installs the whole lockfile', () => {
    const npmCi = steps.findIndex((step) => step.keyword === 'RUN' && step.args.includes('npm ci'));
    const copied = steps.slice(0, npmCi).filter((step) => step.keyword === 'COPY');
    const withManifest = workspaces().filter((dir) => existsSync(new URL(`${dir}/package.json`, root)));
    for (const dir of withManifest) expect(copied.map((step) => step.args)).toContain(`${dir}/package.json ${dir}/`);
  });

  it('runs the service as a non-root user in production mode, with a healthcheck', () => {
    const lastStage = steps.slice(steps.findLastIndex((step) => step.keyword === 'FROM'));
    const user = lastStage.filter((step) => step.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(lastStage.find((step) => step.keyword === 'ENV')?.args).toContain('NODE_ENV=production');
    expect(of('EXPOSE').map((step) => step.args)).toEqual([String(PORTS[name])]);
    expect(of('HEALTHCHECK').at(-1)?.args).toContain('/health');
  });

  it('starts this service', () => {
    const cmd = JSON.parse(of('CMD').at(-1)?.args ?? '[]') as string[];
    expect(cmd.at(-1)).toBe(name === 'gateway' ? 'gateway/src/main.ts' : `subgraphs/${name}/src/main.ts`);
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, generated code, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/generated', '**/.data', '**/.env', '.git', '**/coverage']) {
      expect(ignored).toContain(entry);
    }
  });
});
