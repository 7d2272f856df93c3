import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCorsPolicy } from './cors';
import type { CorsRequest } from './cors';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';
const listed = createCorsPolicy({ allowedOrigins: [SHOP, 'http://localhost:5173/'] });
const any = createCorsPolicy({ allowedOrigins: 'any' });

function response() {
  const headers: Record<string, string> = {};
  return {
    statusCode: 200,
    ended: false,
    headers,
    getHeader: (name: string) => headers[name],
    setHeader: (name: string, value: string) => void (headers[name] = value),
    end() {
      this.ended = true;
    },
  };
}

const post = (origin?: string): CorsRequest => ({ method: 'POST', headers: origin === undefined ? {} : { origin } });
const preflight = (origin: string): CorsRequest => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
});

describe('CORS', () => {
  it('lets an allowed origin read the response, and say when to retry', () => {
    const res = response();
    expect(listed.handle(post(SHOP), res)).toBe('continue');
    expect(res.headers).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': SHOP,
      'access-control-expose-headers': 'retry-after, x-request-id',
    });
    expect(res.headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('answers an allowed preflight with 204 and the methods, headers and cache time', () => {
    const res = response();
    expect(listed.handle(preflight('http://localhost:5173'), res)).toBe('handled');
    expect(res).toMatchObject({ statusCode: 204, ended: true });
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': expect.stringContaining('authorization, apollographql-client-name'),
      'access-control-max-age': '600',
    });
    const allowed = String(res.headers['access-control-allow-headers']).split(', ');
    expect(allowed.toSorted()).toEqual(
      [
        'accept',
        'apollo-require-preflight',
        'apollographql-client-name',
        'apollographql-client-version',
        'authorization',
        'content-type',
        'traceparent',
        'tracestate',
        'x-apollo-operation-name',
        'x-request-id',
      ].toSorted(),
    );
  });

  it('gives a disallowed origin no CORS headers, and its preflight 403', () => {
    const res = response();
    expect(listed.handle(post(EVIL), res)).toBe('continue');
    expect(res.headers).toEqual({ vary: 'Origin' });

    const refused = response();
    expect(listed.handle(preflight(EVIL), refused)).toBe('handled');
    expect(refused).toMatchObject({ statusCode: 403, ended: true, headers: { vary: 'Origin' } });
  });

  it('leaves a request without Origin (same origin or not a browser) alone, but varies on Origin', () => {
    const res = response();
    expect(listed.handle(post(), res)).toBe('continue');
    expect(res.headers).toEqual({ vary: 'Origin' });
  });

  it('reflects every origin in "any" mode, except the forgeable null origin', () => {
    const res = response();
    expect(any.handle(preflight('https://sandbox.embed.apollographql.com'), res)).toBe('handled');
    expect(res.headers['access-control-allow-origin']).toBe('https://sandbox.embed.apollographql.com');
    expect(any.handle(preflight('null'), response())).toBe('handled');
    expect(any.isOriginAllowed('null')).toBe(false);
  });

  it('tells the WebSocket upgrade which origins may connect', () => {
    expect(listed.isOriginAllowed(SHOP)).toBe(true);
    expect(listed.isOriginAllowed(EVIL)).toBe(false);
    expect(listed.isOriginAllowed(undefined)).toBe(true);
    expect(any.isOriginAllowed(EVIL)).toBe(true);
  });

  it('adds Origin to a Vary header already set', () => {
    const res = response();
    res.setHeader('vary', 'Accept');
    listed.handle(post(SHOP), res);
    expect(res.headers['vary']).toBe('Accept, Origin');
  });
});

describe('CORS on a Node HTTP server', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (listed.handle(req, res) === 'handled') return;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a real preflight and a real cross-origin POST', async () => {
    const options = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-origin')).toBe(SHOP);

    const posted = await fetch(url, { method: 'POST', headers: { origin: SHOP }, body: '{}' });
    expect(await posted.text()).toBe('ok');
    expect(posted.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(posted.headers.get('vary')).toBe('Origin');
  });

  it('refuses a real preflight from a disallowed origin', async () => {
    const options = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(options.status).toBe(403);
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
  });
});
