// The CommonJS build of the OpenTelemetry API, the one `@apollo/gateway` (CommonJS) traces
// through; see tracing.ts. A plain require, so esbuild bundles it and the images find it.
module.exports = require('@opentelemetry/api');
