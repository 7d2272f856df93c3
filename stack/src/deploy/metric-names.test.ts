// The dashboard and the alert rules may read only the metrics the code registers, filtered and
// grouped only by labels those metrics carry. The names come from the code itself (the literal
// `name` of every metrics.counter/gauge/histogram call) and from prom-client's default metrics:
// rename a metric or a label in the code, and this fails until the dashboard and rules follow.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from './compose-file';
import { groupingLabels, metricNames, selectors } from './promql';
import { codeRegistrations, defaultMetrics, registrationsIn } from './registered-metrics';
import type { RegisteredMetric } from './registered-metrics';

const code = codeRegistrations();
const registered = new Map([...code.metrics, ...defaultMetrics()].map((metric) => [metric.name, metric]));
// every series has the service's own label (createServiceMetrics) and the target's job and instance
const EVERY_SERIES = ['service', 'job', 'instance'];
// Prometheus writes `up` for each target itself
const SYNTHETIC = new Map<string, RegisteredMetric>([['up', { name: 'up', type: 'gauge', labels: [] }]]);

/** The registered metric a series name reads (a histogram's `_bucket`, `_sum`, `_count` too). */
function seriesOf(name: string): { metric: RegisteredMetric; labels: string[] } | undefined {
  const direct = registered.get(name) ?? SYNTHETIC.get(name);
  if (direct !== undefined) return { metric: direct, labels: [...direct.labels, ...EVERY_SERIES] };
  const [, base = '', suffix] = /^(.+)_(bucket|sum|count)$/.exec(name) ?? [];
  const histogram = registered.get(base);
  if (histogram?.type !== 'histogram') return undefined;
  return { metric: histogram, labels: [...histogram.labels, ...EVERY_SERIES, ...(suffix === 'bucket' ? ['le'] : [])] };
}

/** What is wrong with an expression: metrics nobody registers, labels those metrics lack. */
function problems(expr: string): string[] {
  const unknown = metricNames(expr).filter((name) => seriesOf(name) === undefined);
  const badSelectors = selectors(expr).flatMap(({ metric, labels }) =>
    labels.filter((label) => !seriesOf(metric)?.labels.includes(label)).map((label) => `${metric}{${label}}`),
  );
  const known = new Set(metricNames(expr).flatMap((name) => seriesOf(name)?.labels ?? []));
  const badGroups = groupingLabels(expr)
    .filter((label) => !known.has(label))
    .map((label) => `by (${label})`);
  return [...unknown, ...badSelectors, ...badGroups];
}

interface Dashboard {
  templating: { list: { query: { query: string } }[] };
  panels: { title: string; targets?: { expr: string }[] }[];
}
const dashboard = JSON.parse(readRepoFile('deploy/grafana/dashboards/shopgraph.json')) as Dashboard;
const alerts = parse(readRepoFile('deploy/prometheus/alerts.yml')) as {
  groups: { rules: { alert: string; expr: string }[] }[];
};
// `label_values(up{job="shopgraph"}, service)`: its selector, and the label as a grouping
const variableExpr = (query: string) => query.replace(/^label_values\((.*),\s*(\w+)\)$/, 'max by ($2) ($1)');
const expressions: [string, string][] = [
  ...alerts.groups.flatMap((group) => group.rules.map((rule): [string, string] => [`alert ${rule.alert}`, rule.expr])),
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t): [string, string] => [panel.title, t.expr])),
  ...dashboard.templating.list.map((v): [string, string] => ['a variable', variableExpr(v.query.query)]),
];

describe('the metrics the code registers', () => {
  it('are read from every registration, each named by a literal', () => {
    expect(code.unnamed).toEqual([]);
    expect(registered.get('graphql_request_duration_seconds')).toEqual({
      name: 'graphql_request_duration_seconds',
      type: 'histogram',
      labels: ['operation', 'outcome'],
    });
    expect(registered.get('nodejs_eventloop_lag_p99_seconds')?.type).toBe('gauge');
  });

  it('are found by name and labels in a source, and a registration without a literal name is reported', () => {
    const source = `const a = metrics.gauge({\n  name: 'a_things',\n  labelNames: ['kind'],\n  collect() {\n    this.set({ kind: 'x' }, 1);\n  },\n});\nmetrics.counter({ ...config });`;
    expect(registrationsIn(source)).toEqual({
      metrics: [{ name: 'a_things', type: 'gauge', labels: ['kind'] }],
      unnamed: ['.counter({ ...config });'],
    });
  });
});

describe('the dashboard and the alert rules', () => {
  it('catch a metric or label the code does not have', () => {
    expect(problems('sum by (service) (rate(shopgraph_graphql_requests_total[5m]))')).toEqual([
      'shopgraph_graphql_requests_total',
      'by (service)',
    ]);
    expect(problems('sum by (route) (rate(graphql_requests_total{status="500"}[5m]))')).toEqual([
      'graphql_requests_total{status}',
      'by (route)',
    ]);
    expect(problems('gateway_subgraph_fetch_errors_total_bucket')).toHaveLength(1);
    expect(problems('histogram_quantile(0.9, sum by (le) (rate(saga_settle_duration_seconds_bucket[5m])))')).toEqual(
      [],
    );
  });

  it.each(expressions)('%s reads only registered metrics and their labels: %s', (_, expr) => {
    expect(problems(expr)).toEqual([]);
  });
});
