import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS, close, listen } from './listen';

describe('listen', () => {
  const server = createServer((_, res) => res.end('ok'));
  afterEach(() => close(server, 0));

  it('keeps idle connections longer than clients and load balancers do, and says so', async () => {
    const port = await listen(server, 0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x' });
    expect(await response.text()).toBe('ok');
    // clients that read the hint (undici) close first: an idle close never races a request
    expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000); // AWS ALB's and nginx's 60 s
  });
});
