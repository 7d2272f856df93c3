import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type * as Env from '@shopgraph/service-kit/env';
import { loadBusConfig } from '@shopgraph/event-bus/bus-config';
import { loadGatewayConfig } from '@shopgraph/gateway/config';
import { loadOrdersConfig } from '@shopgraph/orders/config';
import { loadPaymentsConfig } from '@shopgraph/payments/config';
import { loadProductsConfig } from '@shopgraph/products/config';
import { loadUsersConfig } from '@shopgraph/users/config';
import { loadWebConfig } from '@shopgraph/web/web-config';
import { loadStackConfig } from './config';
import { loadServicesConfig } from './services-config';
import { SUBGRAPH_NAMES } from './subgraph-names';
import { README_PATH, configurationTableVariables, linkTargets } from './testing/readme';

// Every configuration module parses its environment with parseEnv: the variables it reads
// are the keys of the zod schemas it hands over (renamed by `names`), whoever adds one.
const read = vi.hoisted(() => new Set<string>());
vi.mock('@shopgraph/service-kit/env', async (importOriginal) => {
  const actual = await importOriginal<typeof Env>();
  const keysOf = (schema: z.ZodType): string[] =>
    'shape' in schema && typeof schema.shape === 'object' && schema.shape !== null ? Object.keys(schema.shape) : [];
  return {
    ...actual,
    parseEnv: ((schema, env, names = {}) => {
      // a display name may add a fallback (`X (or Y)`): the variable is its first word
      for (const key of keysOf(schema)) read.add((names[key] ?? key).split(' ')[0] ?? key);
      return actual.parseEnv(schema, env, names);
    }) satisfies typeof actual.parseEnv,
  };
});

const LOADERS: readonly ((env: Record<string, string | undefined>) => unknown)[] = [
  // the gateway reads a subgraph's own variables when a supergraph names it
  (env) => loadGatewayConfig(env).subgraphs(SUBGRAPH_NAMES[0]),
  loadUsersConfig,
  loadProductsConfig,
  loadOrdersConfig,
  loadPaymentsConfig,
  loadStackConfig,
  loadServicesConfig,
  loadWebConfig,
  (env) => loadBusConfig(env),
];

/** `USERS_URL` → `<NAME>_URL`: the README documents per-subgraph variables once. */
const PER_SUBGRAPH = new RegExp(`^(${SUBGRAPH_NAMES.map((name) => name.toUpperCase()).join('|')})_`);
const generic = (variable: string) => variable.replace(PER_SUBGRAPH, '<NAME>_');

function variablesReadByTheCode(): Set<string> {
  for (const load of LOADERS) {
    try {
      load({ NODE_ENV: 'test' });
    } catch {
      // a required variable is missing: its schema was read all the same
    }
  }
  return new Set([...read].map(generic));
}

describe('the README', () => {
  it('lists in its configuration table every variable the configuration schemas read, and no other', () => {
    const code = variablesReadByTheCode();
    const table = configurationTableVariables();
    expect([...code].filter((variable) => !table.has(variable)).sort(), 'missing from the README table').toEqual([]);
    expect(
      [...table].filter((variable) => !code.has(variable)).sort(),
      'in the README table, read by no schema',
    ).toEqual([]);
  });

  it('has .env.example name every variable the schemas read, commented out or not (a per-subgraph one for one subgraph at least)', () => {
    const example = readFileSync(resolve(dirname(README_PATH), '.env.example'), 'utf8');
    const set = new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => generic(match[1] ?? '')));
    expect([...variablesReadByTheCode()].filter((variable) => !set.has(variable)).sort()).toEqual([]);
  });

  it('links only to files inside the repository, and each of them exists', () => {
    const local = linkTargets().filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
    const root = dirname(README_PATH);
    for (const target of local) {
      const path = resolve(root, target.split('#')[0] ?? '');
      expect(path.startsWith(`${root}/`), `${target} leaves the repository`).toBe(true);
      expect(existsSync(path), `${target} does not exist`).toBe(true);
    }
  });
});
