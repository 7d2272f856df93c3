import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo-client';
import { App } from './app';
import { CartProvider } from './cart';
import { loadRuntimeConfig } from './runtime-config';
import { SessionProvider, storedToken } from './session';
import './style.css';

const root = createRoot(document.getElementById('root') ?? document.body);
try {
  const { graphqlUrl } = await loadRuntimeConfig();
  const { client, socket } = createApolloClient({ graphqlUrl, version: __APP_VERSION__, token: storedToken });
  // another user must not see the last one's cached data, nor ride their socket
  const sessionChanged = () => {
    socket.terminate();
    void client.clearStore();
  };
  root.render(
    <StrictMode>
      <ApolloProvider client={client}>
        <SessionProvider onChange={sessionChanged}>
          <CartProvider>
            <App />
          </CartProvider>
        </SessionProvider>
      </ApolloProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p role="alert">The shop cannot start: {error instanceof Error ? error.message : String(error)}</p>);
}
