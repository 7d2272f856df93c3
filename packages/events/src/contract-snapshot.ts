import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { AnyEventContract } from './define-event';
import { incompatibilities } from './contract-compatibility';
import type { JsonSchema } from './contract-compatibility';

/** `type@version` → the JSON Schema of that version's payload, as committed. */
export type ContractSnapshot = Readonly<Record<string, JsonSchema>>;

/** The committed snapshot (`npm run events:snapshot` adds new versions to it). */
export const CONTRACT_SNAPSHOT_PATH = fileURLToPath(new URL('../event-contracts.json', import.meta.url));

export const contractKey = (contract: AnyEventContract) => `${contract.type}@${contract.version}`;

/** The payload's JSON Schema as producers must write it (zod's input side). */
export function payloadJsonSchema(contract: AnyEventContract): JsonSchema {
  return z.toJSONSchema(contract.payloadSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** What is wrong with the contracts against the snapshot: a changed version, or one not snapshotted yet. */
export function snapshotProblems(contracts: readonly AnyEventContract[], snapshot: ContractSnapshot): string[] {
  return contracts.flatMap((contract) => {
    const key = contractKey(contract);
    const committed = snapshot[key];
    if (committed === undefined) return [`${key} is not in the snapshot: run \`npm run events:snapshot\` to add it`];
    return incompatibilities(committed, payloadJsonSchema(contract)).map(
      (problem) => `${key}: ${problem}; this needs a new version (${contract.type}@${contract.version + 1})`,
    );
  });
}

/** The snapshot with every version it lacks added; versions already in it are never rewritten. */
export function withNewVersions(contracts: readonly AnyEventContract[], snapshot: ContractSnapshot): ContractSnapshot {
  const added = contracts.filter((contract) => snapshot[contractKey(contract)] === undefined);
  const entries = [
    ...Object.entries(snapshot),
    ...added.map((contract) => [contractKey(contract), payloadJsonSchema(contract)] as const),
  ];
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
