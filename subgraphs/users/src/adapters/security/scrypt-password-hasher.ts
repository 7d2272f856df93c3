import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../application/ports';

const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * scrypt from Node's crypto; the hash records its own cost parameters
 * (`scrypt$N$r$p$salt$key`) so they can be raised without invalidating old hashes.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  /** @param cost scrypt N; default 2^15 (~50 ms here). Tests may lower it. */
  constructor(private readonly cost = 32_768) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const options = { N: this.cost, r: 8, p: 1, maxmem: 128 * this.cost * 8 * 2 };
    const key = await derive(password, salt, options);
    return ['scrypt', this.cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = hash.split('$');
    if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
    const N = Number(n);
    const expected = Buffer.from(key, 'base64url');
    const actual = await derive(password, Buffer.from(salt, 'base64url'), {
      N,
      r: Number(r),
      p: Number(p),
      maxmem: 128 * N * Number(r) * 2,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
