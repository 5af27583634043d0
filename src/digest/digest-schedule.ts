import { MAX_ATTEMPTS } from '../watch/alert-sender.js';
import type { Digest, DigestSend } from './digest-book.js';
import { addDays, localDay, readTimeOfDay, zonedInstant } from './local-time.js';

/**
 * How late a digest is still posted when the bot was not running (or had no data) at its time. Later
 * than this the day is skipped: a 09:00 summary that arrives in the afternoon reads as news, and the
 * next one is due the next morning anyway.
 */
export const LATE_LIMIT_MS = 3 * 60 * 60_000;
/** A post later than this says it is late (the minute timer makes a minute or so normal). */
export const LATE_NOTE_MS = 5 * 60_000;
/** Posts Slack refuses for a while (5xx, rate limits) are tried on this many runs before the day is given up. */
export { MAX_ATTEMPTS };

/** One day's occurrence of a digest: the local day, and the instant its time happens that day. */
export interface Slot {
  day: string;
  dueAt: number;
}

/** What a run should do about one digest now. */
export type Due = { kind: 'post'; slot: Slot; lateMs: number } | { kind: 'missed'; slot: Slot };

/** The digest's occurrence on a local day (see zonedInstant for the days clocks change). */
function slotOn(digest: Pick<Digest, 'time' | 'timeZone'>, day: string): Slot {
  const time = readTimeOfDay(digest.time) ?? { hour: 9, minute: 0 };
  return { day, dueAt: zonedInstant(day, time, digest.timeZone) };
}

/** The latest occurrence at or before `at`: today's once its time has come, else yesterday's. */
export function latestSlot(digest: Pick<Digest, 'time' | 'timeZone'>, at: number): Slot {
  const today = localDay(at, digest.timeZone);
  const slot = slotOn(digest, today);
  return slot.dueAt <= at ? slot : slotOn(digest, addDays(today, -1));
}

/** Whether the day of `slot` needs nothing more: posted, skipped, or tried as often as it may be. */
function dayDone(send: DigestSend | undefined, slot: Slot): boolean {
  if (send === undefined || send.day !== slot.day) return false;
  return send.postedAt !== undefined || send.skipped !== undefined || send.attempts >= MAX_ATTEMPTS;
}

/**
 * Whether a digest is due at `now`, given what was last sent to its channel.
 * Rule 1: only the latest occurrence counts; days the bot missed entirely are not made up.
 * Rule 2: an occurrence before the digest was set up is not owed.
 * Rule 3: one post per channel per local day, whatever the clocks did.
 * Rule 4: up to LATE_LIMIT_MS late it is posted; after that the day is marked missed.
 */
export function dueNow(digest: Digest, send: DigestSend | undefined, now: number): Due | undefined {
  const slot = latestSlot(digest, now);
  if (slot.dueAt < digest.createdAt || dayDone(send, slot)) return undefined;
  const lateMs = now - slot.dueAt;
  return lateMs > LATE_LIMIT_MS ? { kind: 'missed', slot } : { kind: 'post', slot, lateMs };
}

/** The next occurrence after `at` that will be posted: for telling people when to expect it. */
export function nextSlot(digest: Digest, at: number, send?: DigestSend): Slot {
  const today = localDay(at, digest.timeZone);
  for (let i = 0; ; i++) {
    const slot = slotOn(digest, addDays(today, i));
    if (slot.dueAt > at && slot.dueAt >= digest.createdAt && !dayDone(send, slot)) return slot;
  }
}
