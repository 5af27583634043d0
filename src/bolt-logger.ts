import { LogLevel, UnknownError, type Logger as BoltLogger } from '@slack/bolt';
import { errorFields, type Logger } from './log.js';

const FROM_BOLT: Record<LogLevel, string> = {
  [LogLevel.ERROR]: 'error',
  [LogLevel.WARN]: 'warn',
  [LogLevel.INFO]: 'info',
  [LogLevel.DEBUG]: 'debug',
};

/** Routes Bolt's and the Web client's log calls into our redacting pino logger. */
export function toBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      // Bolt logs debug lines on every request: skip building text nobody will see.
      if (!child.isLevelEnabled(level)) return;
      const err = msg.find((m): m is Error => m instanceof Error);
      const text = msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m))).join(' ');
      if (err) child[level](errorFields(thrown(err)), text);
      else child[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Levels are owned by LOG_LEVEL; Bolt must not lower or raise them behind our back.
    setLevel: () => undefined,
    getLevel: () => (Object.entries(FROM_BOLT).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => undefined,
  };
}

// Bolt wraps an error without a code in UnknownError, which has a code of its own and keeps the error that
// was thrown (and its stack) in `original`: log that one, so a listener bug is not mistaken for an expected error.
function thrown(err: Error): unknown {
  return err instanceof UnknownError ? err.original : err;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
