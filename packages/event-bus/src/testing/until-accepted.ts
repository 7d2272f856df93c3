import { waitFor } from '@shopgraph/service-kit/wait-for';

/**
 * Calls `attempt` until it resolves; each failed try has already waited out its own timeout.
 * For what a caller asks of a bus whose broker is restarting, as a relay would ask again.
 */
export async function untilAccepted<T>(attempt: () => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  await waitFor(
    async () => {
      result = await attempt().then(
        (value) => ({ value }),
        () => undefined,
      );
      return result !== undefined;
    },
    { what: 'the bus to reconnect', timeout: 30_000 },
  );
  if (!result) throw new Error('unreachable');
  return result.value;
}
