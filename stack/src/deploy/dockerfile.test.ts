// No Docker engine runs here or in CI: these tests read the one Dockerfile and fail when an
// image would run TypeScript, dev dependencies or root, or miss what its service needs.
// (built-service.int.test.ts runs what the image runs, from a directory outside the repository.)
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { satisfies } from 'semver';
import { MIGRATE_COMMAND, MIGRATE_CONFIG } from '../build/bundle-migration';
import { buildableServices } from '../build/services';
import { readRepoFile, repoRoot } from './compose-file';

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Instructions of a Dockerfile, comments dropped and continuation lines joined. */
function instructions(text: string): Instruction[] {
  return text
    .replaceAll(/^\s*#.*\n/gm, '')
    .replaceAll(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [keyword = '', ...rest] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Every workspace directory of the root package.json (globs expanded). */
function workspaces(): string[] {
  const globs = (JSON.parse(readRepoFile('package.json')) as { workspaces: string[] }).workspaces;
  return globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(new URL(glob.slice(0, -1), repoRoot)).map((dir) => `${glob.slice(0, -1)}${dir}`)
      : [glob],
  );
}

const steps = instructions(readRepoFile('Dockerfile'));
/** The instructions of stage `name` (`FROM … AS name`), up to the next FROM. */
function stage(name: string): Instruction[] {
  const start = steps.findIndex((step) => step.keyword === 'FROM' && step.args.endsWith(` AS ${name}`));
  expect(start, `stage ${name}`).toBeGreaterThanOrEqual(0);
  const end = steps.findIndex((step, index) => index > start && step.keyword === 'FROM');
  return steps.slice(start, end === -1 ? undefined : end);
}
const of = (stageSteps: Instruction[], keyword: string) => stageSteps.filter((step) => step.keyword === keyword);
const execForm = (step: Instruction | undefined): string[] => JSON.parse(step?.args ?? '[]') as string[];

describe('the Dockerfile', () => {
  it('is the only one: no service keeps a Dockerfile of its own', () => {
    for (const { entry } of buildableServices()) {
      // gateway/src/main.ts → gateway/, web/server/main.ts → web/
      const dir = `${entry.split('/').slice(0, -2).join('/')}/`;
      expect(existsSync(new URL(`${dir}Dockerfile`, repoRoot)), dir).toBe(false);
    }
  });

  it('builds the service named by its SERVICE argument with npm run build, after every workspace manifest', () => {
    const build = stage('build');
    const npmCi = build.findIndex((step) => step.keyword === 'RUN' && step.args.includes('npm ci'));
    const copied = build.slice(0, npmCi).map((step) => step.args);
    for (const dir of workspaces().filter((d) => existsSync(new URL(`${d}/package.json`, repoRoot))))
      expect(copied).toContain(`${dir}/package.json ${dir}/`);
    expect(of(build, 'ARG').map((step) => step.args)).toContain('SERVICE');
    expect(of(build, 'RUN').at(-1)?.args).toContain('npm run build -- "$SERVICE"');
  });

  it('runs on a maintained Node LTS that the stated engines range accepts', () => {
    const image = /^NODE_IMAGE=node:(\d+)-/.exec(steps.find((step) => step.keyword === 'ARG')?.args ?? '')?.[1];
    const engines = (JSON.parse(readRepoFile('package.json')) as { engines: { node: string } }).engines.node;
    expect(Number(image)).toBeGreaterThanOrEqual(22);
    expect(Number(image) % 2).toBe(0); // even lines are the LTS ones
    expect(satisfies(`${image}.99.0`, engines)).toBe(true);
    for (const step of of(steps, 'FROM')) expect(step.args).toMatch(/^\$\{NODE_IMAGE\} AS /);
  });

  it('runs the service from its bundle alone, as a non-root user, in production mode, health-checked', () => {
    const service = stage('service');
    expect(steps.filter((step) => step.keyword === 'FROM').at(-1)?.args).toMatch(/ AS service$/); // the default target
    expect(of(service, 'COPY').map((step) => step.args)).toEqual(['--from=build /app/build/${SERVICE} ./']);
    expect(of(service, 'USER').at(-1)?.args).toMatch(/^[1-9]\d*:[1-9]\d*$/); // numeric: runAsNonRoot can check it
    expect(
      of(service, 'ENV')
        .map((step) => step.args)
        .join(' '),
    ).toContain('NODE_ENV=production');
    expect(execForm(of(service, 'CMD').at(-1))).toEqual(['node', '--env-file=service.env', 'main.mjs']);
    expect(of(service, 'HEALTHCHECK').at(-1)?.args).toContain('"health.mjs"');
    expect(service.map((step) => step.args).join('\n')).not.toMatch(/tsx|typescript|node_modules/);
  });

  it('has a migrate target that runs prisma migrate deploy from the migration bundle, as a non-root user', () => {
    const migrate = stage('migrate');
    expect(of(migrate, 'COPY').map((step) => step.args)).toEqual(['--from=build /app/build/${SERVICE}-migrate ./']);
    expect(of(migrate, 'USER').at(-1)?.args).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    // what built-service.int.test.ts runs against an empty database
    expect(execForm(of(migrate, 'CMD').at(-1))).toEqual(['node', ...MIGRATE_COMMAND, '--config', MIGRATE_CONFIG]);
  });
});
