// kubectl and a cluster are not available here: deploy/kubernetes is rendered offline
// (kustomize-render.ts) and every object checked against the Kubernetes schemas
// (kubernetes-models), then against what production needs of it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../subgraph-names';
import { repoRoot } from './compose-file';
import { hasSchema, schemaError } from './kubernetes-schemas';
import { podSpecOf, renderKustomization } from './kustomize-render';
import type { KubeObject } from './kustomize-render';

const render = (overlay: string) =>
  renderKustomization(fileURLToPath(new URL(`deploy/kubernetes/${overlay}`, repoRoot)));
const production = render('overlays/production');
const SERVICES = ['gateway', ...SUBGRAPH_NAMES];
const EVENT_SERVICES = ['products', 'orders', 'payments'];

type Labels = Record<string, string>;
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface Peer {
  podSelector?: { matchLabels?: Labels };
  namespaceSelector?: { matchLabels?: Labels };
}
interface PolicySpec {
  podSelector: { matchLabels?: Labels };
  policyTypes?: string[];
  ingress?: { from?: Peer[]; ports?: { port: number }[] }[];
  egress?: { to?: Peer[]; ports?: { port: number }[] }[];
}

const find = (kind: string, name: string): KubeObject =>
  production.find((o) => o.kind === kind && o.metadata.name === name) ?? expect.unreachable(`no ${kind}/${name}`);
const spec = <T>(object: KubeObject): T => object['spec'] as T;
const containerOf = (kind: string, name: string): Container =>
  ((podSpecOf(find(kind, name))?.['containers'] ?? []) as Container[])[0] ??
  expect.unreachable(`${name}: no container`);
const podLabels = (object: KubeObject): Labels =>
  (spec<{ template: { metadata: { labels: Labels } } }>(object).template.metadata.labels ?? {}) as Labels;
const selects = (selector: Labels | undefined, labels: Labels) =>
  Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
const policy = (name: string) => spec<PolicySpec>(find('NetworkPolicy', name));
/** The pod label sets a policy's egress rules allow, as `key=value` strings. */
const egressPeers = (name: string) =>
  (policy(name).egress ?? []).flatMap((rule) =>
    (rule.to ?? []).map((peer) => JSON.stringify(peer.podSelector?.matchLabels ?? peer.namespaceSelector?.matchLabels)),
  );

