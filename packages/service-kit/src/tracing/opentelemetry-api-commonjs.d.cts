import * as api from '@opentelemetry/api';
export = api;
