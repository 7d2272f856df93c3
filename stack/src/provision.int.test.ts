import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';
import { provisionDatabase } from './provision';

const suffix = randomBytes(4).toString('hex');
const created: string[] = [];

async function provision(name: string): Promise<string> {
  const database = `iso_${name}_${suffix}`;
  created.push(database);
  return provisionDatabase({
    adminUrl: inject('postgresAdminUrl'),
    database,
    role: `iso_${name}_${suffix}`,
    password: `${name}-pw`,
  });
}

async function connect(url: string): Promise<void> {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  await client.end();
}

const asRoleOf = (url: string, otherUrl: string): string => {
  const target = new URL(otherUrl);
  const mine = new URL(url);
  target.username = mine.username;
  target.password = mine.password;
  return target.toString();
};

describe('database provisioning', () => {
  afterAll(async () => {
    const admin = new pg.Client(poolConfigFromUrl(inject('postgresAdminUrl')));
    await admin.connect();
    for (const database of created) await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  });

  it('gives each subgraph a role that can open its own database and no other', async () => {
    const users = await provision('users');
    const products = await provision('products');
    await expect(connect(users)).resolves.toBeUndefined();
    await expect(connect(products)).resolves.toBeUndefined();
    await expect(connect(asRoleOf(users, products))).rejects.toThrow(/permission denied for database/);
    await expect(connect(asRoleOf(products, users))).rejects.toThrow(/permission denied for database/);
  });

  it('can run again over what exists (a second npm start)', async () => {
    const first = await provision('again');
    created.pop();
    expect(await provision('again')).toBe(first);
  });
});
