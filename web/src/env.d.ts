/** The storefront's version (web/package.json), set by Vite at build time. */
declare const __APP_VERSION__: string;

declare module '*.css';
