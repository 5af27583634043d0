import { sign, unixSeconds } from '../../src/itnio/sign.js';
import { SANDBOX_QUERY_PATH, startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import type { TrunkPageData } from '../../devkit/sandbox/query-trunks.js';
import { SANDBOX_PASSWORD_PREFIX, seedTrunks, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { until } from '../support/until.js';

interface CallOptions {
  key?: string;
  secret?: string;
  timestamp?: string;
  sign?: string;
  signal?: AbortSignal;
}

interface Envelope {
  status: string | number;
  reason: string;
  data: TrunkPageData | null;
}

function call(sb: ItnioSandbox, body: unknown, opts: CallOptions = {}): Promise<Response> {
  const key = opts.key ?? sb.apiKey;
  const timestamp = opts.timestamp ?? unixSeconds();
  return fetch(sb.url + SANDBOX_QUERY_PATH, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      'Api-Key': key,
      Timestamp: timestamp,
      Sign: opts.sign ?? sign(key, opts.secret ?? sb.apiSecret, timestamp),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: opts.signal,
  });
}

async function query(sb: ItnioSandbox, body: unknown, opts: CallOptions = {}): Promise<Envelope> {
  const res = await call(sb, body, opts);
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

const page = (current: number, size: number, params = {}): unknown => ({ current, size, params });

const trunk = (keyId: number, sipTrunkName: string, type: 1 | 2): RawTrunk => ({
  ...seedTrunks()[0]!,
  keyId,
  sipTrunkName,
  type,
});

let sb: ItnioSandbox;

beforeAll(async () => {
  sb = await startItnioSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.clearFaults();
  sb.setLatency(0);
});

describe('authentication', () => {
  it('answers a correctly signed request with status 0 and paging', async () => {
    const env = await query(sb, page(1, 10));
    expect(Number(env.status)).toBe(0);
    expect(env.reason).toBe('success');
    expect(env.data).toMatchObject({ total: 120, size: 10, current: 1, pages: 12, searchCount: true });
    expect(env.data?.records.map((r) => r.keyId)).toEqual(
      seedTrunks()
        .slice(0, 10)
        .map((t) => t.keyId),
    );
    expect(env.data?.records[0]?.sipPassword).toMatch(new RegExp(`^${SANDBOX_PASSWORD_PREFIX}`));
  });

  it('accepts the signature in upper case', async () => {
    const timestamp = unixSeconds();
    const upper = sign(sb.apiKey, sb.apiSecret, timestamp).toUpperCase();
    expect(Number((await query(sb, page(1, 1), { timestamp, sign: upper })).status)).toBe(0);
  });

  it('rejects a wrong signature with -2', async () => {
    const env = await query(sb, page(1, 10), { secret: 'not-the-secret' });
    expect(env).toEqual({ status: -2, reason: 'Authentication error', data: null });
  });

  it('rejects an unknown key with -1', async () => {
    const env = await query(sb, page(1, 10), { key: 'someone-else' });
    expect(env.status).toBe(-1);
    expect(env.data).toBeNull();
  });

  it('rejects a missing or non-numeric timestamp with -16', async () => {
    expect((await query(sb, page(1, 10), { timestamp: 'yesterday' })).status).toBe(-16);
    const res = await fetch(sb.url + SANDBOX_QUERY_PATH, {
      method: 'POST',
      headers: { 'Api-Key': sb.apiKey, Sign: sign(sb.apiKey, sb.apiSecret, '') },
      body: JSON.stringify(page(1, 10)),
    });
    expect(((await res.json()) as Envelope).status).toBe(-16);
  });

  it('enforces the clock window against its own clock', async () => {
    const nowMs = Date.UTC(2025, 5, 1, 12, 0, 0);
    const skewed = await startItnioSandbox({ now: () => nowMs, clockWindowSeconds: 300 });
    try {
      const at = (offsetSeconds: number): string => unixSeconds(nowMs + offsetSeconds * 1000);
      expect((await query(skewed, page(1, 1))).status).toBe(-16);
      expect((await query(skewed, page(1, 1), { timestamp: at(-301) })).status).toBe(-16);
      expect((await query(skewed, page(1, 1), { timestamp: at(301) })).status).toBe(-16);
      expect((await query(skewed, page(1, 1), { timestamp: at(-300) })).reason).toBe('success');
      expect((await query(skewed, page(1, 1), { timestamp: at(300) })).reason).toBe('success');
    } finally {
      await skewed.close();
    }
  });

  it('dates every answer by its own clock, so a client can tell how far off it is', async () => {
    const nowMs = Date.UTC(2025, 5, 1, 12, 0, 0);
    const skewed = await startItnioSandbox({ now: () => nowMs });
    try {
      const res = await call(skewed, page(1, 1));
      expect(res.headers.get('date')).toBe('Sun, 01 Jun 2025 12:00:00 GMT');
    } finally {
      await skewed.close();
    }
  });
});

describe('parameter checks', () => {
  it.each([
    ['size 0', page(1, 0)],
    ['size 101', page(1, 101)],
    ['current 0', page(0, 10)],
    ['fractional current', page(1.5, 10)],
    ['size as a string', { current: 1, size: '10', params: {} }],
    ['type 3', page(1, 10, { type: 3 })],
    ['a numeric name', page(1, 10, { sipTrunkName: 12 })],
    ['no params', { current: 1, size: 10 }],
    ['an array body', [page(1, 10)]],
    ['a non-JSON body', '{"current":1,"size":10,"params":{},}'],
  ])('answers -22 for %s', async (_label, body) => {
    expect(await query(sb, body)).toEqual({ status: -22, reason: 'Parameter exception', data: null });
  });

  it('accepts the edges size 1 and size 100', async () => {
    expect((await query(sb, page(1, 1))).data?.records).toHaveLength(1);
    expect((await query(sb, page(1, 100))).data?.records).toHaveLength(100);
  });

  it('answers 413 to an oversized body', async () => {
    const res = await call(sb, page(1, 10, { sipTrunkName: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
  });
});

describe('filters and paging', () => {
  it('filters by type', async () => {
    const env = await query(sb, page(1, 100, { type: 2 }));
    expect(env.data?.total).toBe(seedTrunks().filter((t) => t.type === 2).length);
    expect(env.data?.records.every((r) => r.type === 2)).toBe(true);
  });

  it('filters by name case-insensitively, combined with type', async () => {
    const lower = await query(sb, page(1, 100, { type: 1, sipTrunkName: 'acme' }));
    const upper = await query(sb, page(1, 100, { type: 1, sipTrunkName: 'AcMe' }));
    const names = lower.data?.records.map((r) => r.sipTrunkName) ?? [];
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(names).toEqual(expect.arrayContaining(['acme-out-01', 'ACME Outbound US', 'pacmedia-out-01']));
    expect(names.some((n) => n.includes('in-'))).toBe(false);
    expect(upper.data?.records.map((r) => r.sipTrunkName)).toEqual(names);
  });

  it('treats an empty name as no filter', async () => {
    expect((await query(sb, page(1, 10, { sipTrunkName: '' }))).data?.total).toBe(120);
  });

  it('pages through a filtered set and answers empty records beyond the last page', async () => {
    const names = ['acme-a', 'Globex', 'ACME b', 'acme-c', 'acme-d', 'pacmedia'];
    // Only keyId 4 is incoming, so the outgoing acme set is keyIds 1, 3, 5, 6.
    const small = await startItnioSandbox({ trunks: names.map((n, i) => trunk(i + 1, n, i === 3 ? 2 : 1)) });
    try {
      const acmeOut = (n: number): Promise<Envelope> => query(small, page(n, 2, { type: 1, sipTrunkName: 'acme' }));
      const pages = await Promise.all([1, 2, 3].map(acmeOut));
      expect(pages.map((p) => p.data?.records.map((r) => r.keyId))).toEqual([[1, 3], [5, 6], []]);
      expect(pages[2]?.data).toMatchObject({ total: 4, pages: 2, current: 3, size: 2 });
      const none = await query(small, page(1, 10, { sipTrunkName: 'nothing' }));
      expect(none.data).toMatchObject({ total: 0, pages: 0, records: [] });
    } finally {
      await small.close();
    }
  });

  it('sends status 0 both as a string and as a number', async () => {
    const statuses = await Promise.all([1, 2, 3, 4].map(() => query(sb, page(1, 1)).then((e) => e.status)));
    expect(statuses.every((s) => Number(s) === 0)).toBe(true);
    expect(new Set(statuses.map((s) => typeof s))).toEqual(new Set(['string', 'number']));
  });
});

describe('faults', () => {
  it('answers an injected HTTP 503 once, before checking auth, then recovers', async () => {
    sb.inject({ kind: 'http', status: 503 });
    const failed = await call(sb, page(1, 10), { secret: 'wrong' });
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain('503');
    expect(Number((await query(sb, page(1, 10))).status)).toBe(0);
  });

  it('repeats a fault the given number of times and until cleared for Infinity', async () => {
    sb.inject({ kind: 'http', status: 502 }, 2);
    expect((await call(sb, page(1, 1))).status).toBe(502);
    expect((await call(sb, page(1, 1))).status).toBe(502);
    expect((await call(sb, page(1, 1))).status).toBe(200);
    sb.inject({ kind: 'http', status: 500 }, Infinity);
    for (let i = 0; i < 5; i++) expect((await call(sb, page(1, 1))).status).toBe(500);
    sb.clearFaults();
    expect((await call(sb, page(1, 1))).status).toBe(200);
  });

  it('hangs until the client gives up, and close() still resolves quickly', async () => {
    const hanging = await startItnioSandbox();
    hanging.inject({ kind: 'hang' }, 2);
    const abandoned = call(hanging, page(1, 10), { signal: AbortSignal.timeout(300) });
    await expect(abandoned).rejects.toMatchObject({ name: 'TimeoutError' });
    let settled = false;
    const second = call(hanging, page(1, 10))
      .then(
        (res) => res.status,
        (err: unknown) => (err as Error).message,
      )
      .finally(() => {
        settled = true;
      });
    // Once the sandbox has taken the request it has chosen to hang: nothing will answer it until close().
    await until(() => hanging.requests.length === 2, { what: 'the sandbox to take the second request' });
    expect(settled).toBe(false);
    const started = Date.now();
    await hanging.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await second).toBe('fetch failed');
    expect(hanging.requests.map((r) => r.httpStatus)).toEqual([0, 0]);
  });

  it('answers garbage that does not parse as JSON', async () => {
    sb.inject({ kind: 'garbage' });
    const res = await call(sb, page(1, 10));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"status"');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('answers an injected vendor status in the vendor envelope', async () => {
    sb.inject({ kind: 'vendor-status', status: -23 });
    expect(await query(sb, page(1, 10))).toEqual({ status: -23, reason: 'Data caps', data: null });
    sb.inject({ kind: 'vendor-status', status: -99, reason: 'Quota said no' });
    expect(await query(sb, page(1, 10))).toEqual({ status: -99, reason: 'Quota said no', data: null });
  });
});

describe('latency, routing and the request log', () => {
  it('delays every answer by the set latency', async () => {
    const timed = async (): Promise<number> => {
      const started = Date.now();
      await query(sb, page(1, 1));
      return Date.now() - started;
    };
    sb.setLatency(0);
    expect(await timed()).toBeLessThan(200);
    sb.setLatency(400);
    expect(await timed()).toBeGreaterThanOrEqual(390);
    sb.inject({ kind: 'http', status: 503 });
    const started = Date.now();
    expect((await call(sb, page(1, 1))).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('answers 404 JSON to other methods and paths without recording them', async () => {
    const before = sb.requests.length;
    const get = await fetch(sb.url + SANDBOX_QUERY_PATH);
    const other = await fetch(`${sb.url}/v3/cc/sipTrunk/delete`, { method: 'POST', body: '{}' });
    expect([get.status, other.status]).toEqual([404, 404]);
    expect(((await other.json()) as { path: string }).path).toBe('/v3/cc/sipTrunk/delete');
    expect(sb.requests.length).toBe(before);
  });

  it('records every request to the endpoint with its headers, body and outcome', async () => {
    const before = sb.requests.length;
    const timestamp = unixSeconds();
    await query(sb, page(2, 5, { type: 1 }), { timestamp });
    await query(sb, page(1, 5), { key: 'intruder' });
    await query(sb, 'not json');
    sb.inject({ kind: 'http', status: 503 });
    await call(sb, page(1, 5));
    expect(sb.requests.slice(before)).toEqual([
      {
        apiKey: sb.apiKey,
        timestamp,
        sign: sign(sb.apiKey, sb.apiSecret, timestamp),
        body: page(2, 5, { type: 1 }),
        httpStatus: 200,
        vendorStatus: 0,
      },
      expect.objectContaining({ apiKey: 'intruder', httpStatus: 200, vendorStatus: -1 }),
      expect.objectContaining({ body: 'not json', httpStatus: 200, vendorStatus: -22 }),
      expect.objectContaining({ httpStatus: 503, vendorStatus: undefined }),
    ]);
  });
});
