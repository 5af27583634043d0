import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import { ItnioError } from '../../src/itnio/errors.js';
import { limitConcurrency } from '../../src/resilience/limit-concurrency.js';
import { singleFlight } from '../../src/resilience/single-flight.js';

/** A client whose calls finish only when the test says so. */
function controllableClient() {
  const pending: { query: PageQuery; finish: () => void; fail: (e: Error) => void }[] = [];
  const client: TrunkSource = {
    queryTrunks: (query) =>
      new Promise<SourcedPage>((resolve, reject) => {
        const result = {
          total: 0,
          size: query.size,
          current: query.page,
          pages: 0,
          records: [],
          unreadable: 0,
          latencyMs: 1,
          fetchedAt: 0,
        };
        pending.push({ query, finish: () => resolve(result), fail: reject });
      }),
    close: () => undefined,
  };
  return { client, pending };
}

const q = (page: number, name?: string): PageQuery => ({ page, size: 10, filter: name ? { sipTrunkName: name } : {} });
const tick = () => new Promise((r) => setImmediate(r));

describe('limitConcurrency', () => {
  test('runs at most `max` calls, queues up to `queue`, and refuses the rest as busy', async () => {
    const { client, pending } = controllableClient();
    const limited = limitConcurrency(client, { max: 2, queue: 1 });
    const calls = [1, 2, 3].map((p) => limited.queryTrunks(q(p)));
    const fourth = limited.queryTrunks(q(4));
    await expect(fourth).rejects.toMatchObject({ code: 'itnio_busy' });
    await tick();
    expect(pending.map((p) => p.query.page)).toEqual([1, 2]);

    pending[0]!.finish();
    await tick();
    expect(pending.map((p) => p.query.page)).toEqual([1, 2, 3]);
    pending[1]!.fail(new ItnioError('itnio_timeout', 'slow'));
    pending[2]!.finish();
    await expect(Promise.allSettled(calls)).resolves.toEqual([
      expect.objectContaining({ status: 'fulfilled' }),
      expect.objectContaining({ status: 'rejected' }),
      expect.objectContaining({ status: 'fulfilled' }),
    ]);

    // Slots were all given back: two more run at once again.
    void limited.queryTrunks(q(5));
    void limited.queryTrunks(q(6));
    await tick();
    expect(pending.map((p) => p.query.page)).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('limitConcurrency waiting', () => {
  test('a query that waits too long for a slot is told the bot is busy, and leaves the queue', async () => {
    const { client, pending } = controllableClient();
    const limited = limitConcurrency(client, { max: 1, queue: 5, maxWaitMs: 50 });
    const first = limited.queryTrunks(q(1));
    await expect(limited.queryTrunks(q(2))).rejects.toMatchObject({ code: 'itnio_busy' });
    pending[0]!.finish();
    await first;
    void limited.queryTrunks(q(3));
    await tick();
    expect(pending.map((p) => p.query.page)).toEqual([1, 3]);
  });

  test('a waiting query is cancelled by its signal (shutdown)', async () => {
    const { client, pending } = controllableClient();
    const limited = limitConcurrency(client, { max: 1, queue: 5, maxWaitMs: 5_000 });
    void limited.queryTrunks(q(1));
    const controller = new AbortController();
    const waiting = limited.queryTrunks({ ...q(2), signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'itnio_cancelled' });
    pending[0]!.finish();
    await tick();
    expect(pending).toHaveLength(1);
  });
});

describe('singleFlight', () => {
  test('identical queries in flight share one call; different or later ones do not', async () => {
    const { client, pending } = controllableClient();
    const shared = singleFlight(client);
    const a = shared.queryTrunks(q(1, 'acme'));
    const b = shared.queryTrunks(q(1, 'acme'));
    const c = shared.queryTrunks(q(2, 'acme'));
    await tick();
    expect(pending.map((p) => p.query.page)).toEqual([1, 2]);
    pending[0]!.finish();
    pending[1]!.finish();
    expect(await a).toBe(await b);
    await c;
    void shared.queryTrunks(q(1, 'acme'));
    await tick();
    expect(pending).toHaveLength(3);
  });
});
