# syntax=docker/dockerfile:1
# Every service's image, from one file: the service is a build argument. Build from the
# repository root (the workspace needs every manifest):
#   docker build --build-arg SERVICE=gateway -t shopgraph/gateway .
#   docker build --build-arg SERVICE=users -t shopgraph/users .
#   docker build --build-arg SERVICE=users --target migrate -t shopgraph/users-migrate .
#   docker build --build-arg SERVICE=web -t shopgraph/web .     # the storefront: server + app
# The service image runs plain JavaScript bundled by `npm run build` (decision 0034): no
# node_modules, TypeScript, tsx or dev dependency inside. A subgraph's `migrate` target is its
# one-shot migration job: the Prisma CLI, the schema, the committed migrations, nothing else.
# Node: the maintained LTS line the root package.json's `engines` names (decision 0035).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first, so the npm ci layer is rebuilt only when a dependency changes.
# Every workspace of the root package.json must be listed: npm ci installs the whole lockfile.
COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY packages/event-bus/package.json packages/event-bus/
COPY packages/events/package.json packages/events/
COPY packages/outbox/package.json packages/outbox/
COPY packages/seed-data/package.json packages/seed-data/
COPY packages/service-kit/package.json packages/service-kit/
COPY packages/test-kit/package.json packages/test-kit/
COPY stack/package.json stack/
COPY subgraphs/orders/package.json subgraphs/orders/
COPY subgraphs/payments/package.json subgraphs/payments/
COPY subgraphs/products/package.json subgraphs/products/
COPY subgraphs/users/package.json subgraphs/users/
COPY web/package.json web/
# The image's npm ignores the allowScripts policy of package.json; no dependency install
# script is needed (Prisma runs on its WebAssembly engines), so none may run.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
ARG SERVICE
# generates the Prisma clients (prebuild), then bundles build/$SERVICE and build/$SERVICE-migrate
RUN test -n "$SERVICE" || { echo 'docker build needs --build-arg SERVICE=<gateway|web|users|products|…>' >&2; exit 1; } \
  && npm run build -- "$SERVICE"

# ── the migration job: `prisma migrate deploy` against <SERVICE>_DATABASE_URL, then exit ──
FROM ${NODE_IMAGE} AS migrate
ARG SERVICE
ENV NODE_ENV=production \
  CHECKPOINT_DISABLE=1 \
  PRISMA_HIDE_UPDATE_MESSAGE=1
WORKDIR /app
# root-owned, read-only for the job
COPY --from=build /app/build/${SERVICE}-migrate ./
# the official image's `node` user (uid 1000), numeric so Kubernetes can verify runAsNonRoot
USER 1000:1000
CMD ["node", "node_modules/prisma/build/index.js", "migrate", "deploy", "--config", "prisma/prisma.config.mjs"]

# ── the service (the default target) ──
FROM ${NODE_IMAGE} AS service
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
# main.mjs, the files it reads at their repository paths (schema.graphql, supergraph.graphql,
# persisted operations; the storefront's built app), service.env (host and port defaults) and health.mjs. Root-owned,
# read-only for the service.
COPY --from=build /app/build/${SERVICE} ./
USER 1000:1000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "--env-file=service.env", "health.mjs"]
# node itself is PID 1 (no npm wrapper), so SIGTERM reaches the service's shutdown handler;
# --env-file never overrides a variable the container is given
CMD ["node", "--env-file=service.env", "main.mjs"]
