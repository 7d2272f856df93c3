import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The manifest committed with the gateway, used when no other path is configured. */
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../../persisted-operations.json', import.meta.url));

const operationSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case sha256 hex digest'),
  name: z.string().min(1),
  type: z.enum(['query', 'mutation', 'subscription']),
  body: z.string().min(1),
});

// Apollo's persisted query manifest format, as its client tooling generates it
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(operationSchema),
});

/** One first-party operation: `id` is the sha256 of `body`, which clients send verbatim. */
export type PersistedOperation = z.output<typeof operationSchema>;

/** The manifest's operations by id. */
export type PersistedOperationManifest = ReadonlyMap<string, PersistedOperation>;

/** The id of a document in a manifest and in `extensions.persistedQuery.sha256Hash`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function misfiled({ id, name, body }: PersistedOperation, seen: PersistedOperationManifest): string | undefined {
  if (id !== sha256Hex(body)) return `operation ${name}: id ${id} is not the sha256 of its body`;
  return seen.has(id) ? `operation ${name}: id ${id} appears twice` : undefined;
}

/**
 * Checks a parsed manifest and indexes it by id, or throws one message naming every problem
 * (`source` names the file in it), so the gateway refuses to boot on a bad manifest.
 */
export function parsePersistedOperationManifest(json: unknown, source: string): PersistedOperationManifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid persisted operation manifest ${source}:\n${problems.join('\n')}`);
  }
  const byId = new Map<string, PersistedOperation>();
  const problems: string[] = [];
  for (const operation of result.data.operations) {
    const problem = misfiled(operation, byId);
    if (problem) problems.push(`  ${problem}`);
    else byId.set(operation.id, operation);
  }
  if (problems.length > 0) throw new Error(`Invalid persisted operation manifest ${source}:\n${problems.join('\n')}`);
  return byId;
}

/** Reads and checks the manifest file at `path` (see {@link parsePersistedOperationManifest}). */
export async function loadPersistedOperationManifest(
  path = DEFAULT_MANIFEST_PATH,
): Promise<PersistedOperationManifest> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Invalid persisted operation manifest ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return parsePersistedOperationManifest(json, path);
}
