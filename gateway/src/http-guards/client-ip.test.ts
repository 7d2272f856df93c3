import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const request = (remoteAddress: string | undefined, forwardedFor?: string) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('client IP address', () => {
  it('is the socket peer by default', () => {
    expect(clientIp(request('198.51.100.4'))).toBe('198.51.100.4');
  });

  it('reads an IPv4-mapped IPv6 peer as IPv4, and IPv6 in lower case', () => {
    expect(clientIp(request('::ffff:198.51.100.4'))).toBe('198.51.100.4');
    expect(clientIp(request('2001:DB8::1'))).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For unless proxies are trusted, as any caller can write it', () => {
    expect(clientIp(request('10.0.0.2', '203.0.113.50'))).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.2', '203.0.113.50'), { trustedProxies: 0 })).toBe('10.0.0.2');
  });

  it('behind one trusted proxy, takes the address that proxy appended, not one the caller forged', () => {
    expect(clientIp(request('10.0.0.2', '203.0.113.50'), { trustedProxies: 1 })).toBe('203.0.113.50');
    expect(clientIp(request('10.0.0.2', '1.2.3.4, 203.0.113.50'), { trustedProxies: 1 })).toBe('203.0.113.50');
    expect(clientIp(request('10.0.0.2', '1.2.3.4,::ffff:203.0.113.50'), { trustedProxies: 1 })).toBe('203.0.113.50');
  });

  it('behind two trusted proxies, skips the address the second proxy added for the first', () => {
    expect(clientIp(request('10.0.0.2', '1.2.3.4, 203.0.113.50, 10.0.0.1'), { trustedProxies: 2 })).toBe(
      '203.0.113.50',
    );
    expect(clientIp(request('10.0.0.2', '203.0.113.50'), { trustedProxies: 2 })).toBe('203.0.113.50');
  });

  it('falls back to the peer when the forwarded value is missing or not an address', () => {
    expect(clientIp(request('10.0.0.2'), { trustedProxies: 1 })).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.2', 'unknown'), { trustedProxies: 1 })).toBe('10.0.0.2');
  });

  it('names a closed socket "unknown"', () => {
    expect(clientIp(request(undefined))).toBe('unknown');
  });
});
