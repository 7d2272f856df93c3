import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

/** Options of {@link landingPage}. */
export interface LandingPageOptions {
  readonly production: boolean;
  /** The local explorer (the storefront server's `/explorer`, development only), linked at the top. */
  readonly explorerUrl: string | undefined;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The gateway's landing page: none in production; in development Apollo Sandbox, which loads
 * from Apollo's CDN, with a link to the local explorer above it for when that CDN is out of
 * reach (offline, behind a proxy).
 */
export function landingPage<C extends BaseContext>({
  production,
  explorerUrl,
}: LandingPageOptions): ApolloServerPlugin<C> {
  if (production) return ApolloServerPluginLandingPageDisabled();
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ embed: true });
  if (!explorerUrl) return sandbox;
  const link = `<p id="local-explorer" style="margin:0;padding:0.4em 1em;font:14px system-ui,sans-serif">Offline? <a href="${escapeHtml(explorerUrl)}">Open the local explorer (GraphiQL)</a></p>`;
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (!listener || !render) return listener;
      return {
        ...listener,
        renderLandingPage: async () => {
          const { html } = await render();
          const text = typeof html === 'string' ? html : await html();
          return { html: text.replace('<body>', `<body>\n    ${link}`) };
        },
      };
    },
  };
}
