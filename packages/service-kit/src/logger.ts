import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** One JSON logger per service; `LOG_LEVEL` picks the level (default `info`). */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
