/** The subject namespace of the shop's events on a broker. */
export const SHOP_SUBJECT_NAMESPACE = 'shop';

/** Where an event of `type` travels: `shop.order.placed` for `order.placed`. */
export function eventSubject(type: string, namespace = SHOP_SUBJECT_NAMESPACE): string {
  return `${namespace}.${type}`;
}
