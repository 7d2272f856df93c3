import { z } from 'zod';
import { eventEnvelopeSchema } from './envelope';
import type { EventEnvelope } from './envelope';

/** An envelope whose type, version and payload are known. */
export type Event<Type extends string, Version extends number, Payload> = Omit<
  EventEnvelope,
  'type' | 'version' | 'payload'
> & {
  readonly type: Type;
  readonly version: Version;
  readonly payload: Payload;
};

export type PayloadCheck<Payload> =
  | { readonly ok: true; readonly payload: Payload }
  | { readonly ok: false; readonly problem: string };

export interface CreateEventInput<PayloadInput> {
  readonly aggregateId: string;
  readonly payload: PayloadInput;
  /** Defaults to a new UUID. The outbox stores it: it is the broker's deduplication ID. */
  readonly id?: string;
  /** Defaults to now. */
  readonly occurredAt?: Date;
}

/** One version of one event type: the only way to build or read its payload. */
export interface EventContract<Type extends string, Version extends number, Payload, PayloadInput = Payload> {
  readonly type: Type;
  readonly version: Version;
  /** The payload's schema, for tooling (the committed contract snapshot), not for parsing. */
  readonly payloadSchema: z.ZodType;
  /** Checks a received payload; fields this version does not declare are dropped. Throws a `ZodError`. */
  parse(payload: unknown): Payload;
  /** {@link parse} without throwing: what a consumer uses to park an event instead of crashing. */
  check(payload: unknown): PayloadCheck<Payload>;
  /** Builds a valid event; an invalid payload throws before it reaches an outbox or a broker. */
  create(input: CreateEventInput<PayloadInput>): Event<Type, Version, Payload>;
}

/** Any contract, whatever its payload: what a registry or a bus subscription holds. */
export type AnyEventContract = EventContract<string, number, unknown, never>;

/** The event a contract describes; distributes over a union of contracts. */
export type EventOf<Contract> =
  Contract extends EventContract<infer Type, infer Version, infer Payload, infer _Input>
    ? Event<Type, Version, Payload>
    : never;

/**
 * Declares one version of an event. Evolution is additive: a new optional field keeps the
 * version; anything an older consumer could not read (a removed or retyped field, a new
 * enum value) is a new version, defined next to the old one.
 */
export function defineEvent<
  const Type extends string,
  const Version extends number,
  Schema extends z.ZodType,
>(definition: {
  readonly type: Type;
  readonly version: Version;
  readonly payload: Schema;
}): EventContract<Type, Version, z.output<Schema>, z.input<Schema>> {
  const { type, version, payload: payloadSchema } = definition;
  // a bad type or version is a programming error: fail when the module loads, not on first use
  eventEnvelopeSchema.pick({ type: true, version: true }).parse({ type, version });
  const parse = (payload: unknown): z.output<Schema> => payloadSchema.parse(payload);
  return {
    type,
    version,
    payloadSchema,
    parse,
    check(payload) {
      const result = payloadSchema.safeParse(payload);
      return result.success
        ? { ok: true, payload: result.data }
        : { ok: false, problem: z.prettifyError(result.error) };
    },
    create: ({ aggregateId, payload, id = crypto.randomUUID(), occurredAt = new Date() }) => {
      const envelope = eventEnvelopeSchema.parse({
        id,
        type,
        version,
        occurredAt: occurredAt.toISOString(),
        aggregateId,
      });
      return { ...envelope, type, version, payload: parse(payload) };
    },
  };
}
