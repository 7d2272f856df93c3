import { z } from 'zod';
import { currencyCode, entityId, minorUnits } from './contract-fields';
import { defineEvent } from './define-event';

const payment = { orderId: entityId, paymentId: entityId };

export const paymentCapturedV1 = defineEvent({
  type: 'payment.captured',
  version: 1,
  payload: z.object({ ...payment, amount: minorUnits, currency: currencyCode }),
});

export const paymentFailedV1 = defineEvent({
  type: 'payment.failed',
  version: 1,
  payload: z.object({ ...payment, reason: z.enum(['card_declined', 'payment_timeout']) }),
});

export const paymentRefundedV1 = defineEvent({
  type: 'payment.refunded',
  version: 1,
  payload: z.object({ ...payment, amount: minorUnits, currency: currencyCode }),
});
