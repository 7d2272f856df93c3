import { orderCancelledV1, orderConfirmedV1, orderEventRecordedV1, orderPlacedV1 } from './order-events';
import { paymentCapturedV1, paymentFailedV1, paymentRefundedV1 } from './payment-events';
import { stockRejectedV1, stockRejectedV2, stockReleasedV1, stockReservedV1 } from './stock-events';

/** Every event contract of the order saga, for registries and tooling that read them all. */
export const shopEvents = [
  orderPlacedV1,
  stockReservedV1,
  stockRejectedV1,
  stockRejectedV2,
  stockReleasedV1,
  paymentCapturedV1,
  paymentFailedV1,
  paymentRefundedV1,
  orderConfirmedV1,
  orderCancelledV1,
  orderEventRecordedV1,
] as const;

export type ShopEventContract = (typeof shopEvents)[number];
