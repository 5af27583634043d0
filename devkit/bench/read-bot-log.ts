import type { BotProcess } from './spawn-bot.js';

/** What one audit line says about a request: the bot's own time for it, whatever it was. */
export interface AuditEntry {
  /** The pipeline's start → the reply delivered and the request done, whole ms. */
  durationMs: number;
  outcome: string;
  /** Served from a snapshot built before the request arrived. */
  cached: boolean;
  /** Slack refused the reply. */
  replyFailed: boolean;
  /** The error's message, when the line carries one. */
  error: string | undefined;
}

/** The bot's JSON log lines that the inventory run reads, as they arrive on its stdout. */
export interface BotLog {
  /** The audit line of the request made by `user` (the bench gives every request its own user). */
  audit(user: string): AuditEntry | undefined;
  /** The last "inventory snapshot built" line. */
  snapshotBuilt(): { trunks: number; durationMs: number } | undefined;
  /** Resolves once every one of `users` has an audit line; rejects after `timeoutMs`. */
  waitForAudits(users: readonly string[], timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Starts reading `bot`'s stdout: audit lines by user, and the snapshot-built line. */
export function readBotLog(bot: BotProcess): BotLog {
  const audits = new Map<string, AuditEntry>();
  let built: { trunks: number; durationMs: number } | undefined;
  const seen = new Set<() => void>();
  const stop = bot.onLine((line) => {
    // Most lines are not wanted; parse only the two kinds that are.
    const isAudit = line.includes('"audit":true');
    if (!isAudit && !line.includes('inventory snapshot built')) return;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if (isAudit && typeof entry.user === 'string' && typeof entry.durationMs === 'number') {
      audits.set(entry.user, {
        durationMs: entry.durationMs,
        outcome: String(entry.outcome),
        cached: entry.cached === true,
        replyFailed: entry.replyFailed === true,
        // Expected errors are logged compactly under `error`, bugs under `err` with their stack.
        error: ((entry.error ?? entry.err) as { message?: string } | undefined)?.message,
      });
    } else if (entry.msg === 'inventory snapshot built') {
      built = { trunks: Number(entry.trunks), durationMs: Number(entry.durationMs) };
    }
    for (const look of [...seen]) look();
  });
  return {
    audit: (user) => audits.get(user),
    snapshotBuilt: () => built,
    waitForAudits: (users, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          if (!users.every((u) => audits.has(u))) return;
          clearTimeout(timer);
          seen.delete(look);
          resolve();
        };
        const timer = setTimeout(() => {
          seen.delete(look);
          const missing = users.filter((u) => !audits.has(u)).length;
          reject(new Error(`${missing} of ${users.length} audit lines did not appear on trunkbot's stdout`));
        }, timeoutMs);
        seen.add(look);
        look();
      }),
    stop,
  };
}
