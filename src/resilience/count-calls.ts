import type { Logger } from '../log.js';
import type { TrunkSource } from './trunk-source.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Counts the calls that reach ITNIO and logs the count once per period (an hour by default): the
 * vendor caps data per account (status -23), so operators need to see what the bot spends.
 */
export function countCalls(source: TrunkSource, log: Logger, periodMs = HOUR_MS): TrunkSource {
  let calls = 0;
  let failed = 0;
  const timer = setInterval(() => {
    log.info({ vendorCalls: calls, failedCalls: failed, periodMinutes: Math.round(periodMs / 60_000) }, 'ITNIO calls');
    calls = 0;
    failed = 0;
  }, periodMs);
  timer.unref();
  return {
    async queryTrunks(query) {
      calls += 1;
      try {
        return await source.queryTrunks(query);
      } catch (error) {
        failed += 1;
        throw error;
      }
    },
    close() {
      clearInterval(timer);
      source.close();
    },
  };
}
