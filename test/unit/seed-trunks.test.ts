import { SHARED_CARRIER_IP } from '../../devkit/sandbox/seed-addresses.js';
import { SANDBOX_PASSWORD_PREFIX, seedTrunks, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';
import { BASE_TRUNKS } from './seed-trunks-base.js';

const NOW = Date.UTC(2026, 10, 27, 14, 3, 12);
const trunks = seedTrunks({ now: NOW });
const byId = (keyId: number): RawTrunk => trunks.find((t) => t.keyId === keyId)!;
const idsWhere = (match: (t: RawTrunk) => boolean, from = trunks): number[] => from.filter(match).map((t) => t.keyId);
const ipsOf = (t: RawTrunk): string[] => [t.sipGatewayIp, t.sipWhiteIp].flatMap((f) => (f ? f.split(/[,;]\s*/) : []));
const numbersOf = (t: RawTrunk): string[] => (t.groupList ?? []).flatMap((g) => (g.number ? [g.number] : []));
const acmeOf = (type: 1 | 2): RawTrunk[] =>
  trunks.filter((t) => t.type === type && t.sipTrunkName.toLowerCase().includes('acme'));
/** Minutes between a vendor time read as UTC and NOW. */
const minutesAgo = (vendorTime: string): number => (NOW - Date.parse(`${vendorTime.replace(' ', 'T')}Z`)) / 60_000;

describe('seedTrunks: the 120 base trunks', () => {
  it('keep the ids, names, types, states and gateway states other tests count on, whatever the options', () => {
    const fingerprint = (list: RawTrunk[]) =>
      list.map((t) => [t.keyId, t.sipTrunkName, t.type, t.state, t.sipTrunkState]);
    expect(fingerprint(trunks)).toEqual(BASE_TRUNKS);
    expect(fingerprint(seedTrunks())).toEqual(BASE_TRUNKS);
    const big = seedTrunks({ count: 500, now: NOW - 86_400_000, timeZone: 'Asia/Shanghai' });
    expect(fingerprint(big.slice(0, 120))).toEqual(BASE_TRUNKS);
  });

  it('are deterministic for one clock and hand out fresh copies', () => {
    const again = seedTrunks({ now: NOW });
    expect(again).toEqual(trunks);
    again[0]!.sipTrunkName = 'changed';
    expect(seedTrunks({ now: NOW })[0]!.sipTrunkName).not.toBe('changed');
  });

  it('give every trunk a distinct password with the sandbox prefix', () => {
    const passwords = trunks.map((t) => t.sipPassword);
    for (const p of passwords) expect(p).toMatch(new RegExp(`^${SANDBOX_PASSWORD_PREFIX}[0-9a-f]{16}$`));
    expect(new Set(passwords).size).toBe(120);
  });

  it('have at least 12 acme trunks in each direction, in both name spellings', () => {
    for (const type of [1, 2] as const) {
      const names = acmeOf(type).map((t) => t.sipTrunkName);
      expect(names.length).toBeGreaterThanOrEqual(12);
      expect(names.some((n) => n.startsWith('acme-'))).toBe(true);
      expect(names.some((n) => n.startsWith('ACME '))).toBe(true);
    }
  });

  it('keep one 300-character name, one trunk with 40 groups, one name full of Slack markup', () => {
    expect(trunks.filter((t) => t.sipTrunkName.length > 100).map((t) => t.sipTrunkName.length)).toEqual([300]);
    expect(trunks.filter((t) => t.groupList?.length === 40)).toHaveLength(1);
    expect(idsWhere((t) => t.sipTrunkName.includes('<!channel> & <@U123> *bold*'))).toHaveLength(1);
    expect(byId(5_000_004)).toMatchObject({ sipTrunkName: 'Globex Inbound EU', type: 2 });
  });

  it('mix directions and states: several enabled trunks with the gateway down, disabled ones all down', () => {
    expect(new Set(trunks.map((t) => t.type))).toEqual(new Set([1, 2]));
    expect(idsWhere((t) => t.state === 1 && !t.sipTrunkState).length).toBeGreaterThanOrEqual(5);
    const disabled = trunks.filter((t) => t.state === 0);
    expect(disabled.length).toBeGreaterThanOrEqual(5);
    expect(disabled.every((t) => !t.sipTrunkState)).toBe(true);
  });
});

describe('seedTrunks: variety for incident search', () => {
  it('puts the documented addresses on one trunk each', () => {
    expect(idsWhere((t) => t.sipGatewayIp === '203.0.113.10, 203.0.113.11')).toEqual([5_000_011]);
    expect(idsWhere((t) => t.sipWhiteIp === '198.51.100.7;198.51.100.8')).toEqual([5_000_012]);
    expect(idsWhere((t) => t.sipGatewayIp === '2001:db8:10::5')).toEqual([5_000_010]);
    for (const ip of ['203.0.113.10', '203.0.113.11', '198.51.100.7', '198.51.100.8', '2001:db8:10::5']) {
      expect(idsWhere((t) => ipsOf(t).includes(ip))).toHaveLength(1);
    }
  });

  it('has lists in both separators, IPv6, a shared carrier address, junk and nulls', () => {
    expect(idsWhere((t) => /^\S+, \S+$/.test(t.sipGatewayIp ?? '')).length).toBeGreaterThan(3);
    expect(idsWhere((t) => /^\S+;\S+$/.test(t.sipWhiteIp ?? '')).length).toBeGreaterThan(3);
    expect(idsWhere((t) => ipsOf(t).some((ip) => ip.includes(':'))).length).toBeGreaterThan(3);
    expect(idsWhere((t) => t.sipGatewayIp === SHARED_CARRIER_IP)).toEqual([
      5_000_014, 5_000_034, 5_000_054, 5_000_074, 5_000_094, 5_000_114,
    ]);
    const fields = trunks.flatMap((t) => [t.sipGatewayIp, t.sipWhiteIp, t.ccIp]);
    expect(fields).toEqual(expect.arrayContaining(['12.325.353.2', '0000.000.0.00', null]));
    for (const field of ['sipWhiteIp', 'sipPrefix', 'sipAccount', 'groupList'] as const) {
      expect(trunks.some((t) => t[field] === null)).toBe(true);
    }
  });

  it('spells group numbers the ways the vendor stores them, one number in all three on three trunks', () => {
    const numbers = trunks.flatMap(numbersOf);
    expect(numbers.some((n) => /^\+44\d{10}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^0\d{10}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^44\d{10}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^\+44 20 7946 \d{4}$/.test(n))).toBe(true);
    expect(trunks.flatMap((t) => t.groupList ?? []).some((g) => g.number === null)).toBe(true);
    const spellings = ['+442079460122', '02079460122', '442079460122'];
    expect(spellings.map((n) => idsWhere((t) => numbersOf(t).includes(n)))).toEqual([
      [5_000_022],
      [5_000_051],
      [5_000_095],
    ]);
  });

  it('gives every other number to one trunk only, so a number search finds one trunk', () => {
    const owners = new Map<string, Set<number>>();
    for (const t of trunks) {
      for (const n of numbersOf(t)) {
        const line = n.replace(/\D/g, '').slice(-7);
        owners.set(line, (owners.get(line) ?? new Set()).add(t.keyId));
      }
    }
    const shared = [...owners].filter(([, ids]) => ids.size > 1).map(([line]) => line);
    expect(shared).toEqual(['9460122']);
  });

  it('binds Support Tier 1 to a few trunks, none with "support" in its name', () => {
    const bound = trunks.filter((t) => t.groupList?.some((g) => g.groupName === 'Support Tier 1'));
    expect(bound.map((t) => t.keyId)).toEqual([5_000_008, 5_000_032, 5_000_056, 5_000_080, 5_000_104]);
    expect(bound.every((t) => !/support/i.test(t.sipTrunkName))).toBe(true);
  });

  it('has SIP accounts named after the company and key, and dial prefixes', () => {
    expect(byId(5_000_001).sipAccount).toBe('acme_5000001');
    expect(byId(5_000_004).sipPrefix).toBe('403');
    expect(new Set(trunks.flatMap((t) => (t.sipPrefix ? [t.sipPrefix] : []))).size).toBeGreaterThan(50);
    const groups = trunks.flatMap((t) => t.groupList ?? []);
    expect(groups.some((g) => g.groupId !== undefined && g.voiceGroupId === undefined)).toBe(true);
    expect(groups.some((g) => g.voiceGroupId !== undefined && g.groupId === undefined)).toBe(true);
  });
});

describe('seedTrunks: times relative to now', () => {
  it('has changes in the last 30 minutes, hours, days and months ago; never in the future', () => {
    const ages = trunks.map((t) => minutesAgo(t.updateTime));
    expect(ages.every((m) => m >= 0)).toBe(true);
    expect(ages.filter((m) => m < 30).length).toBeGreaterThanOrEqual(5);
    expect(ages.some((m) => m >= 60 && m < 24 * 60)).toBe(true);
    expect(ages.some((m) => m >= 24 * 60 && m < 30 * 24 * 60)).toBe(true);
    expect(ages.some((m) => m >= 60 * 24 * 60)).toBe(true);
    expect(idsWhere((t) => minutesAgo(t.updateTime) < 30)).toContain(5_000_001);
  });

  it('writes vendor-local times, never updated before created', () => {
    for (const t of trunks) {
      expect(t.createTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(t.updateTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(t.updateTime >= t.createTime).toBe(true);
    }
  });

  it('writes the wall-clock time of the vendor zone it is given', () => {
    const shanghai = seedTrunks({ now: NOW, timeZone: 'Asia/Shanghai' });
    expect(shanghai[0]!.updateTime).not.toBe(trunks[0]!.updateTime);
    shanghai.forEach((t, i) => {
      expect(minutesAgo(t.updateTime)).toBeCloseTo(minutesAgo(trunks[i]!.updateTime) - 8 * 60, 5);
    });
  });
});

describe('seedTrunks: a large inventory', () => {
  it('makes 10 000 trunks with unique ids and names', () => {
    const big = seedTrunks({ count: 10_000, now: NOW });
    expect(big).toHaveLength(10_000);
    expect(new Set(big.map((t) => t.keyId)).size).toBe(10_000);
    expect(new Set(big.map((t) => t.sipTrunkName)).size).toBe(10_000);
    expect(big.at(-1)!.keyId).toBe(5_010_000);
  });

  it('gives the generated trunks the same kinds of variety', () => {
    const generated = seedTrunks({ count: 2_000, now: NOW }).slice(120);
    const has = (match: (t: RawTrunk) => boolean) => generated.some(match);
    expect(has((t) => t.type === 1) && has((t) => t.type === 2)).toBe(true);
    expect(has((t) => t.state === 1 && !t.sipTrunkState) && has((t) => t.state === 0)).toBe(true);
    expect(has((t) => (t.sipGatewayIp ?? '').includes(', '))).toBe(true);
    expect(has((t) => (t.sipWhiteIp ?? '').includes(';'))).toBe(true);
    expect(has((t) => ipsOf(t).some((ip) => ip.includes(':')))).toBe(true);
    expect(has((t) => t.sipGatewayIp === '12.325.353.2')).toBe(true);
    expect(has((t) => t.sipGatewayIp === SHARED_CARRIER_IP)).toBe(true);
    expect(has((t) => numbersOf(t).some((n) => n.startsWith('0')))).toBe(true);
    expect(has((t) => numbersOf(t).some((n) => n.startsWith('+44')))).toBe(true);
    expect(has((t) => t.groupList?.some((g) => g.groupName === 'Support Tier 1') ?? false)).toBe(true);
    expect(has((t) => minutesAgo(t.updateTime) < 30)).toBe(true);
    expect(new Set(generated.flatMap(ipsOf)).size).toBeGreaterThan(1_500);
  });
});
