import { addDays, localDay, readTimeOfDay, zonedInstant } from '../../src/digest/local-time.js';
import type { DigestRun } from '../../src/digest/digest-poster.js';
import type { MovableClock } from '../sandbox/movable-clock.js';

/** The console's lines for the `time …` commands, part of its help. */
export const TIME_HELP = [
  'Move the bot’s clock to see daily digests (/trunks digest 09:00) without waiting for them:',
  '  time                      what time the bot thinks it is',
  '  time +1d, +2h, +30m       move the clock forward, then post the digests due',
  '  time 09:00                move it on to the next 09:00 in your time zone, then post the digests due',
];

/** The bot's clock and its digest poster, as the demo wires them. */
export interface ConsoleTime {
  clock: MovableClock;
  runDue(): Promise<DigestRun>;
  /** The console user's zone (their Slack profile's), for `time 09:00` and for showing the clock. */
  timeZone: string;
}

const USAGE = 'Try time +1d, time +2h, time +30m or time 09:00 (the clock only moves forward).';
const NEEDS_SANDBOX =
  'The time commands need the sandbox ITNIO API, but this demo talks to the real vendor, which refuses ' +
  'requests whose clock is more than five minutes off: start it without ITNIO_API_KEY and ITNIO_API_SECRET.';
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Runs one `time …` command (the words after `time`), writing what it did before the digests it makes
 * the bot post appear, and what came of them after.
 */
export async function runTimeCommand(
  args: string,
  time: ConsoleTime | undefined,
  write: (line: string) => void,
): Promise<void> {
  if (!time) return write(NEEDS_SANDBOX);
  const text = args.trim().toLowerCase();
  const { clock } = time;
  if (text === '') return write(`(the bot’s clock: ${show(clock.now(), time.timeZone)})`);
  let ms: number;
  const span = /^\+(\d{1,3})\s*([mhd])$/.exec(text);
  const at = readTimeOfDay(text);
  if (span) {
    ms = Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS];
  } else if (at) {
    const now = clock.now();
    const today = localDay(now, time.timeZone);
    const todays = zonedInstant(today, at, time.timeZone);
    ms = (todays > now ? todays : zonedInstant(addDays(today, 1), at, time.timeZone)) - now;
  } else {
    return write(USAGE);
  }
  if (ms <= 0) return write(USAGE);
  clock.advance(ms);
  write(`(the bot’s clock is now ${show(clock.now(), time.timeZone)})`);
  const run = await time.runDue();
  if (!run.ran) {
    write(
      `(no digests posted: ${run.reason === 'not_leader' ? 'another bot posts them' : 'the store did not answer'})`,
    );
  } else if (run.posted + run.failed + run.missed === 0) {
    write('(no digest is due)');
  } else if (run.failed + run.missed > 0) {
    write(`(${run.failed + run.missed} digest(s) not posted: see the bot log)`);
  }
}

function show(epochMs: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(epochMs));
  return `${text} ${timeZone}`;
}
