// No Docker engine, Prometheus or Grafana runs here: these tests read the observability files
// of docker-compose.yml and fail when one would not load or would point at nothing.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../subgraph-names';
import { composeFile, readRepoFile, repoRoot } from './compose-file';
import { metricNames, promqlLooksBalanced } from './promql';

const compose = composeFile();
const yaml = <T>(path: string): T => parse(readRepoFile(path)) as T;
const mounts = (service: string) =>
  (compose.services[service]?.volumes ?? [])
    .map((volume) => volume.split(':'))
    .filter(([from]) => from?.startsWith('./'));
const nodeServices = ['gateway', ...SUBGRAPH_NAMES];
const shareNetwork = (a: string, b: string) =>
  (compose.services[a]?.networks ?? []).some((net) => compose.services[b]?.networks?.includes(net));

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const alerts = yaml<{ groups: { name: string; rules: Rule[] }[] }>('deploy/prometheus/alerts.yml');
const rules = alerts.groups.flatMap((group) => group.rules);

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}
const dashboard = JSON.parse(readRepoFile('deploy/grafana/dashboards/shopgraph.json')) as {
  uid: string;
  title: string;
  panels: Panel[];
};
const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');

describe('the compose observability stack', () => {
  it('mounts only files that exist, and depends only on services that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [from] of mounts(name))
        expect(existsSync(new URL(from ?? '', repoRoot)), `${name}: ${from}`).toBe(true);
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(compose.services, `${name} → ${dep}`).toHaveProperty(dep);
      for (const net of service.networks ?? []) expect(compose.networks, `${name} on ${net}`).toHaveProperty(net);
    }
  });

  it.each(nodeServices)('sends the traces of %s to the collector, under its own service name', (name) => {
    const env = compose.services[name]?.environment ?? {};
    const endpoint = new URL(env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'missing:');
    expect(endpoint.hostname).toBe('otel-collector');
    expect(env['OTEL_SERVICE_NAME']).toBe(name);
    expect(shareNetwork(name, 'otel-collector')).toBe(true);
    const receiver = yaml<{ receivers: { otlp: { protocols: { http: { endpoint: string } } } } }>(
      'deploy/otel-collector/config.yaml',
    ).receivers.otlp.protocols.http.endpoint;
    expect(receiver.endsWith(`:${endpoint.port}`)).toBe(true);
  });

  it('runs every collector pipeline on components it defines, and exports traces to Jaeger', () => {
    type Section = Record<string, unknown>;
    const config = yaml<{
      receivers: Section;
      processors: Section;
      exporters: Record<string, { endpoint?: string }>;
      service: { pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
    }>('deploy/otel-collector/config.yaml');
    expect(mounts('otel-collector')).toContainEqual([
      './deploy/otel-collector/config.yaml',
      '/etc/otelcol/config.yaml',
      'ro',
    ]);
    for (const pipeline of Object.values(config.service.pipelines)) {
      for (const id of pipeline.receivers) expect(config.receivers).toHaveProperty([id]);
      for (const id of pipeline.processors) expect(config.processors).toHaveProperty([id]);
      for (const id of pipeline.exporters) expect(config.exporters).toHaveProperty([id]);
    }
    const traces = config.service.pipelines['traces']?.exporters ?? [];
    expect(traces.map((id) => config.exporters[id]?.endpoint)).toContain('jaeger:4317');
    expect(shareNetwork('otel-collector', 'jaeger')).toBe(true);
  });

  it('scrapes /metrics of every service on its own port, labelled with its name', () => {
    const config = yaml<{
      rule_files: string[];
      scrape_configs: {
        job_name: string;
        metrics_path?: string;
        static_configs: { targets: string[]; labels: { service: string } }[];
      }[];
    }>('deploy/prometheus/prometheus.yml');
    const job = config.scrape_configs.find((scrape) => scrape.job_name === 'shopgraph');
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
    const targets = Object.fromEntries((job?.static_configs ?? []).map((s) => [s.labels.service, s.targets]));
    for (const name of nodeServices) {
      const port = compose.services[name]?.environment?.[`${name.toUpperCase()}_PORT`];
      expect(targets[name], name).toEqual([`${name}:${port}`]);
      expect(shareNetwork('prometheus', name), name).toBe(true);
    }
    const mounted = mounts('prometheus').map(([, to]) => to);
    for (const file of config.rule_files) expect(mounted).toContain(file);
  });
});

describe('the Prometheus alert rules', () => {
  it('are well-formed: a name, a balanced expression, a severity and a summary each', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(promqlLooksBalanced(rule.expr ?? ''), rule.alert).toBe(true);
      expect(rule.labels?.['severity'], rule.alert).toBeDefined();
      expect(rule.annotations?.['summary'], rule.alert).toBeDefined();
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('page for an open breaker, outbox lag, dead letters and the error rate', () => {
    const watched = new Set(rules.flatMap((rule) => metricNames(rule.expr ?? '')));
    for (const metric of [
      'gateway_subgraph_breaker_state',
      'outbox_oldest_unpublished_age_seconds',
      'event_bus_dead_letters_total',
      'graphql_requests_total',
    ])
      expect(watched).toContain(metric);
  });
});

describe('the Grafana dashboard', () => {
  const datasources = yaml<{ datasources: { uid: string; url: string }[] }>(
    'deploy/grafana/provisioning/datasources/datasources.yaml',
  ).datasources;

  it('is provisioned from the directory compose mounts, on data sources that are provisioned too', () => {
    const provider = yaml<{ providers: { options: { path: string } }[] }>(
      'deploy/grafana/provisioning/dashboards/dashboards.yaml',
    ).providers[0];
    expect(mounts('grafana')).toContainEqual(['./deploy/grafana/dashboards', provider?.options.path, 'ro']);
    for (const source of datasources) expect(compose.services).toHaveProperty(new URL(source.url).hostname);
    const uids = datasources.map((source) => source.uid);
    for (const panel of graphs)
      for (const target of panel.targets ?? []) expect(uids, panel.title).toContain(target.datasource?.uid);
  });

  it('has unique panel ids, panels inside the 24-column grid, and a query in every graph', () => {
    expect(dashboard.uid).toMatch(/^[\w-]{1,40}$/);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels)
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    for (const panel of graphs) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(promqlLooksBalanced(target.expr), panel.title).toBe(true);
    }
  });

  it('shows RED per operation and per subgraph, the saga funnel, subscriptions and outbox lag', () => {
    const shown = new Set(graphs.flatMap((panel) => (panel.targets ?? []).flatMap((t) => metricNames(t.expr))));
    for (const metric of [
      'graphql_requests_total',
      'graphql_request_duration_seconds_bucket',
      'gateway_subgraph_fetch_duration_seconds_bucket',
      'gateway_subgraph_fetch_errors_total',
      'saga_orders_settled_total',
      'saga_settle_duration_seconds_bucket',
      'gateway_subscriptions',
      'gateway_subscription_events_total',
      'outbox_oldest_unpublished_age_seconds',
    ])
      expect(shown).toContain(metric);
    // every metric an alert pages on can be looked at on the dashboard (`up` is Prometheus' own)
    for (const metric of rules.flatMap((rule) => metricNames(rule.expr ?? '')).filter((m) => m !== 'up'))
      expect(shown).toContain(metric);
  });
});
