import { Writable } from 'node:stream';
import { until, type UntilOptions } from './until.js';

/** One parsed JSON log line. */
export type LogLine = Record<string, unknown>;

/** Every line a logger wrote, raw and parsed. */
export interface CapturedLogs {
  destination: Writable;
  raw: string[];
  lines: LogLine[];
}

/** A pino destination that keeps every line, raw and parsed, for assertions. */
export function captureLogs(): CapturedLogs {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      const text = chunk.toString();
      raw.push(text);
      for (const line of text.split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { destination, raw, lines };
}

/** The audit lines so far: one per handled request, duplicates and replays included. */
export function auditLines(logs: CapturedLogs): LogLine[] {
  return logs.lines.filter((l) => l.msg === 'audit');
}

/**
 * Waits until at least `count` audit lines match `matches` and returns them. The bot writes a request's
 * audit line when its handling is over, duplicates and replays included, so this is the moment to count
 * what those requests did (or did not do).
 */
export function waitForAudits(
  logs: CapturedLogs,
  count: number,
  matches: (line: LogLine) => boolean,
  options: Partial<UntilOptions> = {},
): Promise<LogLine[]> {
  return until(
    () => {
      const found = auditLines(logs).filter(matches);
      return found.length >= count && found;
    },
    {
      what: `${count} audit line(s) matching ${matches.toString()}`,
      seen: () => JSON.stringify(auditLines(logs).map((l) => [l.surface, l.outcome])),
      ...options,
    },
  );
}

/** Waits for the first audit line matching `matches` (see waitForAudits) and returns it. */
export async function waitForAudit(
  logs: CapturedLogs,
  matches: (line: LogLine) => boolean,
  options: Partial<UntilOptions> = {},
): Promise<LogLine> {
  const [line] = await waitForAudits(logs, 1, matches, options);
  return line!;
}
