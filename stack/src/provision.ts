import pg from 'pg';
import { guardClient } from '@shopgraph/service-kit/database/guard-pool';
import { poolConfigFromUrl } from '@shopgraph/service-kit/database/pool-config';

/** Options of {@link provisionDatabase}. */
export interface ProvisionOptions {
  /** A superuser URL on the cluster. */
  readonly adminUrl: string;
  readonly database: string;
  /** The login role that owns the database; no other role may connect to it. */
  readonly role: string;
  readonly password: string;
  /** Copy this (already migrated) database instead of creating an empty one. */
  readonly template?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}

/**
 * Creates (once) a login role and a database it owns, and revokes CONNECT from PUBLIC so
 * a service's role cannot open another service's database. Returns the service's URL.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<string> {
  const { adminUrl, database, role, password, template } = options;
  const admin = guardClient(new pg.Client(poolConfigFromUrl(adminUrl)));
  await admin.connect();
  try {
    const literal = (await admin.query<{ q: string }>('select quote_literal($1) as q', [password])).rows[0]?.q;
    const roleExists = (await admin.query('select 1 from pg_roles where rolname = $1', [role])).rowCount === 1;
    const verb = roleExists ? 'alter' : 'create';
    await admin.query(`${verb} role ${identifier(role)} login password ${literal}`);
    const dbExists = (await admin.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1;
    if (!dbExists) {
      const copy = template ? ` template ${identifier(template)}` : '';
      await admin.query(`create database ${identifier(database)} owner ${identifier(role)}${copy}`);
    }
    await admin.query(`revoke all on database ${identifier(database)} from public`);
    await admin.query(`grant connect, temporary on database ${identifier(database)} to ${identifier(role)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
