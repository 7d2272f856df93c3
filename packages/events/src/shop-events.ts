import { orderCancelledV1, orderConfirmedV1, orderEventRecordedV1, orderPlacedV1 } from './order-events';
import { paymentCapturedV1, paymentFailedV1, paymentRefundedV1 } from './payment-events';
import { productCreatedV1 } from './product-events';
import { stockRejectedV1, stockRejectedV2, stockReleasedV1, stockReservedV1, stockRestockedV1 } from './stock-events';

/** Every event contract the services publish (the order saga's and the catalogue's), for registries and tooling that read them all. */
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
  productCreatedV1,
  stockRestockedV1,
] as const;

export type ShopEventContract = (typeof shopEvents)[number];
