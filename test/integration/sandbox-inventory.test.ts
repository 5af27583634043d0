import { sign, unixSeconds } from '../../src/itnio/sign.js';
import { SANDBOX_QUERY_PATH, startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import type { TrunkPageData } from '../../devkit/sandbox/query-trunks.js';
import { startSandboxWorld } from '../../devkit/sandbox/sandbox-world.js';
import { seedTrunks } from '../../devkit/sandbox/seed-trunks.js';
import { spawnTsx } from '../../devkit/spawn-tsx.js';
import { captureLogs } from '../support/capture-logs.js';

interface Target {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** One signed query, answered with the vendor's `data`. */
async function query(target: Target, current: number, size: number, params = {}): Promise<TrunkPageData> {
  const timestamp = unixSeconds();
  const response = await fetch(target.url + SANDBOX_QUERY_PATH, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      'Api-Key': target.apiKey,
      Timestamp: timestamp,
      Sign: sign(target.apiKey, target.apiSecret, timestamp),
    },
    body: JSON.stringify({ current, size, params }),
  });
  const envelope = (await response.json()) as { status: string | number; data: TrunkPageData };
  expect(Number(envelope.status)).toBe(0);
  return envelope.data;
}

describe('a large sandbox inventory', () => {
  let sb: ItnioSandbox;
  beforeAll(async () => {
    sb = await startItnioSandbox({ trunkCount: 10_000 });
  });
  afterAll(() => sb.close());

  it('serves every trunk once across pages of 100, the last page included', async () => {
    const first = await query(sb, 1, 100);
    expect(first).toMatchObject({ total: 10_000, pages: 100, current: 1 });
    const pages = await Promise.all(Array.from({ length: 100 }, (_, i) => query(sb, i + 1, 100)));
    const ids = pages.flatMap((p) => p.records.map((r) => r.keyId));
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    const last = pages[99]!;
    expect(last.records).toHaveLength(100);
    expect(last.records.at(-1)!.keyId).toBe(5_010_000);
    expect((await query(sb, 101, 100)).records).toEqual([]);
  });

  it('still starts with the 120 base trunks and filters the whole inventory', async () => {
    expect(sb.trunks).toHaveLength(10_000);
    expect(sb.trunks.slice(0, 120).map((t) => t.sipTrunkName)).toEqual(seedTrunks().map((t) => t.sipTrunkName));
    const outgoing = await query(sb, 50, 100, { type: 1 });
    expect(outgoing).toMatchObject({ total: 5_000, pages: 50 });
    expect(outgoing.records.every((r) => r.type === 1)).toBe(true);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => startItnioSandbox({ trunkCount: 1.5 })).toThrow(/whole number/);
  });
});

describe('npm run sandbox -- --trunks', () => {
  it('serves the asked-for inventory and says how large it is', async () => {
    const cli = spawnTsx('devkit/sandbox/cli.ts', {}, { args: ['--port', '0', '--trunks', '10000'] });
    try {
      const url = (await cli.waitForStdout(/listening on (http:\/\/\S+)/))[1]!;
      expect(cli.stdout()).toContain('SANDBOX DATA ONLY: 10000 made-up trunks');
      const last = await query({ url, apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' }, 100, 100);
      expect(last).toMatchObject({ total: 10_000, pages: 100 });
      expect(last.records.at(-1)!.keyId).toBe(5_010_000);
    } finally {
      await cli.stop();
    }
  });

  it('explains a bad count or zone and exits 2', async () => {
    for (const args of [
      ['--trunks', 'lots'],
      ['--timezone', 'Mars/Olympus'],
    ]) {
      const cli = spawnTsx('devkit/sandbox/cli.ts', {}, { args });
      expect((await cli.exit).code).toBe(2);
      expect(cli.stderr()).toMatch(/--trunks must be a whole number|--timezone must be an IANA time zone/);
    }
  });
});

describe('the sandbox world', () => {
  it('passes the trunk count on and seeds times on the bot’s clock, in the bot’s vendor zone', async () => {
    const now = Date.UTC(2026, 10, 27, 14, 3, 12);
    const world = await startSandboxWorld({
      now: () => now,
      env: { ITNIO_TIMEZONE: 'Asia/Shanghai' },
      sandbox: { trunkCount: 300 },
      logDestination: captureLogs().destination,
    });
    try {
      expect(world.sandbox!.trunks).toEqual(seedTrunks({ count: 300, now, timeZone: 'Asia/Shanghai' }));
    } finally {
      await world.close();
    }
  });
});
