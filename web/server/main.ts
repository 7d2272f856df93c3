// The storefront alone (docker-compose, Kubernetes): `WEB_GRAPHQL_URL` names the gateway.
import { runUntilSignalled } from '@shopgraph/service-kit/run-until-signalled';
import { createLogger } from '@shopgraph/service-kit/logger';
import { startStorefront } from './storefront';

const log = createLogger('web', process.env['LOG_LEVEL'] ?? 'info');
const web = await startStorefront(process.env);
log.info({ url: web.url }, 'storefront listening');
runUntilSignalled(log, () => web.stop());
