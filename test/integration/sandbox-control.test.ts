import { sign, unixSeconds } from '../../src/itnio/sign.js';
import { SandboxControlError } from '../../devkit/sandbox/control-error.js';
import { formatVendorTime } from '../../devkit/sandbox/format-vendor-time.js';
import { SANDBOX_QUERY_PATH, startItnioSandbox, type ItnioSandbox } from '../../devkit/sandbox/itnio-server.js';
import type { TrunkPageData } from '../../devkit/sandbox/query-trunks.js';
import { seedTrunks, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const ZONE = 'Asia/Shanghai';
const STAMP = formatVendorTime(NOW, ZONE);

let sb: ItnioSandbox;
let changes: string[];

beforeEach(async () => {
  changes = [];
  sb = await startItnioSandbox({ now: () => NOW, timeZone: ZONE, onTrunkChange: (d) => changes.push(d) });
});
afterEach(() => sb.close());

/** Asks the vendor endpoint, signed as the bot signs, for the trunks whose name contains `name`. */
async function query(name: string): Promise<TrunkPageData> {
  const timestamp = unixSeconds(NOW);
  const res = await fetch(sb.url + SANDBOX_QUERY_PATH, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      'Api-Key': sb.apiKey,
      Timestamp: timestamp,
      Sign: sign(sb.apiKey, sb.apiSecret, timestamp),
    },
    body: JSON.stringify({ current: 1, size: 100, params: { sipTrunkName: name } }),
  });
  const envelope = (await res.json()) as { status: number | string; data: TrunkPageData };
  expect(Number(envelope.status)).toBe(0);
  return envelope.data;
}

const served = async (keyId: number, name: string): Promise<RawTrunk | undefined> =>
  (await query(name)).records.find((t) => t.keyId === keyId);

