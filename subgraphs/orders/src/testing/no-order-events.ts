import type { LiveOrderEvents, OrderEventLog } from '../application/ports';

/** For tests of queries and mutations: an empty log and a live feed that never speaks. */
export const noOrderEvents: { readonly log: OrderEventLog; readonly live: LiveOrderEvents } = {
  log: { find: async () => undefined, readAfter: async () => [], deleteBefore: async () => 0 },
  live: { open: () => ({ next: () => new Promise(() => undefined), close: () => undefined }) },
};
