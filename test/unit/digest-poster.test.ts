import { createDigestBook, type DigestBook } from '../../src/digest/digest-book.js';
import { createDigestPoster } from '../../src/digest/digest-poster.js';
import { MAX_ATTEMPTS } from '../../src/digest/digest-schedule.js';
import { createLogger } from '../../src/log.js';
import type { DurableStore } from '../../src/store/durable.js';
import { DURABLE_KEY } from '../../src/store/keys.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import type { AlertSender } from '../../src/watch/alert-sender.js';
import { captureLogs } from '../support/capture-logs.js';
import { memoryDurable } from '../support/memory-durable.js';
import { aTrunk } from '../support/trunks.js';
import { fakeClock, fakeInventory, recordingSender } from '../support/watch-harness.js';

const CHANNEL = 'C0DIGEST';
// Monday 2 March 2026, 08:00 in London (GMT).
const START = Date.UTC(2026, 2, 2, 8, 0);
const MINUTE = 60_000;

async function setup(durable?: DurableStore) {
  const clock = fakeClock(START);
  const store = durable ?? memoryDurable(clock.now);
  const book = createDigestBook(store);
  await book.set({
    channel: CHANNEL,
    createdBy: 'U0ALICE',
    createdAt: START,
    time: '09:00',
    timeZone: 'Europe/London',
    zoneFrom: 'user',
    query: '',
    request: { page: 1 },
  });
  const itnio = fakeInventory(clock.now, [aTrunk({ keyId: 1, enabled: false })]);
  const logs = captureLogs();
  const posterOn = (sender: AlertSender, on: DurableStore = store) =>
    createDigestPoster({
      durable: on,
      book: createDigestBook(on),
      inventory: itnio.inventory,
      sender,
      log: createLogger({ level: 'info', destination: logs.destination }),
      seal: createButtonSeal('test-secret'),
      now: clock.now,
    });
  return { clock, store, book, itnio, logs, posterOn };
}

describe('the digest poster', () => {
  test('records the attempt before sending; a crash before the post is recorded re-sends it once, then never again', async () => {
    const { clock, store, book, posterOn } = await setup();
    const slack = recordingSender();
    let recordedBeforeSend: unknown;
    slack.scripted.push(async () => {
      recordedBeforeSend = await book.send(CHANNEL);
      return { ok: true, ts: '1.1' };
    });
    // The process dies right after Slack took the digest: the write that records the post never happens.
    let crashed = false;
    const dying: DurableStore = {
      ...store,
      putRecord: async (collection, id, value) => {
        if (collection === DURABLE_KEY.digestSends && recordedBeforeSend !== undefined && !crashed) {
          crashed = true;
          throw new Error('process killed');
        }
        return store.putRecord(collection, id, value);
      },
    };
    const first = posterOn(slack.sender, dying);
    clock.advance(60 * MINUTE);
    expect(await first.runDue()).toEqual({ ran: false, reason: 'store_unavailable' });
    expect(recordedBeforeSend).toEqual({ day: '2026-03-02', dueAt: Date.UTC(2026, 2, 2, 9, 0), attempts: 1 });

    // The restarted bot does not know whether Slack took it: at least once, so it goes out again, once.
    // The dead process never released its lease: it runs out (two minutes and a bit) before the new one posts.
    clock.advance(3 * MINUTE);
    const restarted = posterOn(slack.sender);
    expect(await restarted.runDue()).toMatchObject({ ran: true, posted: 1 });
    expect(await book.send(CHANNEL)).toMatchObject({ day: '2026-03-02', attempts: 2, postedAt: clock.now() });
    clock.advance(MINUTE);
    expect(await restarted.runDue()).toMatchObject({ ran: true, posted: 0 });
    expect(slack.topLevel()).toHaveLength(1);
  });

  test('a digest Slack refuses for a while is tried on later runs, then given up for the day with a log line', async () => {
    const { clock, book, logs, posterOn } = await setup();
    const slack = recordingSender();
    for (let i = 0; i < MAX_ATTEMPTS; i++)
      slack.scripted.push(async () => ({ ok: false, error: 'fatal_error', gone: false }));
    const poster = posterOn(slack.sender);
    clock.advance(60 * MINUTE);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await poster.runDue()).toMatchObject({ ran: true, posted: 0, failed: 1 });
      clock.advance(MINUTE);
    }
    expect(await poster.runDue()).toMatchObject({ ran: true, posted: 0, failed: 0 });
    expect(await book.send(CHANNEL)).toMatchObject({ attempts: MAX_ATTEMPTS, skipped: 'given_up' });
    expect(logs.lines.find((l) => l.msg === 'daily digest given up for today')).toMatchObject({
      channel: CHANNEL,
      slackError: 'fatal_error',
    });
    // The next day is a new day.
    clock.advance(24 * 60 * MINUTE);
    expect(await poster.runDue()).toMatchObject({ posted: 1 });
  });

  test('without a snapshot from ITNIO nothing is posted or counted; the digest goes out once ITNIO answers', async () => {
    const { clock, itnio, posterOn, book } = await setup();
    const slack = recordingSender();
    const poster = posterOn(slack.sender);
    itnio.state.fail = true;
    clock.advance(60 * MINUTE);
    expect(await poster.runDue()).toMatchObject({ ran: true, posted: 0, failed: 1 });
    expect(await book.send(CHANNEL)).toBeUndefined();
    itnio.state.fail = false;
    clock.advance(MINUTE);
    expect(await poster.runDue()).toMatchObject({ posted: 1 });
    expect(slack.topLevel()).toHaveLength(1);
  });

  test('only the lease holder posts', async () => {
    const { clock, store, posterOn } = await setup();
    const a = recordingSender();
    const b = recordingSender();
    const posterA = posterOn(a.sender);
    const posterB = posterOn(b.sender);
    clock.advance(60 * MINUTE);
    const book: DigestBook = createDigestBook(store);
    expect(await posterA.runDue()).toMatchObject({ ran: true, posted: 1 });
    expect(await posterB.runDue()).toEqual({ ran: false, reason: 'not_leader' });
    await posterA.stop();
    clock.advance(MINUTE);
    // A stopped and released its lease: B takes over and knows today's digest went out.
    expect(await posterB.runDue()).toMatchObject({ ran: true, posted: 0 });
    expect((await book.send(CHANNEL))?.postedAt).toBeDefined();
    expect([...a.topLevel(), ...b.topLevel()]).toHaveLength(1);
  });
});
