import type { BotProcess } from './spawn-bot.js';

/** What trunkbot's log said over a run, counted as its lines arrive. */
export interface LogCounts {
  /** Audit lines by outcome. */
  outcomes: Map<string, number>;
  /** Audit lines with `cached`: answered from a snapshot or page built before the request. */
  cachedAnswers: number;
  snapshotBuilds: number;
  /** Lines at pino's error or fatal level. */
  errorLines: number;
}

/** Starts counting `bot`'s audit, snapshot and error lines; the returned object fills in as they come. */
export function countLogLines(bot: BotProcess): LogCounts {
  const counts: LogCounts = { outcomes: new Map(), cachedAnswers: 0, snapshotBuilds: 0, errorLines: 0 };
  bot.onLine((line) => {
    if (line.includes('inventory snapshot built')) counts.snapshotBuilds += 1;
    if (line.includes('"level":50') || line.includes('"level":60')) counts.errorLines += 1;
    if (!line.includes('"audit":true')) return;
    const entry = JSON.parse(line) as { outcome?: string; cached?: boolean };
    const outcome = String(entry.outcome);
    counts.outcomes.set(outcome, (counts.outcomes.get(outcome) ?? 0) + 1);
    if (entry.cached) counts.cachedAnswers += 1;
  });
  return counts;
}
