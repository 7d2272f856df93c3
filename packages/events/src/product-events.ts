import { z } from 'zod';
import { entityId } from './contract-fields';
import { defineEvent } from './define-event';

/**
 * A product was listed (`createProduct`): the catalogue's pages changed. The aggregate is the
 * product. Carries no fields of the product: a reader that needs them asks the graph.
 */
export const productCreatedV1 = defineEvent({
  type: 'product.created',
  version: 1,
  payload: z.object({ productId: entityId }),
});
