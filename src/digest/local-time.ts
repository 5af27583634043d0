import { wallClock, zoneOffsetMs } from '../trunks/zone-clock.js';

/**
 * Wall-clock arithmetic in IANA zones with Intl alone: src/ ships without date libraries beyond what
 * production depends on, and Intl knows every zone and its DST rules.
 */

/** A time of day, `HH:MM` on a 24-hour clock. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

const DAY_MS = 24 * 60 * 60_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date (`2026-03-29`) in `timeZone` at an instant. */
export function localDay(epochMs: number, timeZone: string): string {
  return new Date(wallClock(epochMs, timeZone)).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [, y, m, d] = ISO_DAY.exec(day) ?? [];
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + days)).toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time of `day` happens in `timeZone`. Around a DST change:
 * Rule 1: a time that happens twice (clocks go back) is its first occurrence.
 * Rule 2: a time that never happens (clocks go forward) is moved on by the gap, as clocks are: 01:30
 * on the morning London skips from 01:00 to 02:00 is 02:30.
 */
export function zonedInstant(day: string, time: TimeOfDay, timeZone: string): number {
  const [, y, m, d] = ISO_DAY.exec(day) ?? [];
  const wall = Date.UTC(Number(y), Number(m) - 1, Number(d), time.hour, time.minute);
  // Zones change their offset at most once a day: the offsets a day either side cover both sides of a change.
  const before = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const valid = [before, after].filter((t) => wallClock(t, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  return before;
}

/** Reads `9:00`, `09:00`, `9am`, `9:30pm`, `21:15`; undefined for anything else. */
export function readTimeOfDay(text: string): TimeOfDay | undefined {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const half = match[3]?.toLowerCase();
  // A bare number is ambiguous ("9" at night?): it needs minutes or am/pm.
  if (match[2] === undefined && half === undefined) return undefined;
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** `09:05`. */
export function formatTimeOfDay({ hour, minute }: TimeOfDay): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
