import { describe, expect, it } from 'vitest';
import { createConnectionsPerIp } from './connections-per-ip';

describe('connections per IP', () => {
  it('admits up to the maximum per IP, independently for each IP', () => {
    const connections = createConnectionsPerIp(2);
    expect([1, 2, 3].map(() => connections.acquire('203.0.113.1'))).toEqual([true, true, false]);
    expect(connections.acquire('203.0.113.2')).toBe(true);
  });

  it('admits a new connection once one is released, and forgets an IP with none', () => {
    const connections = createConnectionsPerIp(1);
    connections.acquire('203.0.113.1');
    connections.release('203.0.113.1');
    expect(connections.count('203.0.113.1')).toBe(0);
    expect(connections.acquire('203.0.113.1')).toBe(true);
    expect(connections.acquire('203.0.113.1')).toBe(false);
  });
});
