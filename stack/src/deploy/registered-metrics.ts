// The metrics the services can expose, read from the source without booting anything, so the
// dashboard and alert rules are checked against what the code registers, not against a list
// kept by hand that drifts as the code does.
import { readdirSync, readFileSync } from 'node:fs';
import { createServiceMetrics } from '@shopgraph/service-kit/metrics/service-metrics';
import { repoRoot } from './compose-file';

/** One metric a service registers: its name, type and label names. */
export interface RegisteredMetric {
  readonly name: string;
  readonly type: string;
  readonly labels: readonly string[];
}

/** What a source file registers, and the registrations whose name is not a literal. */
export interface SourceRegistrations {
  readonly metrics: RegisteredMetric[];
  readonly unnamed: string[];
}

// every service registers through ServiceMetrics: metrics.counter({ name: '…', … })
const REGISTRATION = /\.(counter|gauge|histogram)\(\s*\{/g;
const LITERAL_NAME = /^\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/;
// the call's object ends at the first `})` that opens a line (prettier's layout)
const CALL_END = /\n\s*\}\)/;
const LABEL_NAMES = /labelNames:\s*\[([^\]]*)\]/;

/** The registrations in one file's source; `unnamed` lists those without a literal first `name`. */
export function registrationsIn(source: string): SourceRegistrations {
  const metrics: RegisteredMetric[] = [];
  const unnamed: string[] = [];
  for (const match of source.matchAll(REGISTRATION)) {
    const start = match.index + match[0].length;
    const rest = source.slice(start);
    const call = rest.slice(0, CALL_END.exec(rest)?.index ?? rest.length);
    const name = LITERAL_NAME.exec(call)?.[1];
    if (name === undefined) {
      unnamed.push(source.slice(match.index, start + 60).trim());
      continue;
    }
    const labels = [...(LABEL_NAMES.exec(call)?.[1] ?? '').matchAll(/'([^']+)'/g)].map(([, label]) => label ?? '');
    metrics.push({ name, type: match[1] ?? '', labels });
  }
  return { metrics, unnamed };
}

const SOURCE_DIRS = ['gateway/src', 'subgraphs', 'packages'];
const isSource = (path: string) =>
  path.endsWith('.ts') && !/\.test\.ts$|\.d\.ts$|(^|\/)(node_modules|testing|generated)\//.test(path);

/** Every production source file of the services and packages, relative to the repository. */
function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, repoRoot), { recursive: true, encoding: 'utf8' })
      .map((path) => `${dir}/${path}`)
      .filter(isSource),
  );
}

/** What the code registers, file by file (`unnamed` names the file too). */
export function codeRegistrations(): SourceRegistrations {
  const found = sourceFiles().map((path) => ({
    path,
    ...registrationsIn(readFileSync(new URL(path, repoRoot), 'utf8')),
  }));
  return {
    metrics: found.flatMap((file) => file.metrics),
    unnamed: found.flatMap((file) => file.unnamed.map((call) => `${file.path}: ${call}`)),
  };
}

/** prom-client's default metrics (`process_*`, `nodejs_*`), as every service's registry has them. */
export function defaultMetrics(): RegisteredMetric[] {
  // at run time a metric object is the Counter/Gauge/… itself: type a string, labelNames its labels
  type Runtime = { name: string; type: string; labelNames?: string[] };
  return createServiceMetrics('any')
    .registry.getMetricsAsArray()
    .map((metric) => metric as unknown as Runtime)
    .map(({ name, type, labelNames = [] }) => ({ name, type, labels: labelNames }));
}
