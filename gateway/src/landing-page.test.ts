import type { GraphQLServerContext, GraphQLServerListener } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { landingPage } from './landing-page';

const EXPLORER = 'http://localhost:3000/explorer';

// what Apollo Server hands a plugin at start: only the landing page is read here
const start = async (plugin: ReturnType<typeof landingPage>): Promise<GraphQLServerListener | undefined> =>
  (await plugin.serverWillStart?.({} as GraphQLServerContext)) ?? undefined;

async function htmlOf(listener: GraphQLServerListener | undefined): Promise<string | undefined> {
  const page = await listener?.renderLandingPage?.();
  if (!page) return undefined;
  return typeof page.html === 'string' ? page.html : page.html();
}

describe("the gateway's landing page", () => {
  it('links the local explorer above Sandbox in development', async () => {
    const html = await htmlOf(await start(landingPage({ production: false, explorerUrl: EXPLORER })));
    expect(html).toContain(`<a href="${EXPLORER}">Open the local explorer (GraphiQL)</a>`);
    expect(html).toContain('embeddable-sandbox');
  });

  it('is Sandbox alone in development when no explorer is served', async () => {
    const html = await htmlOf(await start(landingPage({ production: false, explorerUrl: undefined })));
    expect(html).not.toContain('local-explorer');
  });

  it('is disabled in production, explorer or not', async () => {
    const plugin = landingPage({ production: true, explorerUrl: EXPLORER });
    expect(await htmlOf(await start(plugin))).toBeUndefined();
  });
});
