import type { AnyEventContract, EventOf } from './define-event';
import type { EventEnvelope } from './envelope';

/** Why an envelope could not be read as one of the registered contracts. */
export type UnreadableReason = 'unknown_type' | 'unsupported_version' | 'invalid_payload';

export type DecodeResult<Contract extends AnyEventContract> =
  | { readonly ok: true; readonly event: EventOf<Contract> }
  | { readonly ok: false; readonly reason: UnreadableReason; readonly detail: string };

/** The contracts one reader understands, looked up by type and version. */
export interface EventRegistry<Contract extends AnyEventContract> {
  /** The distinct event types, in registration order. */
  readonly types: readonly string[];
  /** Reads a (valid) envelope's payload with the contract of its type and version. */
  decode(envelope: EventEnvelope): DecodeResult<Contract>;
}

const keyOf = (type: string, version: number) => `${type}@${version}`;

export function createEventRegistry<Contract extends AnyEventContract>(
  contracts: readonly Contract[],
): EventRegistry<Contract> {
  const byKey = new Map<string, Contract>();
  for (const contract of contracts) {
    const key = keyOf(contract.type, contract.version);
    if (byKey.has(key)) throw new Error(`Event ${key} is registered twice.`);
    byKey.set(key, contract);
  }
  const types = [...new Set(contracts.map((contract) => contract.type))];
  return {
    types,
    decode(envelope) {
      const contract = byKey.get(keyOf(envelope.type, envelope.version));
      if (!contract) return unreadable(types, envelope);
      const checked = contract.check(envelope.payload);
      if (!checked.ok) return { ok: false, reason: 'invalid_payload', detail: checked.problem };
      // the contract matched type and version, so this is the event it describes
      const event = { ...envelope, payload: checked.payload } as EventOf<Contract>;
      return { ok: true, event };
    },
  };
}

function unreadable(types: readonly string[], envelope: EventEnvelope): DecodeResult<never> {
  const known = types.includes(envelope.type);
  return {
    ok: false,
    reason: known ? 'unsupported_version' : 'unknown_type',
    detail: `${envelope.type} version ${envelope.version} is not ${known ? 'a version this reader can read' : 'registered'}`,
  };
}
