import { matchTrunks } from '../../src/trunks/match-trunks.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';
import { aGroup, aTrunk, someTrunks } from '../support/trunks.js';

const ZONE = 'Asia/Shanghai';
// 2025-01-10 12:00 in Shanghai (UTC+8).
const AS_OF = Date.parse('2025-01-10T04:00:00Z');

function names(trunks: Trunk[], filters: Omit<TrunkRequest, 'page'>, asOf = AS_OF): (string | null)[] {
  return matchTrunks(indexTrunks(trunks, ZONE), { page: 1, ...filters }, asOf).map((t) => t.name);
}

describe('name', () => {
  const trunks = someTrunks({ name: 'Gl\u00f6bex London Primary' }, { name: 'ACME out 01' }, { name: 'acme-in-02' });

  test('every word, in any order, case- and accent-insensitive', () => {
    expect(names(trunks, { name: 'globex' })).toEqual(['Gl\u00f6bex London Primary']);
    expect(names(trunks, { name: 'GL\u00d6BEX' })).toEqual(['Gl\u00f6bex London Primary']);
    expect(names(trunks, { name: 'primary london' })).toEqual(['Gl\u00f6bex London Primary']);
    expect(names(trunks, { name: 'acme' })).toEqual(['ACME out 01', 'acme-in-02']);
    expect(names(trunks, { name: 'acme in' })).toEqual(['acme-in-02']);
  });

  test('every word must be there', () => {
    expect(names(trunks, { name: 'acme paris' })).toEqual([]);
  });

  test('a quoted phrase is just words', () => {
    expect(names(trunks, { name: '"london globex"' })).toEqual(['Gl\u00f6bex London Primary']);
    expect(names(trunks, { name: '\u201cout acme\u201d' })).toEqual(['ACME out 01']);
  });

  test('a decomposed accent in the trunk name matches too', () => {
    expect(names(someTrunks({ name: 'Glo\u0308bex' }), { name: 'globex' })).toEqual(['Glo\u0308bex']);
  });

  test('a trunk without a name matches no word', () => {
    expect(names(someTrunks({ name: null }), { name: 'acme' })).toEqual([]);
  });
});

describe('ips', () => {
  const trunks = someTrunks(
    { name: 'ten-one', gatewayIp: '10.0.0.1', whiteIp: null, ccIp: null },
    { name: 'ten-ten', gatewayIp: '10.0.0.10', whiteIp: null, ccIp: null },
    { name: 'listed', gatewayIp: null, whiteIp: '198.51.100.7, 198.51.100.8;2001:0db8::0001', ccIp: null },
    { name: 'call-center', gatewayIp: 'n/a', whiteIp: '12.325.353.2', ccIp: '203.0.113.99/24' },
    { name: 'v6-neighbour', gatewayIp: '2001:db8::2', whiteIp: null, ccIp: null },
  );

  test('an address matches exactly: 10.0.0.1 never finds 10.0.0.10', () => {
    expect(names(trunks, { ips: ['10.0.0.1'] })).toEqual(['ten-one']);
    expect(names(trunks, { ips: ['10.0.0.10'] })).toEqual(['ten-ten']);
  });

  test('any address in the gateway, whitelist or call-center field, several in one field', () => {
    expect(names(trunks, { ips: ['198.51.100.8'] })).toEqual(['listed']);
    expect(names(trunks, { ips: ['203.0.113.99'] })).toEqual(['call-center']);
  });

  test('IPv6 by value', () => {
    expect(names(trunks, { ips: ['2001:db8::1'] })).toEqual(['listed']);
    expect(names(trunks, { ips: ['2001:0db8:0:0:0:0:0:2'] })).toEqual(['v6-neighbour']);
  });

  test('a range finds every address inside it', () => {
    expect(names(trunks, { ips: ['10.0.0.0/28'] })).toEqual(['ten-one', 'ten-ten']);
    expect(names(trunks, { ips: ['10.0.0.0/29'] })).toEqual(['ten-one']);
    expect(names(trunks, { ips: ['2001:db8::/32'] })).toEqual(['listed', 'v6-neighbour']);
    expect(names(trunks, { ips: ['2001:db8::2/127'] })).toEqual(['v6-neighbour']);
    expect(names(trunks, { ips: ['2001:db8::/127'] })).toEqual(['listed']);
  });

  test('several addresses are alternatives', () => {
    expect(names(trunks, { ips: ['10.0.0.10', '198.51.100.7'] })).toEqual(['listed', 'ten-ten']);
  });

  test('junk in a field is never an address: a trunk with only junk there is found by its other fields', () => {
    expect(names(trunks, { ips: ['12.325.353.2'] })).toEqual([]);
    expect(names(trunks, { ips: ['0.0.0.0/0'] })).toEqual(['call-center', 'listed', 'ten-one', 'ten-ten']);
    expect(names(trunks, { ips: ['12.0.0.0/8'] })).toEqual([]);
  });
});

