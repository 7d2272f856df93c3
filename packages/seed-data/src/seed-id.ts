import { createHash } from 'node:crypto';

/**
 * A stable UUID for a seed record, so every service seeds its slice of one consistent
 * shop (the orders seed names the users seed's customer) without talking to the others.
 */
export function seedId(kind: string, key: string | number): string {
  const hex = createHash('sha256').update(`shopgraph-seed:${kind}:${key}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
