import { z } from 'zod';

/**
 * A place where a process kills itself, for crash-safety tests of separate processes:
 * `before-publish:stock.reserved` dies after an outbox row committed, before the relay
 * publishes it; `before-ack:order.placed` dies after a consumer committed its effects,
 * before it acknowledges the event. Once only per process.
 */
export interface Failpoint {
  readonly point: 'before-publish' | 'before-ack';
  readonly eventType: string;
}

export const failpointSchema = z
  .string()
  .regex(
    /^(before-publish|before-ack):[a-z][a-z0-9_.-]*$/,
    'must be before-publish:<event type> or before-ack:<event type>',
  )
  .transform((value): Failpoint => {
    const [point, eventType] = value.split(':') as ['before-publish' | 'before-ack', string];
    return { point, eventType };
  });

/** Kills this process at once (SIGKILL: no shutdown hook runs) when `at` is the failpoint. */
export function crashAt(failpoint: Failpoint | undefined, at: Failpoint): void {
  if (failpoint?.point !== at.point || failpoint.eventType !== at.eventType) return;
  process.kill(process.pid, 'SIGKILL');
}
