// The local explorer (development only; the web server refuses it in production): GraphiQL
// with every asset bundled, so it works offline, unlike Apollo Sandbox, which loads from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { loadRuntimeConfig } from '../runtime-config';

const { graphqlUrl } = await loadRuntimeConfig();
// subscriptions go over graphql-ws, with the headers tab's Authorization as connectionParams
const fetcher = createGraphiQLFetcher({ url: graphqlUrl, subscriptionUrl: graphqlUrl.replace(/^http/, 'ws') });
const DEFAULT_QUERY = `# Log in, then put {"Authorization": "Bearer <token>"} in Headers below.
mutation LogIn {
  logIn(email: "demo@shop.test", password: "demo-password") {
    token
  }
}
`;

createRoot(document.getElementById('explorer') ?? document.body).render(
  <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} isHeadersEditorEnabled />,
);
