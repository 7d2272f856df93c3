import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a "find many by IDs" query: one query per batch,
 * results returned in key order, `undefined` for IDs that do not exist.
 */
export function byIdLoader<T extends { readonly id: string }>(
  findByIds: (ids: readonly string[]) => Promise<readonly T[]>,
  options?: DataLoader.Options<string, T | undefined>,
): DataLoader<string, T | undefined> {
  return new DataLoader(async (ids) => {
    const found = new Map((await findByIds(ids)).map((item) => [item.id, item]));
    return ids.map((id) => found.get(id));
  }, options);
}

/** Like {@link byIdLoader}, keyed by another column (e.g. a payment by its order ID). */
export function byKeyLoader<T>(
  findByKeys: (keys: readonly string[]) => Promise<readonly T[]>,
  keyOf: (item: T) => string,
): DataLoader<string, T | undefined> {
  return new DataLoader(async (keys) => {
    const found = new Map((await findByKeys(keys)).map((item) => [keyOf(item), item]));
    return keys.map((key) => found.get(key));
  });
}
