import { describe, expect, it } from 'vitest';
import { metricNames, promqlLooksBalanced } from './promql';

describe('the offline PromQL checks', () => {
  it('find the metrics an expression reads, not its functions, labels or grouping', () => {
    const expr = 'sum by (service, le) (rate(a_total{outcome!="x"}[5m])) / on (service) max(b_seconds) > 0.5 and up';
    expect(metricNames(expr)).toEqual(['a_total', 'b_seconds', 'up']);
  });

  it('refuse an expression with an unclosed bracket or quote', () => {
    expect(promqlLooksBalanced('sum(rate(a[5m]))')).toBe(true);
    expect(promqlLooksBalanced('sum(rate(a[5m])')).toBe(false);
    expect(promqlLooksBalanced('a{b="c}')).toBe(false);
    expect(promqlLooksBalanced(' ')).toBe(false);
  });
});
