import type { Order } from '../domain/order';
import { applySagaFact } from '../domain/saga-facts';
import type { OrderChange } from './ports';
import { announced } from './saga-step';

/**
 * The change that cancels an order still unsettled at its settle deadline (decision 0021), with
 * its `order.cancelled` (reason `settle_deadline`), on which products releases the stock and
 * payments refunds a capture or never charges. Undefined when the order settled meanwhile.
 */
export function settleDeadlineChange(order: Order, at: Date): OrderChange | undefined {
  const outcome = applySagaFact(order, { kind: 'settle_deadline_passed' }, at);
  if (outcome.kind === 'late') return undefined;
  return announced(outcome.order, { announce: outcome.announce, at, log: [] });
}
