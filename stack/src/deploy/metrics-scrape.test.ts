// The services run in production mode under compose and on Kubernetes, where /metrics answers
// only the bearer of METRICS_TOKEN (decision 0032): Prometheus must send the very token each
// service checks, on each service's own port, or every panel and alert goes blank.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../subgraph-names';
import { composeFile, readRepoFile, repoRoot, variableOf } from './compose-file';
import { podSpecOf, renderKustomization } from './kustomize-render';
import type { KubeObject } from './kustomize-render';

const SERVICES = ['gateway', ...SUBGRAPH_NAMES];
const compose = composeFile();
const scrape = (
  parse(readRepoFile('deploy/prometheus/prometheus.yml')) as {
    scrape_configs: { job_name: string; honor_labels?: boolean; authorization?: Record<string, string> }[];
  }
).scrape_configs[0];

describe('Prometheus under docker compose', () => {
  it('sends every service the METRICS_TOKEN it requires of a scrape, and keeps its service label', () => {
    const secret = compose.services['prometheus']?.secrets?.[0] ?? '';
    expect(compose.secrets?.[secret]).toEqual({ environment: 'METRICS_TOKEN' });
    expect(scrape?.authorization).toEqual({ type: 'Bearer', credentials_file: `/run/secrets/${secret}` });
    expect(scrape?.honor_labels).toBe(true);
    for (const name of SERVICES) {
      const token = compose.services[name]?.environment?.['METRICS_TOKEN'];
      expect(token, name).toMatch(/^\$\{METRICS_TOKEN:\?/);
      expect(variableOf(token)).toBe('METRICS_TOKEN');
    }
  });
});

type Labels = Record<string, string>;
interface Endpoint {
  port: string;
  path: string;
  honorLabels?: boolean;
  authorization: { type: string; credentials: { name: string; key: string } };
}
interface Ingress {
  from?: { namespaceSelector?: { matchLabels?: Labels } }[];
  ports?: { port: number }[];
}
const production = renderKustomization(fileURLToPath(new URL('deploy/kubernetes/overlays/production', repoRoot)));
const find = (kind: string, name: string): KubeObject =>
  production.find((o) => o.kind === kind && o.metadata.name === name) ?? expect.unreachable(`no ${kind}/${name}`);
const specOf = <T>(kind: string, name: string): T => find(kind, name)['spec'] as T;

describe('Prometheus on Kubernetes', () => {
  const monitor = specOf<{ jobLabel: string; selector: { matchLabels: Labels }; endpoints: Endpoint[] }>(
    'ServiceMonitor',
    'shopgraph',
  );
  const [endpoint] = monitor.endpoints;

  it.each(SERVICES)(
    'scrapes %s on its own port with the token it checks, as job and service the rules read',
    (name) => {
      const service = find('Service', name);
      const labels = service.metadata.labels ?? {};
      for (const [key, value] of Object.entries(monitor.selector.matchLabels)) expect(labels[key]).toBe(value);
      expect(labels[monitor.jobLabel]).toBe(scrape?.job_name);
      const port = specOf<{ ports: { name: string; port: number }[] }>('Service', name).ports.find(
        (p) => p.name === endpoint?.port,
      )?.port;
      expect(endpoint).toMatchObject({ path: '/metrics', honorLabels: true, authorization: { type: 'Bearer' } });
      const container = (podSpecOf(find('Deployment', name))?.['containers'] as { env: unknown[] }[])[0];
      expect(container?.env).toContainEqual({
        name: 'METRICS_TOKEN',
        valueFrom: { secretKeyRef: endpoint?.authorization.credentials },
      });
      // the network policy lets the monitoring namespace (or anyone, for the gateway) in on that port
      const ingress = specOf<{ ingress: Ingress[] }>('NetworkPolicy', name).ingress.filter(
        (rule) =>
          rule.ports?.some((p) => p.port === port) &&
          (rule.from === undefined ||
            rule.from.some(
              (peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring',
            )),
      );
      expect(ingress.length, `${name}:${port}`).toBeGreaterThan(0);
    },
  );

  it('evaluates the alert rules of deploy/prometheus/alerts.yml, word for word', () => {
    expect(specOf<{ groups: unknown[] }>('PrometheusRule', 'shopgraph').groups).toEqual(
      (parse(readRepoFile('deploy/prometheus/alerts.yml')) as { groups: unknown[] }).groups,
    );
  });
});