describe('numbers, ids and idsOrNumbers', () => {
  const trunks = someTrunks(
    { name: 'london', keyId: 5000028, groups: [aGroup({ number: '+442079460122' })] },
    {
      name: 'two-groups',
      keyId: '5000029',
      groups: [aGroup({ number: null }), aGroup({ number: '0044 161 496 0000' })],
    },
    { name: 'no-groups', keyId: 2079460122, groups: [] },
  );

  test('a national number finds the international one', () => {
    expect(names(trunks, { numbers: ['020 7946 0122'] })).toEqual(['london']);
    expect(names(trunks, { numbers: ['+44 161 496 0000'] })).toEqual(['two-groups']);
  });

  test('fewer than 7 digits find nothing', () => {
    expect(names(trunks, { numbers: ['7946 01'] })).toEqual([]);
    expect(names(trunks, { numbers: ['460122'] })).toEqual([]);
  });

  test('IDs are equal as text, whether the vendor sent a number or a string', () => {
    expect(names(trunks, { ids: ['5000028'] })).toEqual(['london']);
    expect(names(trunks, { ids: ['5000029', '9'] })).toEqual(['two-groups']);
    expect(names(trunks, { ids: ['500002'] })).toEqual([]);
    expect(names([...trunks, aTrunk({ name: 'no-id', keyId: null })], { ids: ['', ' '] })).toEqual([]);
  });

  test('a bare number is tried as an ID and as a phone number', () => {
    expect(names(trunks, { idsOrNumbers: ['2079460122'] })).toEqual(['london', 'no-groups']);
    expect(names(trunks, { idsOrNumbers: ['5000029'] })).toEqual(['two-groups']);
  });
});

describe('account, group, prefix, type and status', () => {
  const trunks = someTrunks(
    { name: 'a', sipAccount: 'Acme01', prefix: '9', type: 1, groups: [aGroup({ groupName: 'Support Tier 1' })] },
    { name: 'b', sipAccount: 'acme010', prefix: '90', type: 2, enabled: true, gatewayUp: false, groups: [] },
    { name: 'c', sipAccount: null, prefix: null, type: null, enabled: false, gatewayUp: null },
    {
      name: 'd',
      sipAccount: 'globex',
      enabled: null,
      gatewayUp: true,
      groups: [aGroup({ groupName: 'S\u00fcpport Tier 2' })],
    },
  );

  test('account is exact but case-insensitive', () => {
    expect(names(trunks, { account: 'ACME01' })).toEqual(['a']);
    expect(names(trunks, { account: 'acme' })).toEqual([]);
  });

  test('group: some group name contains the text, case- and accent-insensitive', () => {
    expect(names(trunks, { group: 'support tier' })).toEqual(['a', 'd']);
    expect(names(trunks, { group: 'TIER 2' })).toEqual(['d']);
    expect(names(trunks, { group: 'sales' })).toEqual([]);
  });

  test('prefix is exact', () => {
    expect(names(trunks, { prefix: '9' })).toEqual(['a', 'd']);
    expect(names(trunks, { prefix: '90' })).toEqual(['b']);
  });

  test('type', () => {
    expect(names(trunks, { type: 2 })).toEqual(['b']);
  });

  test('status: down is enabled with the gateway down; several statuses are alternatives', () => {
    expect(names(trunks, { status: ['down'] })).toEqual(['b']);
    expect(names(trunks, { status: ['up'] })).toEqual(['a', 'd']);
    expect(names(trunks, { status: ['enabled'] })).toEqual(['b', 'a']);
    expect(names(trunks, { status: ['disabled'] })).toEqual(['c']);
    expect(names(trunks, { status: ['down', 'disabled'] })).toEqual(['b', 'c']);
  });

  test('different kinds must all match', () => {
    expect(names(trunks, { prefix: '9', group: 'tier' })).toEqual(['a', 'd']);
    expect(names(trunks, { prefix: '9', group: 'tier', type: 1, status: ['enabled'] })).toEqual(['a']);
    expect(names(trunks, { prefix: '90', group: 'tier' })).toEqual([]);
  });

  test('no filters, or empty lists, match every trunk', () => {
    expect(names(trunks, {})).toEqual(['b', 'a', 'c', 'd']);
    expect(names(trunks, { ips: [], numbers: [], ids: [], idsOrNumbers: [], status: [], name: '  ' })).toHaveLength(4);
  });
});

