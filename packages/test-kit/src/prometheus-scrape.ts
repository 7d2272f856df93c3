import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { PrometheusFamily } from 'parse-prometheus-text-format';

/** A service's `/metrics`: its families as the parser read them, and its sample lines. */
export interface Scrape {
  readonly families: ReadonlyMap<string, PrometheusFamily>;
  readonly samples: readonly Sample[];
}

interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** GETs `/metrics` next to a service's `/graphql` URL and parses it as Prometheus text (throws if it is not). */
export async function scrapeMetrics(graphqlUrl: string, token?: string): Promise<Scrape> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  if (!response.headers.get('content-type')?.startsWith('text/plain')) throw new Error('/metrics is not text/plain');
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  return { families: new Map(families.map((family) => [family.name, family])), samples: samplesOf(text) };
}

const SAMPLE = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;

// the parser folds a labelled histogram's series into one, so values are read from the lines
function samplesOf(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE.exec(line);
    if (line.startsWith('#') || !match) return [];
    const [, name = '', labels = '', value = ''] = match;
    return [
      { name, labels: Object.fromEntries([...labels.matchAll(LABEL)].map(([, k, v]) => [k, v])), value: Number(value) },
    ];
  });
}

/**
 * The value of the series `name` (a histogram's: `name_count`) whose labels include `labels`;
 * 0 when there is none yet: a labelled counter has no series before its first increment.
 */
export function sampleOf(scrape: Scrape, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const series = scrape.families.get(name)?.type === 'HISTOGRAM' ? `${name}_count` : name;
  const sample = scrape.samples.find(
    (candidate) =>
      candidate.name === series && Object.entries(labels).every(([key, value]) => candidate.labels[key] === value),
  );
  return sample?.value ?? 0;
}
