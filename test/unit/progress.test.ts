import { progressFeed } from '../../src/pipeline/progress.js';
import type { SlackMessage } from '../../src/trunks/message.js';
import { until } from '../support/until.js';

describe('progressFeed', () => {
  test('says nothing when the answer comes before the first note is due', async () => {
    const sent: SlackMessage[] = [];
    const feed = progressFeed(
      async (m) => sent.push(m),
      () => undefined,
      { afterMs: 60_000 },
    );
    feed.report({ collected: 100, total: 10_000 });
    await feed.finish();
    expect(sent).toEqual([]);
  });

  test('says "Asking ITNIO…" once the answer is late, then the counts follow it', async () => {
    const sent: string[] = [];
    const feed = progressFeed(
      async (m) => sent.push(m.text),
      () => undefined,
      { waitingAfterMs: 0, afterMs: 0, everyMs: 0 },
    );
    feed.report({ collected: 100, total: 10_000 });
    await until(() => sent.length === 2, { what: 'the note and the first count' });
    await feed.finish();
    expect(sent).toEqual([
      ':hourglass_flowing_sand: Asking ITNIO…',
      ':hourglass_flowing_sand: Collecting 100 of 10,000 trunks from ITNIO…',
    ]);
  });

  test('sends no more than maxNotes notes, so the response_url has a post left for the answer', async () => {
    const sent: string[] = [];
    const feed = progressFeed(
      async (m) => sent.push(m.text),
      () => undefined,
      { waitingAfterMs: 0, afterMs: 0, everyMs: 0, maxNotes: 1 },
    );
    feed.report({ collected: 100, total: 10_000 });
    // Both notes fall due at once; by the time the first is sent, the second has had its turn.
    await until(() => sent.length >= 1, { what: 'the first note' });
    await feed.finish();
    expect(sent).toEqual([':hourglass_flowing_sand: Asking ITNIO…']);
  });

  test('shows the latest count once due, at most once per interval, and nothing after finish', async () => {
    const sent: string[] = [];
    const feed = progressFeed(
      async (m) => sent.push(m.text),
      () => undefined,
      { afterMs: 0, everyMs: 60_000 },
    );
    feed.report({ collected: 100, total: 10_000 });
    feed.report({ collected: 4_200, total: 10_000 });
    await until(() => sent.length === 1, { what: 'the first progress note' });
    feed.report({ collected: 9_900, total: 10_000 });
    await feed.finish();
    expect(sent).toEqual([':hourglass_flowing_sand: Collecting 4,200 of 10,000 trunks from ITNIO…']);
  });

  test('a note Slack refuses is reported, not thrown, and finish still resolves', async () => {
    const errors: unknown[] = [];
    const feed = progressFeed(
      async () => {
        throw new Error('expired_url');
      },
      (error) => errors.push(error),
      { afterMs: 0 },
    );
    feed.report({ collected: 1, total: 2 });
    await until(() => errors.length === 1, { what: 'the refused note to be reported' });
    await expect(feed.finish()).resolves.toBeUndefined();
  });
});
