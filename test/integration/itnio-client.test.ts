import { getEventListeners } from 'node:events';
import { createItnioClient, type ItnioClient } from '../../src/itnio/client.js';
import { ItnioError } from '../../src/itnio/errors.js';
import { sign } from '../../src/itnio/sign.js';
import { SANDBOX_PASSWORD_PREFIX } from '../../devkit/sandbox/seed-trunks.js';
import { startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';

let sandbox: ItnioSandbox;
let client: ItnioClient;

function clientFor(overrides: Partial<Parameters<typeof createItnioClient>[0]> = {}): ItnioClient {
  return createItnioClient({
    apiUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiSecret: sandbox.apiSecret,
    timeoutMs: 1_000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ItnioError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ItnioError) return err;
    throw err;
  }
  throw new Error('expected the query to fail');
}

beforeEach(async () => {
  sandbox = await startItnioSandbox();
  client = clientFor();
});

afterEach(async () => {
  client.close();
  await sandbox.close();
});

describe('ITNIO client against the sandbox API', () => {
  test('sends a correctly signed query and parses the page', async () => {
    const page = await client.queryTrunks({ page: 2, size: 10, filter: { type: 1, sipTrunkName: 'acme' } });
    expect(page.current).toBe(2);
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((t) => t.type === 1 && /acme/i.test(t.name ?? ''))).toBe(true);
    expect(JSON.stringify(page)).not.toContain(SANDBOX_PASSWORD_PREFIX);
    const [request] = sandbox.requests;
    expect(request?.body).toEqual({ current: 2, size: 10, params: { type: 1, sipTrunkName: 'acme' } });
    expect(request?.sign).toBe(sign(sandbox.apiKey, sandbox.apiSecret, request!.timestamp!));
    expect(request?.vendorStatus).toBe(0);
  });

  test('fingerprints SIP passwords only when asked (snapshots), never passing the password on', async () => {
    const plain = await client.queryTrunks({ page: 1, size: 5, filter: {} });
    expect(plain.records.every((t) => t.credentialTag === undefined)).toBe(true);
    const tagged = await client.queryTrunks({ page: 1, size: 5, filter: {}, credentials: true });
    expect(tagged.records.every((t) => /^[\w-]{6}\.[\w-]{16}$/.test(t.credentialTag ?? ''))).toBe(true);
    expect(JSON.stringify(tagged)).not.toContain(SANDBOX_PASSWORD_PREFIX);
  });

  test('omits empty filters from params', async () => {
    await client.queryTrunks({ page: 1, size: 10, filter: { sipTrunkName: '' } });
    expect(sandbox.requests[0]?.body).toEqual({ current: 1, size: 10, params: {} });
  });

  test('retries a 503 and signs the retry afresh', async () => {
    let clock = 1_700_000_000_000;
    client.close();
    // The sandbox checks the clock window against real time; give it the same fake clock.
    await sandbox.close();
    sandbox = await startItnioSandbox({ now: () => clock });
    client = clientFor({
      now: () => {
        clock += 2_000;
        return clock;
      },
    });
    sandbox.inject({ kind: 'http', status: 503 }, 2);
    const page = await client.queryTrunks({ page: 1, size: 5, filter: {} });
    expect(page.records).toHaveLength(5);
    expect(sandbox.requests.map((r) => r.httpStatus)).toEqual([503, 503, 200]);
    const timestamps = sandbox.requests.map((r) => r.timestamp);
    expect(new Set(timestamps).size).toBe(3);
    for (const r of sandbox.requests) expect(r.sign).toBe(sign(sandbox.apiKey, sandbox.apiSecret, r.timestamp!));
  });

  test('gives up after the retry budget with an HTTP error', async () => {
    sandbox.inject({ kind: 'http', status: 502 }, Infinity);
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_http');
    expect(err.details.httpStatus).toBe(502);
    expect(sandbox.requests).toHaveLength(3);
  });

  test('does not retry a 400', async () => {
    sandbox.inject({ kind: 'http', status: 400 });
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_http');
    expect(sandbox.requests).toHaveLength(1);
  });

  test('a hanging API times out per attempt and overall', async () => {
    client.close();
    client = clientFor({ timeoutMs: 200, retries: 1 });
    sandbox.inject({ kind: 'hang' }, Infinity);
    const started = Date.now();
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_timeout');
    expect(sandbox.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('the overall deadline caps slow retries', async () => {
    client.close();
    client = clientFor({ timeoutMs: 5_000, retries: 5, deadlineMs: 300 });
    sandbox.inject({ kind: 'hang' }, Infinity);
    const started = Date.now();
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('an unparseable body is an unexpected answer', async () => {
    sandbox.inject({ kind: 'garbage' });
    expect((await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }))).code).toBe('itnio_bad_answer');
  });

  test('vendor statuses become coded errors, without retrying', async () => {
    sandbox.inject({ kind: 'vendor-status', status: -23, reason: 'Data caps' });
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_quota');
    expect(sandbox.requests).toHaveLength(1);
  });

  test('a wrong secret is an authentication error', async () => {
    client.close();
    client = clientFor({ apiSecret: 'wrong' });
    const err = await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }));
    expect(err.code).toBe('itnio_auth');
    expect(err.details.status).toBe(-2);
  });

  test('a skewed clock is reported as such', async () => {
    client.close();
    client = clientFor({ now: () => Date.now() - 3_600_000 });
    expect((await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }))).code).toBe('itnio_clock');
  });

  test('an unreachable API is reported as unreachable', async () => {
    const url = sandbox.url;
    await sandbox.close();
    client.close();
    client = createItnioClient({ apiUrl: url, apiKey: 'k', apiSecret: 's', timeoutMs: 500, retries: 1 });
    expect((await failure(client.queryTrunks({ page: 1, size: 5, filter: {} }))).code).toBe('itnio_unreachable');
    sandbox = await startItnioSandbox();
  });

  test('many calls in flight on one caller signal hold one listener on it, and aborting it stops them all', async () => {
    sandbox.setLatency(300);
    const shutdown = new AbortController();
    const calls = Array.from({ length: 24 }, (_, i) =>
      client.queryTrunks({ page: i + 1, size: 5, filter: {}, signal: shutdown.signal }).then(
        () => 'answered',
        (err: unknown) => err,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Node warns from 11 listeners on one signal (MaxListenersExceededWarning).
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(1);
    shutdown.abort(new Error('shutting down'));
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((o) => o instanceof Error && o.message === 'shutting down')).toBe(true);
  });

  test('a call after its caller signal has aborted is not sent; finished calls leave the signal working', async () => {
    const shutdown = new AbortController();
    await client.queryTrunks({ page: 1, size: 5, filter: {}, signal: shutdown.signal });
    sandbox.setLatency(300);
    const pending = client
      .queryTrunks({ page: 2, size: 5, filter: {}, signal: shutdown.signal })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    shutdown.abort(new Error('stop'));
    expect(await pending).toEqual(new Error('stop'));
    const late = await client
      .queryTrunks({ page: 3, size: 5, filter: {}, signal: shutdown.signal })
      .catch((e: unknown) => e);
    expect(late).toEqual(new Error('stop'));
    expect(sandbox.requests.map((r) => (r.body as { current: number }).current)).toEqual([1, 2]);
  });

  test('reports how long the API took', async () => {
    sandbox.setLatency(120);
    const page = await client.queryTrunks({ page: 1, size: 5, filter: {} });
    expect(page.latencyMs).toBeGreaterThanOrEqual(110);
  });
});
