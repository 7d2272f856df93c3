import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The repository root, for tests that read deployment files. */
export const repoRoot = new URL('../../../', import.meta.url);
/** A file of the repository, as text. */
export const readRepoFile = (path: string): string => readFileSync(new URL(path, repoRoot), 'utf8');

/** The parts of a docker-compose service the tests read. */
export interface ComposeService {
  build?: { context: string; dockerfile: string; target?: string; args?: Record<string, string> };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  working_dir?: string;
  command?: string[];
  user?: string;
  secrets?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean } | null>;
  secrets?: Record<string, { environment?: string; file?: string }>;
}

/** docker-compose.yml, YAML merge keys (`<<: *node`) applied as compose applies them. */
export const composeFile = (): ComposeFile => parse(readRepoFile('docker-compose.yml'), { merge: true }) as ComposeFile;

/** A `${NAME:?message}` or `${NAME:-default}` value's variable name. */
export const variableOf = (value: string | undefined): string | undefined => /^\$\{(\w+)/.exec(value ?? '')?.[1];
