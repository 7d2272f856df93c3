import { useEffect, useState } from 'react';

/** The storefront's pages, from the URL hash (`#/product/<id>`), so any static server can serve it. */
export type Route =
  | { readonly page: 'catalogue' }
  | { readonly page: 'product'; readonly id: string }
  | { readonly page: 'cart' }
  | { readonly page: 'login' }
  | { readonly page: 'order'; readonly id: string }
  | { readonly page: 'orders' }
  | { readonly page: 'admin' };

const SIMPLE = ['cart', 'login', 'orders', 'admin'] as const;

export function parseRoute(hash: string): Route {
  const [page = '', id] = hash.replace(/^#\/?/, '').split('/');
  if ((page === 'product' || page === 'order') && id) return { page, id: decodeURIComponent(id) };
  const simple = SIMPLE.find((name) => name === page);
  return simple ? { page: simple } : { page: 'catalogue' };
}

export const href = (route: Route): string =>
  'id' in route ? `#/${route.page}/${encodeURIComponent(route.id)}` : `#/${route.page}`;

export const navigate = (route: Route): void => {
  window.location.hash = href(route);
};

/** The current route, following the hash. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
