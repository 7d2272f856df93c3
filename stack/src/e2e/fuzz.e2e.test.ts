import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@shopgraph/test-kit/test-stack';
import type { TestStack } from '@shopgraph/test-kit/test-stack';

// Seeds to mutate: real operations, the shapes a client sends, and a few near misses.
const SEEDS = [
  '{"query":"{ products(first: 5, search: \\"mug\\") { totalCount edges { cursor node { id name price { amount } } } } }"}',
  '{"query":"query ($id: ID!) { product(id: $id) { id sku } }","variables":{"id":"6f1c3a52-0000-4000-8000-000000000001"}}',
  '{"query":"mutation { logIn(email: \\"demo@shop.test\\", password: \\"demo-password\\") { token } }"}',
  '{"query":"{ me { orders(first: 2, after: \\"abc\\") { edges { node { id total { amount } } } } } }"}',
  '{"query":"mutation ($i: SignUpInput!) { signUp(input: $i) { token } }","variables":{"i":{"email":"x@y.z","name":"n","password":"p"}}}',
  '{"operationName":"A","query":"query A { __typename } query B { __typename }"}',
  '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"0000"}}}',
];
const NASTY = [
  '"',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '\\u0000',
  '$',
  '@',
  '...',
  'null',
  '-1',
  '1e309',
  '\u{1F600}',
  '\n',
  '#',
  ':',
  ',',
  '"""',
];

/** A deterministic pseudo-random generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function mutate(body: string, next: () => number): string {
  const at = Math.floor(next() * body.length);
  const choice = next();
  if (choice < 0.3) return body.slice(0, at) + body.slice(at + 1 + Math.floor(next() * 8));
  if (choice < 0.6) return body.slice(0, at) + (NASTY[Math.floor(next() * NASTY.length)] ?? '') + body.slice(at);
  if (choice < 0.8) return body.slice(0, at) + body.slice(Math.floor(next() * body.length));
  return Array.from({ length: Math.floor(next() * 64) }, () => String.fromCharCode(Math.floor(next() * 128))).join('');
}

describe('fuzzing the gateway', () => {
  let shop: TestStack;
  beforeAll(async () => {
    shop = await startTestStack();
  });
  afterAll(() => shop.stop());

  it('answers 10,000 random and mutated bodies without a 5xx, and stays up', async () => {
    const next = random(20_261_122);
    const serverErrors: { status: number; body: string }[] = [];
    for (let batch = 0; batch < 500; batch++) {
      const bodies = Array.from({ length: 20 }, () => {
        let body = SEEDS[Math.floor(next() * SEEDS.length)] ?? '';
        for (let times = 1 + Math.floor(next() * 3); times > 0; times--) body = mutate(body, next);
        return body;
      });
      const statuses = await Promise.all(
        bodies.map((body) =>
          fetch(shop.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      statuses.forEach((status, i) => status >= 500 && serverErrors.push({ status, body: bodies[i] ?? '' }));
    }
    expect(serverErrors.slice(0, 5)).toEqual([]);
    const health = await fetch(new URL('/ready', shop.url));
    expect(health.status).toBe(200);
  }, 180_000);
});
