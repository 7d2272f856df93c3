import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access';
import { metricsRoute } from './metrics-route';
import { operationLabels } from './operation-labels';
import { createServiceMetrics } from './service-metrics';

const TOKEN = 'a-scrape-token-of-some-length';
const asking = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

describe('/metrics', () => {
  const metrics = createServiceMetrics('orders');

  it('is off in production without a token, and open elsewhere', async () => {
    expect((await metricsRoute({ metrics, ...metricsAccess(undefined, 'production') })(asking())).status).toBe(404);
    const open = await metricsRoute({ metrics, ...metricsAccess(undefined, 'development') })(asking());
    expect(open).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/plain/) });
    expect(String(open.body)).toContain('process_cpu_user_seconds_total{service="orders"}');
  });

  it('answers only the bearer of the token when there is one, in any environment', async () => {
    for (const environment of ['production', 'development'] as const) {
      const route = metricsRoute({ metrics, ...metricsAccess(TOKEN, environment) });
      expect((await route(asking())).status).toBe(401);
      expect((await route(asking(`Bearer ${TOKEN}x`))).status).toBe(401);
      expect((await route(asking(`Bearer ${TOKEN}`))).status).toBe(200);
    }
  });
});

describe('operation labels', () => {
  it('keep known names, the first few others, and make the rest other or anonymous', () => {
    const label = operationLabels({ known: ['PlaceOrder'], cap: 2 });
    expect(['A', 'B', 'C', 'PlaceOrder', 'A', undefined, 'x y', '{ me { id } }'].map(label)).toEqual([
      'A',
      'B',
      'other',
      'PlaceOrder',
      'A',
      'anonymous',
      'other',
      'other',
    ]);
  });
});
