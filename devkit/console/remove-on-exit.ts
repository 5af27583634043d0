import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * Deletes `path` when this process ends: after main returns, on an uncaught error, and on SIGINT, SIGTERM
 * or SIGHUP (a closed terminal), which would otherwise end the process without running 'exit' handlers.
 */
export function removeOnExit(path: string): void {
  process.once('exit', () => rmSync(path, { force: true }));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}
