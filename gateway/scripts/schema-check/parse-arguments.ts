import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MANIFEST_PATH } from '../../src/persisted-operations/persisted-operation-manifest';
import { DEFAULT_USAGE_RECORD_PATH } from '../../src/usage/usage-config';
import { BadInput } from './bad-input';
import type { ChangeSource } from './subgraph-inputs';

/** What one run of `schema:check` compares and against which usage. */
export interface CheckArguments {
  readonly change: ChangeSource;
  readonly configPath: string;
  readonly manifests: readonly string[];
  readonly usageRecord: string | undefined;
  /** Named on the command line: then a missing record is bad input, not "nothing recorded yet". */
  readonly usageRecordRequired: boolean;
  readonly json: boolean;
}

const options = {
  subgraph: { type: 'string' },
  schema: { type: 'string' },
  base: { type: 'string', default: 'main' },
  config: { type: 'string' },
  manifest: { type: 'string', multiple: true },
  usage: { type: 'string' },
  'no-usage': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

function changeSource(values: { subgraph?: string; schema?: string; base: string }): ChangeSource {
  if (values.subgraph === undefined && values.schema === undefined) return { kind: 'git', base: values.base };
  if (values.subgraph === undefined || values.schema === undefined) {
    throw new BadInput('arguments', '--subgraph <name> and --schema <file> go together');
  }
  return { kind: 'file', subgraph: values.subgraph, schemaFile: resolve(values.schema) };
}

/** Reads the command line; a mistake in it is {@link BadInput}, like a bad file. */
export function parseArguments(argv: readonly string[], root: string): CheckArguments {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options, allowPositionals: false }));
  } catch (error) {
    throw new BadInput('arguments', error instanceof Error ? error.message : String(error));
  }
  const usage = values.usage ?? process.env['USAGE_RECORD_PATH'] ?? DEFAULT_USAGE_RECORD_PATH;
  return {
    change: changeSource(values),
    configPath: resolve(values.config ?? `${root}supergraph.yaml`),
    manifests: (values.manifest ?? [DEFAULT_MANIFEST_PATH]).map((path) => resolve(path)),
    usageRecord: values['no-usage'] ? undefined : resolve(usage),
    usageRecordRequired: values.usage !== undefined,
    json: values.json,
  };
}