describe('changed', () => {
  // Vendor times are Shanghai wall clock; AS_OF is 2025-01-10 12:00 there.
  const trunks = someTrunks(
    { name: 'just-now', updateTime: '2025-01-10 11:59:00' },
    { name: 'this-morning', updateTime: '2025-01-10 09:00:00' },
    { name: 'created-yesterday', updateTime: null, createTime: '2025-01-09 12:30:00' },
    { name: 'last-week', updateTime: '2025-01-03 12:00:00' },
    { name: 'clock-skew', updateTime: '2025-01-10 12:03:00' },
    { name: 'future', updateTime: '2025-01-10 13:00:00' },
    { name: 'unreadable', updateTime: 'yesterday', createTime: null },
  );

  test('within minutes before as-of, in the vendor zone, newest first', () => {
    expect(names(trunks, { changed: { withinMinutes: 60 } })).toEqual(['clock-skew', 'just-now']);
    expect(names(trunks, { changed: { withinMinutes: 180 } })).toEqual(['clock-skew', 'just-now', 'this-morning']);
    expect(names(trunks, { changed: { withinMinutes: 24 * 60 } })).toEqual([
      'clock-skew',
      'just-now',
      'this-morning',
      'created-yesterday',
    ]);
  });

  test('the window edge is inclusive: exactly 3 hours before as-of is within 180 minutes', () => {
    expect(names(trunks, { changed: { withinMinutes: 179 } })).not.toContain('this-morning');
    expect(names(trunks, { changed: { withinMinutes: 180 } })).toContain('this-morning');
  });

  test('read as UTC the same times would be 8 hours off', () => {
    const utc = matchTrunks(indexTrunks(trunks, 'UTC'), { page: 1, changed: { withinMinutes: 60 } }, AS_OF);
    expect(utc.map((t) => t.name)).toEqual([]);
  });

  test('since a vendor-local day or minute, at or after it', () => {
    expect(names(trunks, { changed: { since: '2025-01-10' } })).toEqual([
      'future',
      'clock-skew',
      'just-now',
      'this-morning',
    ]);
    expect(names(trunks, { changed: { since: '2025-01-10 09:00' } })).toContain('this-morning');
    expect(names(trunks, { changed: { since: '2025-01-10 09:01' } })).not.toContain('this-morning');
    expect(names(trunks, { changed: { since: '2025-01-09 12:30' } })).toContain('created-yesterday');
  });

  test('an unreadable since matches nothing rather than everything', () => {
    expect(names(trunks, { changed: { since: 'last tuesday' } })).toEqual([]);
  });
});

describe('order', () => {
  test('enabled-but-down first, then by name in natural order ignoring case, then by ID', () => {
    const trunks = [
      aTrunk({ keyId: 3, name: 'trunk-10' }),
      aTrunk({ keyId: 2, name: 'Trunk-2' }),
      aTrunk({ keyId: 9, name: 'zulu', enabled: true, gatewayUp: false }),
      aTrunk({ keyId: 10, name: 'trunk-2' }),
      aTrunk({ keyId: 1, name: null }),
      aTrunk({ keyId: 4, name: 'alpha', enabled: false, gatewayUp: false }),
    ];
    const ordered = matchTrunks(indexTrunks(trunks, ZONE), { page: 1 }, AS_OF).map((t) => t.keyId);
    expect(ordered).toEqual([9, 4, 2, 10, 3, 1]);
  });

  test('equal change times keep the default order', () => {
    const trunks = someTrunks(
      { name: 'c', updateTime: '2025-01-10 10:00:00' },
      { name: 'a', updateTime: '2025-01-10 11:00:00' },
      { name: 'b', updateTime: '2025-01-10 11:00:00', enabled: true, gatewayUp: false },
      { name: 'd', updateTime: '2025-01-10 11:00:00' },
    );
    expect(names(trunks, { changed: { withinMinutes: 180 } })).toEqual(['b', 'a', 'd', 'c']);
  });
});
