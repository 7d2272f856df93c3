import { pino } from 'pino';
import type { Logger } from 'pino';

export interface CapturedLogger {
  readonly logger: Logger;
  /** Every line logged so far, parsed. */
  readonly lines: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** A logger that keeps its lines in memory, for tests that assert something was logged. */
export function captureLogger(): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
