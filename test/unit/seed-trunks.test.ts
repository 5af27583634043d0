import { SANDBOX_PASSWORD_PREFIX, seedTrunks, type RawTrunk } from '../../devkit/sandbox/seed-trunks.js';

const trunks = seedTrunks();
const acmeOf = (type: 1 | 2): RawTrunk[] =>
  trunks.filter((t) => t.type === type && t.sipTrunkName.toLowerCase().includes('acme'));

describe('seedTrunks', () => {
  it('has 120 trunks with unique ids and names', () => {
    expect(trunks).toHaveLength(120);
    expect(new Set(trunks.map((t) => t.keyId)).size).toBe(120);
    expect(new Set(trunks.map((t) => t.sipTrunkName)).size).toBe(120);
  });

  it('is deterministic and hands out fresh copies', () => {
    const again = seedTrunks();
    expect(again).toEqual(trunks);
    again[0]!.sipTrunkName = 'changed';
    expect(seedTrunks()[0]!.sipTrunkName).not.toBe('changed');
  });

  it('gives every trunk a distinct password with the sandbox prefix', () => {
    const passwords = trunks.map((t) => t.sipPassword);
    for (const p of passwords) expect(p).toMatch(new RegExp(`^${SANDBOX_PASSWORD_PREFIX}[0-9a-f]{16}$`));
    expect(new Set(passwords).size).toBe(120);
  });

  it('has at least 12 acme trunks in each direction, in both name spellings', () => {
    for (const type of [1, 2] as const) {
      const names = acmeOf(type).map((t) => t.sipTrunkName);
      expect(names.length).toBeGreaterThanOrEqual(12);
      expect(names.some((n) => n.startsWith('acme-'))).toBe(true);
      expect(names.some((n) => n.startsWith('ACME '))).toBe(true);
    }
  });

  it('has exactly one ~300-character name', () => {
    const long = trunks.filter((t) => t.sipTrunkName.length > 100);
    expect(long).toHaveLength(1);
    expect(long[0]!.sipTrunkName.length).toBe(300);
  });

  it('has one trunk with 40 agent groups', () => {
    expect(trunks.filter((t) => t.groupList?.length === 40)).toHaveLength(1);
  });

  it('has a name full of Slack markup', () => {
    expect(trunks.filter((t) => t.sipTrunkName.includes('<!channel> & <@U123> *bold*'))).toHaveLength(1);
  });

  it('mixes directions, states, gateway states and both group id keys', () => {
    expect(new Set(trunks.map((t) => t.type))).toEqual(new Set([1, 2]));
    expect(new Set(trunks.map((t) => t.state))).toEqual(new Set([0, 1]));
    expect(new Set(trunks.map((t) => t.sipTrunkState))).toEqual(new Set([true, false]));
    const groups = trunks.flatMap((t) => t.groupList ?? []);
    expect(groups.some((g) => g.groupId !== undefined && g.voiceGroupId === undefined)).toBe(true);
    expect(groups.some((g) => g.voiceGroupId !== undefined && g.groupId === undefined)).toBe(true);
    expect(groups.some((g) => g.number === null)).toBe(true);
    expect(groups.some((g) => typeof g.number === 'string')).toBe(true);
  });

  it('carries the vendor quirks: odd IPs and nulls', () => {
    const ips = trunks.flatMap((t) => [t.sipGatewayIp, t.ccIp]);
    expect(ips).toEqual(expect.arrayContaining(['12.325.353.2', '0000.000.0.00', null]));
    for (const field of ['sipWhiteIp', 'sipPrefix', 'sipAccount', 'groupList'] as const) {
      expect(trunks.some((t) => t[field] === null)).toBe(true);
    }
  });

  it('uses vendor-format times in 2025 and 2026, never updated before created', () => {
    for (const t of trunks) {
      expect(t.createTime).toMatch(/^202[56]-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(t.updateTime).toMatch(/^202[56]-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(t.updateTime >= t.createTime).toBe(true);
    }
  });
});