describe('the production overlay, rendered', () => {
  it('validates every object against its schema (Prometheus Operator kinds included); only CloudNativePG clusters have none', () => {
    for (const object of production) {
      if (hasSchema(object)) expect(schemaError(object), `${object.kind}/${object.metadata.name}`).toBeUndefined();
      else expect(`${object.apiVersion}/${object.kind}`).toBe('postgresql.cnpg.io/v1/Cluster');
    }
    expect(render('base').length).toBeLessThan(production.length);
  });

  it.each(SERVICES)(
    'runs %s as a Deployment behind a Service, probed on /health and /ready, with resources',
    (name) => {
      const container = containerOf('Deployment', name);
      const port = container.ports?.find((p) => p.name === 'http')?.containerPort;
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.resources?.requests).toHaveProperty('cpu');
      expect(container.resources?.requests).toHaveProperty('memory');
      expect(container.resources?.limits).toHaveProperty('memory');
      expect(container.env).toContainEqual({ name: `${name.toUpperCase()}_PORT`, value: String(port) });
      expect(container.image).toMatch(new RegExp(`/shopgraph/${name}:[\\w.-]+$`));
      const service = spec<{ selector: Labels; ports: { port: number; targetPort: string }[] }>(find('Service', name));
      expect(selects(service.selector, podLabels(find('Deployment', name)))).toBe(true);
      expect(service.ports).toContainEqual(expect.objectContaining({ port, targetPort: 'http' }));
    },
  );

  it.each(SERVICES)('keeps %s running non-root, read-only and unprivileged, through voluntary disruptions', (name) => {
    const pod = podSpecOf(find('Deployment', name)) as {
      securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
    };
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(containerOf('Deployment', name).securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    const pdb = spec<{ minAvailable: number; selector: { matchLabels: Labels } }>(find('PodDisruptionBudget', name));
    expect(selects(pdb.selector.matchLabels, podLabels(find('Deployment', name)))).toBe(true);
    const replicas = spec<{ replicas: number }>(find('Deployment', name)).replicas;
    expect(pdb.minAvailable).toBeLessThan(replicas);
  });

  it('scales the gateway on CPU with a HorizontalPodAutoscaler, and exposes only the gateway and the storefront through the Ingress', () => {
    const hpa = spec<{ scaleTargetRef: { kind: string; name: string }; minReplicas: number }>(
      find('HorizontalPodAutoscaler', 'gateway'),
    );
    expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    const backends = JSON.stringify(production.filter((o) => o.kind === 'Ingress'));
    const routes = [
      ...backends.matchAll(/"path":"([^"]+)","pathType":"Prefix","backend":\{"service":\{"name":"([^"]+)"/g),
    ];
    expect(routes.map((m) => [m[1], m[2]])).toEqual([
      ['/graphql', 'gateway'],
      ['/', 'web'],
    ]);
    expect([...backends.matchAll(/"service":\{"name":"/g)]).toHaveLength(2);
    expect(production.filter((o) => o.kind === 'Service' && JSON.stringify(o).match(/LoadBalancer|NodePort/))).toEqual(
      [],
    );
  });

  it('denies all traffic by default, and opens ingress from anywhere to the gateway and the storefront alone', () => {
    expect(policy('default-deny')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const openToAll = production
      .filter((o) => o.kind === 'NetworkPolicy')
      .filter((o) => (spec<PolicySpec>(o).ingress ?? []).some((rule) => rule.from === undefined));
    expect(openToAll.map((o) => o.metadata.name)).toEqual(['gateway', 'web']);
  });

  it('serves the storefront non-root and read-only, reaching no service, unscraped (it has no /metrics)', () => {
    const container = containerOf('Deployment', 'web');
    expect(container.image).toMatch(/\/shopgraph\/web:[\w.-]+$/);
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(podSpecOf(find('Deployment', 'web'))?.['securityContext']).toMatchObject({ runAsNonRoot: true });
    expect(container.env).toContainEqual({ name: 'WEB_GRAPHQL_URL', value: expect.stringMatching(/\/graphql$/) });
    const service = spec<{ selector: Labels; ports: { port: number }[] }>(find('Service', 'web'));
    expect(selects(service.selector, podLabels(find('Deployment', 'web')))).toBe(true);
    expect(
      selects(
        spec<{ selector: { matchLabels: Labels } }>(find('PodDisruptionBudget', 'web')).selector.matchLabels,
        podLabels(find('Deployment', 'web')),
      ),
    ).toBe(true);
    expect(policy('web')).toMatchObject({ policyTypes: ['Ingress', 'Egress'] });
    expect(policy('web').egress ?? []).toEqual([]);
    const monitor = spec<{ selector: { matchExpressions: { key: string; operator: string; values: string[] }[] } }>(
      find('ServiceMonitor', 'shopgraph'),
    );
    const component = find('Service', 'web').metadata.labels?.['app.kubernetes.io/component'];
    expect(monitor.selector.matchExpressions).toContainEqual({
      key: 'app.kubernetes.io/component',
      operator: 'NotIn',
      values: [component],
    });
  });

  it.each(SUBGRAPH_NAMES)(
    'lets %s reach only its own database, the broker if it uses events, and the collector',
    (name) => {
      const allowed = [
        JSON.stringify({ 'cnpg.io/cluster': `${name}-db` }),
        JSON.stringify({ 'kubernetes.io/metadata.name': 'observability' }),
        ...(EVENT_SERVICES.includes(name) ? [JSON.stringify({ 'app.kubernetes.io/name': 'nats' })] : []),
      ];
      expect(egressPeers(name).sort()).toEqual(allowed.sort());
      expect(egressPeers(`${name}-migrate`)).toEqual([JSON.stringify({ 'cnpg.io/cluster': `${name}-db` })]);
      const dbIngress = policy(`${name}-db`).ingress?.flatMap((rule) => rule.from ?? []) ?? [];
      const clients = production.filter((o) => podSpecOf(o) !== undefined);
      const admitted = clients.filter((o) =>
        dbIngress.some((peer) => peer.podSelector && selects(peer.podSelector.matchLabels, podLabels(o))),
      );
      expect(admitted.map((o) => o.metadata.name).sort()).toEqual([name, `${name}-migrate`].sort());
    },
  );

  it('opens the broker only to the services that publish or consume events', () => {
    const from = policy('nats').ingress?.flatMap((rule) => rule.from ?? []) ?? [];
    const workloads = production.filter((o) => podSpecOf(o) !== undefined);
    const admitted = workloads.filter((o) => from.some((peer) => selects(peer.podSelector?.matchLabels, podLabels(o))));
    expect(admitted.map((o) => o.metadata.name).sort()).toEqual([...EVENT_SERVICES].sort());
  });

  it.each(SUBGRAPH_NAMES)(
    'migrates %s with a Job of its migrate image, on the database secret the service reads',
    (name) => {
      const job = containerOf('Job', `${name}-migrate`);
      expect(job.image).toMatch(new RegExp(`/shopgraph/${name}-migrate:[\\w.-]+$`));
      const variable = `${name.toUpperCase()}_DATABASE_URL`;
      const fromSecret = (c: Container) => c.env?.find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
      expect(fromSecret(job)).toEqual({ name: `${name}-db-app`, key: 'uri' });
      expect(fromSecret(containerOf('Deployment', name))).toEqual(fromSecret(job));
      const cluster = spec<{ bootstrap: { initdb: { database: string; owner: string } } }>(
        find('Cluster', `${name}-db`),
      );
      expect(cluster.bootstrap.initdb).toEqual({ database: name, owner: `${name}_service` });
    },
  );

  it('references every secret and writes none', () => {
    expect(production.filter((o) => o.kind === 'Secret' || o.kind === 'ConfigMap')).toEqual([]);
    for (const object of production.filter((o) => podSpecOf(o) !== undefined)) {
      for (const container of (podSpecOf(object)?.['containers'] ?? []) as Container[]) {
        for (const env of container.env ?? []) {
          if (/SECRET|PASSWORD|DATABASE_URL|KEYS|TOKEN/.test(env.name))
            expect(env.valueFrom?.secretKeyRef, `${object.metadata.name} ${env.name}`).toBeDefined();
        }
      }
    }
  });

  it.each(SERVICES)('gives %s a place for its OpenTelemetry settings, pointing at the collector', (name) => {
    const env = containerOf('Deployment', name).env ?? [];
    expect(env).toContainEqual({ name: 'OTEL_SERVICE_NAME', value: name });
    expect(env.find((e) => e.name === 'OTEL_EXPORTER_OTLP_ENDPOINT')?.value).toMatch(/^http:\/\/otel-collector\./);
  });
});