const control = (path: string, method: string, body?: unknown): Promise<Response> =>
  fetch(`${sb.url}/_sandbox/trunks${path}`, {
    method,
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const refusal = (code: string) => expect.objectContaining({ name: 'SandboxControlError', code });

describe('changeTrunk', () => {
  it('takes a gateway down and up: the next query sees it, and updateTime stays (a state, not a config change)', async () => {
    const before = await served(5_000_001, 'acme-out-01');
    expect(before).toMatchObject({ sipTrunkState: true });
    expect(sb.changeTrunk('acme-out-01', { gateway: 'down' })).toMatchObject({
      keyId: 5_000_001,
      sipTrunkState: false,
    });
    expect(await served(5_000_001, 'acme-out-01')).toEqual({ ...before, sipTrunkState: false });
    sb.changeTrunk('5000001', { gateway: 'up' });
    expect(await served(5_000_001, 'acme-out-01')).toEqual(before);
    expect(changes).toEqual(['acme-out-01 gateway is now down', 'acme-out-01 gateway is now up']);
  });

  it('stamps updateTime with the sandbox clock in its zone on a config change', async () => {
    const before = sb.trunks.find((t) => t.keyId === 5_000_007)!;
    expect(before.updateTime).not.toBe(STAMP);
    sb.changeTrunk('5000007', { enabled: false, gatewayIp: '198.51.100.9' });
    expect(await served(5_000_007, 'ACME Outbound US')).toEqual({
      ...before,
      state: 0,
      sipGatewayIp: '198.51.100.9',
      updateTime: STAMP,
    });
    expect(STAMP).toBe('2025-06-01 20:00:00');
    // The entry read before the change is left as it was: changes replace entries.
    expect(before.state).toBe(1);
    expect(changes).toEqual(['ACME Outbound US is now disabled, gateway IP is now 198.51.100.9']);
  });

  it('renames a trunk: queries find it by its new name only', async () => {
    sb.changeTrunk('globex outbound eu', { name: 'Globex Outbound EU (migrated)' });
    expect(await served(5_000_003, 'migrated')).toMatchObject({ updateTime: STAMP });
    expect((await query('Globex Outbound EU')).records.map((t) => t.sipTrunkName)).toEqual([
      'Globex Outbound EU (migrated)',
    ]);
  });

  it('leaves updateTime alone when a config change changes nothing', () => {
    const before = sb.trunks.find((t) => t.keyId === 5_000_001)!;
    expect(sb.changeTrunk('5000001', { enabled: true })).toEqual(before);
    expect(changes).toEqual(['acme-out-01 was already enabled']);
  });

  it('finds a trunk by keyId, or by words of its name in any case, preferring the exact name', () => {
    expect(sb.changeTrunk('5000011', { gateway: 'down' }).sipTrunkName).toBe('pacmedia-out-01');
    // "acme out 01" is in pacmedia-out-01 too, but is exactly acme-out-01's name.
    expect(sb.changeTrunk('ACME out 01', { gateway: 'down' }).keyId).toBe(5_000_001);
    expect(sb.changeTrunk('acme outbound us', { gateway: 'down' }).keyId).toBe(5_000_007);
    expect(sb.changeTrunk('acme outbound us 2', { gateway: 'down' }).keyId).toBe(5_000_055);
    expect(sb.changeTrunk('raccoon', { gateway: 'up' }).keyId).toBe(5_000_033);
  });

  it('refuses a name that matches several trunks, listing up to five', () => {
    let error: unknown;
    try {
      sb.changeTrunk('acme', { gateway: 'down' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SandboxControlError);
    expect(error).toMatchObject({ code: 'trunk_ambiguous' });
    const { candidates, message } = error as SandboxControlError;
    expect(candidates).toHaveLength(5);
    expect(candidates[0]).toEqual({ keyId: 5_000_001, name: 'acme-out-01' });
    expect(message).toMatch(/^"acme" matches 40 sandbox trunks: acme-out-01 \(5000001\), .* and 35 more\./);
    expect(sb.trunks).toEqual(seedTrunks({ now: NOW, timeZone: ZONE }));
  });

  it('refuses an unknown or empty reference, and a bad change, changing nothing', () => {
    const before = structuredClone(sb.trunks);
    expect(() => sb.changeTrunk('no such trunk', { gateway: 'down' })).toThrow(refusal('trunk_not_found'));
    expect(() => sb.changeTrunk('  ', { gateway: 'down' })).toThrow(refusal('trunk_not_found'));
    expect(() => sb.changeTrunk('acme-out-01', {})).toThrow(/Nothing to change/);
    expect(() => sb.changeTrunk('acme-out-01', { gateway: 'sideways' as 'up' })).toThrow(
      'gateway must be "up" or "down"',
    );
    expect(() => sb.changeTrunk('acme-out-01', { gatewayIp: '12.325.353.2' })).toThrow(refusal('invalid_change'));
    expect(() => sb.changeTrunk('acme-out-01', { name: ' ' })).toThrow('name must not be empty');
    expect(sb.trunks).toEqual(before);
    expect(changes).toEqual([]);
  });
});

describe('addTrunk and removeTrunk', () => {
  it('adds a trunk with a new keyId that the next query serves, and removes it again', async () => {
    const added = sb.addTrunk();
    expect(added).toMatchObject({
      keyId: 5_000_121,
      sipTrunkName: 'sandbox-added-5000121',
      type: 1,
      state: 1,
      sipTrunkState: true,
      createTime: STAMP,
      updateTime: STAMP,
    });
    expect(await served(5_000_121, 'sandbox-added')).toEqual(added);
    expect((await query('')).total).toBe(121);
    expect(sb.removeTrunk('sandbox added')).toEqual(added);
    expect(await query('sandbox-added')).toMatchObject({ total: 0, records: [] });
    expect(changes).toEqual([
      'added sandbox-added-5000121 (keyId 5000121)',
      'removed sandbox-added-5000121 (keyId 5000121)',
    ]);
  });

  it('takes fields to override, but never a keyId already in use', () => {
    expect(sb.addTrunk({ sipTrunkName: 'Acme Outbound 9', type: 2 })).toMatchObject({ keyId: 5_000_121, type: 2 });
    expect(sb.addTrunk().keyId).toBe(5_000_122);
    expect(() => sb.addTrunk({ keyId: 5_000_001 })).toThrow(/keyId 5000001 is taken/);
  });

  it('removes a trunk by reference and refuses a second time', async () => {
    sb.removeTrunk('5000002');
    expect(await served(5_000_002, 'acme-in-01')).toBeUndefined();
    expect(() => sb.removeTrunk('5000002')).toThrow(refusal('trunk_not_found'));
  });

  it('never changes the array it was given', async () => {
    const given = seedTrunks({ count: 3 });
    const copy = structuredClone(given);
    const small = await startItnioSandbox({ trunks: given });
    try {
      small.changeTrunk('acme-out-01', { gateway: 'down' });
      small.removeTrunk('acme-in-01');
      small.addTrunk();
      expect(given).toEqual(copy);
      expect(small.trunks.map((t) => t.keyId)).toEqual([5_000_001, 5_000_003, 5_000_004]);
    } finally {
      await small.close();
    }
  });
});

describe('the HTTP control endpoint', () => {
  it('changes a trunk and answers it without its password; a signed query sees the change', async () => {
    const res = await control('/acme-out-01', 'POST', { gateway: 'down', gatewayIp: '2001:db8::7' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      keyId: 5_000_001,
      sipTrunkState: false,
      sipGatewayIp: '2001:db8::7',
      updateTime: STAMP,
    });
    expect(body).not.toHaveProperty('sipPassword');
    expect(await served(5_000_001, 'acme-out-01')).toMatchObject({ sipTrunkState: false, sipGatewayIp: '2001:db8::7' });
  });

  it('takes a URL-encoded name or a keyId', async () => {
    expect((await control('/acme%20outbound%20us', 'POST', { enabled: false })).status).toBe(200);
    expect((await control('/5000009', 'POST', '{"gateway":"down"}')).status).toBe(200);
    expect(sb.trunks.find((t) => t.keyId === 5_000_007)).toMatchObject({ state: 0 });
    expect(sb.trunks.find((t) => t.keyId === 5_000_009)).toMatchObject({ sipTrunkState: false });
  });

  it('answers 404 JSON for no match, and 400 for an ambiguous name or a bad body', async () => {
    const missing = await control('/nothing-like-it', 'POST', { gateway: 'down' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: 'trunk_not_found',
      message: 'No sandbox trunk has a keyId or name matching "nothing-like-it"',
    });
    const ambiguous = await control('/acme', 'POST', { gateway: 'down' });
    expect(ambiguous.status).toBe(400);
    expect(await ambiguous.json()).toMatchObject({ error: 'trunk_ambiguous', candidates: expect.any(Array) });
    const bad = async (body: unknown): Promise<string> => {
      const res = await control('/acme-out-01', 'POST', body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; message: string };
      expect(answer.error).toBe('invalid_change');
      return answer.message;
    };
    expect(await bad({ gateway: 'off' })).toBe('gateway must be "up" or "down"');
    expect(await bad({ gatewayIp: '203.0.113.300' })).toMatch(/^gatewayIp must be an IP address/);
    expect(await bad({ enabled: 'no' })).toBe('enabled must be true or false');
    expect(await bad({ gatway: 'down' })).toMatch(/^unknown field gatway/);
    expect(await bad('{"gateway":')).toMatch(/not JSON/);
    expect(await bad('[1]')).toMatch(/^send a JSON object/);
    expect(await bad('')).toMatch(/^Nothing to change/);
    expect(sb.trunks).toEqual(seedTrunks({ now: NOW, timeZone: ZONE }));
  });

  it('deletes a trunk, and adds one with 201', async () => {
    const removed = await control('/5000002', 'DELETE');
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ keyId: 5_000_002, sipTrunkName: 'acme-in-01' });
    expect((await control('/5000002', 'DELETE')).status).toBe(404);
    const added = await control('', 'POST', { name: 'Acme Outbound 9', gateway: 'down' });
    expect(added.status).toBe(201);
    const body = (await added.json()) as RawTrunk;
    expect(body).toMatchObject({ keyId: 5_000_121, sipTrunkName: 'Acme Outbound 9', sipTrunkState: false });
    expect(body).not.toHaveProperty('sipPassword');
    expect(await served(5_000_121, 'acme outbound 9')).toMatchObject({ sipTrunkName: 'Acme Outbound 9' });
    expect((await control('', 'POST')).status).toBe(201);
  });

  it('answers at once, whatever latency or fault the vendor endpoint plays', async () => {
    sb.setLatency(60_000);
    sb.inject({ kind: 'hang' }, Infinity);
    expect((await control('/acme-out-01', 'POST', { gateway: 'down' })).status).toBe(200);
  });

  it('refuses other methods with 405, keeps 404 for every other path, and records none of it', async () => {
    const get = await control('/acme-out-01', 'GET');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, DELETE');
    expect((await control('', 'DELETE')).status).toBe(405);
    for (const path of ['/_sandbox', '/_sandbox/trunksx', '/_sandbox/other', '/v3/cc/sipTrunk/update']) {
      const res = await fetch(sb.url + path, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status: 404, error: 'Not Found', path });
    }
    expect((await fetch(sb.url + SANDBOX_QUERY_PATH)).status).toBe(404);
    expect(sb.requests).toEqual([]);
  });
});
