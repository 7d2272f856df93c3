import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { graphql } from '@shopgraph/test-kit/graphql-client';
import type { GraphQLResponse } from '@shopgraph/test-kit/graphql-client';
import { codeBlocks, readmeSection } from './readme';

/** What one README block answered. */
export interface SnippetRun {
  readonly snippet: string;
  readonly status: number;
  readonly errors: readonly unknown[];
}

interface Placeholders {
  token?: string | undefined;
  productId?: string | undefined;
  orderId?: string | undefined;
}

const fill = (snippet: string, known: Placeholders) =>
  snippet.replace('<a product id>', known.productId ?? '').replace('<the order id>', known.orderId ?? '');

// what a reader copies from one answer into the next snippet
function learn(response: GraphQLResponse, known: Placeholders): void {
  const data = response.data as Record<string, { token?: string; id?: string; edges?: { node: { id: string } }[] }>;
  known.token ??= data?.['logIn']?.token;
  known.productId ??= data?.['products']?.edges?.[0]?.node.id;
  known.orderId ??= data?.['placeOrder']?.id;
}

// a subscription is served as a stream: it is valid once the gateway starts streaming it
async function runSubscription(url: string, query: string, token: string | undefined): Promise<SnippetRun> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'multipart/mixed;subscriptionSpec=1.0',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  const streaming = /^multipart\/mixed/.test(response.headers.get('content-type') ?? '');
  const errors = streaming ? [] : (((await response.json()) as GraphQLResponse).errors ?? []);
  await response.body?.cancel();
  return { snippet: query, status: response.status, errors };
}

/**
 * Runs every ```graphql block of the README's "Try it" section in order, as a reader would:
 * the log-in's token in the header of the next ones, a product ID and the order's ID copied
 * from the answers into the placeholders.
 */
export async function runTryItSnippets(url: string): Promise<SnippetRun[]> {
  const known: Placeholders = {};
  const runs: SnippetRun[] = [];
  for (const block of codeBlocks(readmeSection('Try it'), 'graphql')) {
    const query = fill(block, known);
    if (/^\s*subscription\b/.test(query)) {
      runs.push(await runSubscription(url, query, known.token));
      continue;
    }
    const response = await graphql(url, { query, ...(known.token ? { token: known.token } : {}) });
    learn(response, known);
    runs.push({ snippet: query, status: response.status, errors: response.errors ?? [] });
  }
  return runs;
}

const SNIPPET_DIR = fileURLToPath(new URL('../../.readme-snippets/', import.meta.url));

/**
 * The ```ts blocks of the README's "Clients" section as modules (inside the repository, so
 * their imports resolve as an app's would), each imported; removed afterwards.
 */
export async function importClientSnippets<M>(use: (modules: M[]) => Promise<void>): Promise<void> {
  await mkdir(SNIPPET_DIR, { recursive: true });
  try {
    const blocks = codeBlocks(readmeSection('Clients'), 'ts');
    const modules: M[] = [];
    for (const [index, block] of blocks.entries()) {
      const path = `${SNIPPET_DIR}snippet-${index}.ts`;
      await writeFile(path, block);
      modules.push((await import(/* @vite-ignore */ path)) as M);
    }
    await use(modules);
  } finally {
    await rm(SNIPPET_DIR, { recursive: true, force: true });
  }
}
