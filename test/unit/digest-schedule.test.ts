import type { DigestSend } from '../../src/digest/digest-book.js';
import { dueNow, LATE_LIMIT_MS, latestSlot, MAX_ATTEMPTS, nextSlot } from '../../src/digest/digest-schedule.js';
import { addDays, localDay, readTimeOfDay, zonedInstant } from '../../src/digest/local-time.js';
import { aDigest } from '../support/a-digest.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('local time with Intl', () => {
  test.each([
    ['2026-03-02', '09:00', 'Europe/London', '2026-03-02T09:00:00.000Z'],
    ['2026-07-02', '09:00', 'Europe/London', '2026-07-02T08:00:00.000Z'],
    ['2026-03-02', '09:00', 'America/New_York', '2026-03-02T14:00:00.000Z'],
    ['2026-03-02', '09:00', 'Asia/Tokyo', '2026-03-02T00:00:00.000Z'],
    ['2026-03-02', '09:00', 'Asia/Kolkata', '2026-03-02T03:30:00.000Z'],
    ['2026-03-02', '00:00', 'UTC', '2026-03-02T00:00:00.000Z'],
    // Clocks go forward: a time that never happens is moved on by the gap.
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    // Clocks go back: a time that happens twice is its first occurrence.
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
  ])('%s %s in %s is %s', (day, time, zone, iso) => {
    expect(new Date(zonedInstant(day, readTimeOfDay(time)!, zone)).toISOString()).toBe(iso);
  });

  test('local days and day arithmetic', () => {
    expect(localDay(at('2026-03-02T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
    expect(localDay(at('2026-03-02T02:30:00Z'), 'America/New_York')).toBe('2026-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  test.each([
    ['09:00', { hour: 9, minute: 0 }],
    ['9:05', { hour: 9, minute: 5 }],
    ['21.15', { hour: 21, minute: 15 }],
    ['9am', { hour: 9, minute: 0 }],
    ['12am', { hour: 0, minute: 0 }],
    ['12:30pm', { hour: 12, minute: 30 }],
    ['5:45PM', { hour: 17, minute: 45 }],
  ])('reads %s', (text, time) => {
    expect(readTimeOfDay(text)).toEqual(time);
  });

  test.each(['9', '24:00', '09:60', '13pm', '0am', 'soon', '9:5', ''])('refuses %j', (text) => {
    expect(readTimeOfDay(text)).toBeUndefined();
  });
});

describe('when a digest is due', () => {
  test('not before its local time; at it; late within the limit; missed after it', () => {
    const d = aDigest({ timeZone: 'America/New_York' });
    // Yesterday's is owed (set up long before), but a day late is past the limit.
    expect(dueNow(d, undefined, at('2026-03-02T13:59:00Z'))).toMatchObject({
      kind: 'missed',
      slot: { day: '2026-03-01' },
    });
    const posted: DigestSend = { day: '2026-03-01', dueAt: at('2026-03-01T14:00:00Z'), attempts: 1, postedAt: 1 };
    expect(dueNow(d, posted, at('2026-03-02T13:59:59Z'))).toBeUndefined();
    expect(dueNow(d, posted, at('2026-03-02T14:00:00Z'))).toEqual({
      kind: 'post',
      slot: { day: '2026-03-02', dueAt: at('2026-03-02T14:00:00Z') },
      lateMs: 0,
    });
    expect(dueNow(d, posted, at('2026-03-02T16:30:00Z'))).toMatchObject({ kind: 'post', lateMs: 2.5 * HOUR });
    expect(dueNow(d, posted, at('2026-03-02T14:00:00Z') + LATE_LIMIT_MS + 1)).toMatchObject({ kind: 'missed' });
  });

  test('a day is done once posted, skipped or tried as often as it may be; a pending try is tried again', () => {
    const d = aDigest();
    const now = at('2026-03-02T09:01:00Z');
    const base = { day: '2026-03-02', dueAt: at('2026-03-02T09:00:00Z') };
    expect(dueNow(d, { ...base, attempts: 1, postedAt: now }, now)).toBeUndefined();
    expect(dueNow(d, { ...base, attempts: 0, skipped: 'missed' }, now)).toBeUndefined();
    expect(dueNow(d, { ...base, attempts: MAX_ATTEMPTS }, now)).toBeUndefined();
    expect(dueNow(d, { ...base, attempts: 1 }, now)).toMatchObject({ kind: 'post' });
  });

  test('a time already past when the digest was set up is not owed that day', () => {
    const d = aDigest({ createdAt: at('2026-03-02T09:30:00Z') });
    expect(dueNow(d, undefined, at('2026-03-02T09:31:00Z'))).toBeUndefined();
    expect(nextSlot(d, at('2026-03-02T09:31:00Z')).day).toBe('2026-03-03');
    expect(latestSlot(d, at('2026-03-03T09:00:00Z')).day).toBe('2026-03-03');
  });

  test('the next digest skips a day already posted', () => {
    const d = aDigest();
    const posted: DigestSend = { day: '2026-03-02', dueAt: 0, attempts: 1, postedAt: 1 };
    expect(nextSlot(d, at('2026-03-02T08:00:00Z')).day).toBe('2026-03-02');
    expect(nextSlot(d, at('2026-03-02T08:00:00Z'), posted).day).toBe('2026-03-03');
  });

  // Key property: whatever the clocks do, a channel gets exactly one digest per local day.
  test.each([
    ['Europe/London', '01:30'],
    ['Europe/London', '00:30'],
    ['America/New_York', '02:30'],
    ['America/New_York', '01:30'],
    ['Australia/Lord_Howe', '02:15'],
    ['Asia/Kolkata', '09:00'],
  ])('in %s at %s: one post a day through the DST changes of March/April and October/November', (zone, time) => {
    const d = aDigest({ timeZone: zone, time, createdAt: at('2026-02-27T00:00:00Z') });
    const step = 30 * 60_000;
    for (const [from, to] of [
      ['2026-03-05', '2026-04-08'],
      ['2026-09-30', '2026-11-04'],
    ] as const) {
      let send: DigestSend | undefined;
      const days: string[] = [];
      for (let now = at(`${from}T00:00:00Z`); now < at(`${to}T00:00:00Z`); now += step) {
        const due = dueNow(d, send, now);
        if (!due) continue;
        if (due.kind === 'missed') {
          // Only the day before the window starts, which is long past when the simulation begins.
          expect(send).toBeUndefined();
          send = { day: due.slot.day, dueAt: due.slot.dueAt, attempts: 0, skipped: 'missed' };
          continue;
        }
        // Every step after the first is on time: nothing is posted late when the bot runs all along.
        if (days.length > 0) expect(due.lateMs).toBeLessThan(step);
        days.push(due.slot.day);
        send = { day: due.slot.day, dueAt: due.slot.dueAt, attempts: 1, postedAt: now };
      }
      expect(new Set(days).size).toBe(days.length);
      for (let i = 1; i < days.length; i++) expect(days[i]).toBe(addDays(days[i - 1]!, 1));
    }
  });
});
