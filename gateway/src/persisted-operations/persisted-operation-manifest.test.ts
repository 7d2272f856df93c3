import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOperationAST, parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeferDirective } from '../defer/defer-directive';
import { operationLimits } from '../limits/operation-limits';
import { loadApiSchema } from '../limits/test-api-schema';
import {
  DEFAULT_MANIFEST_PATH,
  loadPersistedOperationManifest,
  parsePersistedOperationManifest,
  sha256Hex,
} from './persisted-operation-manifest';

interface RawOperation {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly body: string;
}

let schema: GraphQLSchema;
let committed: readonly RawOperation[];
beforeAll(async () => {
  // the schema the gateway validates against: the API schema with @defer declared (0045)
  schema = withDeferDirective(await loadApiSchema());
  const json = JSON.parse(await readFile(DEFAULT_MANIFEST_PATH, 'utf8')) as { operations: RawOperation[] };
  committed = json.operations;
});

describe('the committed manifest', () => {
  it("holds the storefront's operations (web/scripts/persisted-operations.ts generates it)", async () => {
    const manifest = await loadPersistedOperationManifest();
    expect([...manifest.values()].map(({ name }) => name)).toEqual([
      'CancelOrder',
      'LogIn',
      'Me',
      'MyOrders',
      'Order',
      'OrderEvents',
      'OrderUpdated',
      'PlaceOrder',
      'Product',
      'Products',
      'RestockProduct',
      'SignUp',
    ]);
  });

  it('identifies every operation by the sha256 of its exact body', () => {
    for (const { id, body } of committed) expect(id).toBe(sha256Hex(body));
    // the FIPS 180-2 test vector: ids are lower-case hex sha256, as Apollo's tooling writes them
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('passes the API schema and the default operation limits with every operation', () => {
    const limits = operationLimits();
    for (const { name, body } of committed) {
      const check = limits.checkOperation(schema, body);
      expect({ name, errors: check.ok ? [] : check.errors.map(({ message }) => message) }).toEqual({
        name,
        errors: [],
      });
    }
  });

  it('names and types each operation as its document does', () => {
    for (const { name, type, body } of committed) {
      const operation = getOperationAST(parse(body));
      expect({ name: operation?.name?.value, type: operation?.operation }).toEqual({ name, type });
    }
  });
});

describe('a malformed manifest', () => {
  const valid = { id: sha256Hex('query Me { me { id } }'), name: 'Me', type: 'query', body: 'query Me { me { id } }' };
  const manifest = (operations: unknown[], format = 'apollo-persisted-query-manifest') => ({
    format,
    version: 1,
    operations,
  });
  const problems = (json: unknown) => () => parsePersistedOperationManifest(json, 'manifest.json');

  it('is refused at load, naming the file and each field at fault', () => {
    expect(problems(manifest([{ ...valid, body: '' }], 'relay'))).toThrow(
      /^Invalid persisted operation manifest manifest\.json:\n {2}format: .*\n {2}operations\.0\.body: /,
    );
    expect(problems({ operations: 'none' })).toThrow(/format: .*\n.*version: .*\n.*operations: /);
  });

  it('is refused when an id is not the sha256 of its body, or appears twice', () => {
    const forged = { ...valid, name: 'Forged', body: 'query Forged { me { email } }' };
    expect(problems(manifest([forged]))).toThrow(`operation Forged: id ${valid.id} is not the sha256 of its body`);
    expect(problems(manifest([valid, valid]))).toThrow(`operation Me: id ${valid.id} appears twice`);
  });

  describe('in a file', () => {
    let directory: string;
    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'manifest-'));
    });
    afterAll(() => rm(directory, { recursive: true, force: true }));

    it('is refused when it is not JSON', async () => {
      const path = join(directory, 'broken.json');
      await writeFile(path, '{ "format": ');
      await expect(loadPersistedOperationManifest(path)).rejects.toThrow(
        `Invalid persisted operation manifest ${path}: not JSON`,
      );
    });

    it('is read and indexed by id when it is valid', async () => {
      const path = join(directory, 'valid.json');
      await writeFile(path, JSON.stringify(manifest([valid])));
      expect((await loadPersistedOperationManifest(path)).get(valid.id)).toEqual(valid);
    });
  });
});
