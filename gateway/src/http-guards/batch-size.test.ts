import { describe, expect, it } from 'vitest';
import { enforceBatchSize } from './batch-size';

const operations = (n: number) => Array.from({ length: n }, () => ({ query: '{ me { id } }' }));

describe('the batch size limit', () => {
  it('refuses a batch of more operations than the maximum with 400 BAD_USER_INPUT, saying the limit', () => {
    expect(() => enforceBatchSize(operations(4), 3)).toThrow(
      expect.objectContaining({ status: 400, code: 'BAD_USER_INPUT', message: expect.stringMatching(/at most 3/) }),
    );
  });

  it('accepts a batch of the maximum size, and any single operation', () => {
    expect(() => enforceBatchSize(operations(3), 3)).not.toThrow();
    expect(() => enforceBatchSize({ query: '{ me { id } }' }, 1)).not.toThrow();
  });
});
