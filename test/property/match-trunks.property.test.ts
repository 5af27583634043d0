import fc from 'fast-check';
import { addressesIn } from '../../src/trunks/find-ips.js';
import { ipInRange, parseIpOrRange } from '../../src/trunks/ip-address.js';
import { matchTrunks } from '../../src/trunks/match-trunks.js';
import type { Trunk, TrunkGroup } from '../../src/trunks/trunk.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';
import { RUN } from './arbitraries.js';

const ZONE = 'Asia/Shanghai';
// 2025-01-10 12:00 in Shanghai.
const AS_OF = Date.parse('2025-01-10T04:00:00Z');

// Small pools, so that filters hit often and both outcomes of every comparison show up.
const WORDS = ['acme', 'ACME', 'Gl\u00f6bex', 'globex', 'out', 'in', 'trunk-2', 'trunk-10', '"primary"'];
const ADDRESSES = [
  '10.0.0.1',
  '10.0.0.10',
  '203.0.113.25',
  '2001:db8::1',
  '2001:0db8::0001',
  '12.325.353.2',
  '::ffff:10.0.0.1',
];
const RANGES = [
  '10.0.0.1',
  '10.0.0.0/28',
  '10.0.0.0/29',
  '203.0.113.0/24',
  '2001:db8::1',
  '2001:db8::/32',
  '0.0.0.0/0',
  '12.325.353.2',
];
const NUMBERS = ['+442079460122', '020 7946 0122', '+15551230000', '555 0100', '0044 161 496 0000'];
const GROUPS = ['Support Tier 1', 'S\u00fcpport Tier 2', 'Sales'];
const ACCOUNTS = ['acme01', 'Acme01', 'globex'];
const PREFIXES = ['9', '90', '77'];
const IDS = ['5000100', '5000101', '5000105', '2079460122', 'x'];
const TIMES = ['2025-01-10 11:59:00', '2025-01-10 09:00:00', '2025-01-09 12:00:00', '2025-01-10 12:03:00', 'junk'];

const option = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const field = option(
  fc.array(fc.constantFrom(...ADDRESSES, '198.51.100.7/24'), { maxLength: 3 }).map((a) => a.join(', ')),
);
const group: fc.Arbitrary<TrunkGroup> = fc.record({
  groupId: fc.constant(1),
  groupName: option(fc.constantFrom(...GROUPS)),
  number: option(fc.constantFrom(...NUMBERS)),
});
const trunk = fc.record({
  name: option(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '))),
  type: fc.constantFrom(1 as const, 2 as const, null),
  enabled: option(fc.boolean()),
  gatewayUp: option(fc.boolean()),
  gatewayIp: field,
  whiteIp: field,
  ccIp: field,
  prefix: option(fc.constantFrom(...PREFIXES)),
  sipAccount: option(fc.constantFrom(...ACCOUNTS)),
  createTime: option(fc.constantFrom(...TIMES)),
  updateTime: option(fc.constantFrom(...TIMES)),
  groups: fc.array(group, { maxLength: 2 }),
});
// IDs are unique, as the vendor's are; some are numbers and some strings, as the vendor sends them.
const trunks = fc
  .array(trunk, { maxLength: 25 })
  .map((ts) => ts.map((t, i): Trunk => ({ keyId: i % 2 ? 5_000_100 + i : String(5_000_100 + i), ...t })));

const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1, maxLength: 2 });
const filters = fc.record({
  type: fc.constantFrom(1 as const, 2 as const),
  name: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
  ips: some(RANGES),
  numbers: some(NUMBERS),
  ids: some(IDS),
  idsOrNumbers: some(IDS),
  account: fc.constantFrom(...ACCOUNTS),
  group: fc.constantFrom('tier', 'support tier 1', 'sales', 'SUPPORT'),
  prefix: fc.constantFrom(...PREFIXES),
  status: fc.subarray(['down', 'up', 'enabled', 'disabled'] as const, { minLength: 1 }),
  changed: fc.oneof(
    fc.integer({ min: 0, max: 3_000 }).map((withinMinutes) => ({ withinMinutes })),
    fc.constantFrom('2025-01-10', '2025-01-10 09:00', '2025-01-09').map((since) => ({ since })),
  ),
});
type Kind = Exclude<keyof TrunkRequest, 'page' | 'stats'>;
// One to three kinds at a time: with more, nearly every request would match nothing, proving little.
const request = fc
  .tuple(
    filters,
    fc.subarray(
      [
        'type',
        'name',
        'ips',
        'numbers',
        'ids',
        'idsOrNumbers',
        'account',
        'group',
        'prefix',
        'status',
        'changed',
      ] as Kind[],
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([f, keep]): TrunkRequest => ({ page: 1, ...Object.fromEntries(keep.map((k) => [k, f[k]])) }));

const kinds = (r: TrunkRequest) => (Object.keys(r) as (keyof TrunkRequest)[]).filter((k): k is Kind => k !== 'page');
const without = (r: TrunkRequest, kind: Kind): TrunkRequest => {
  const { [kind]: _, ...rest } = r;
  return rest;
};

describe('matchTrunks properties', () => {
  test('no filters return every trunk', () => {
    fc.assert(
      fc.property(trunks, (ts) => {
        const all = matchTrunks(indexTrunks(ts, ZONE), { page: 1 }, AS_OF);
        expect(new Set(all)).toEqual(new Set(ts));
        expect(all).toHaveLength(ts.length);
      }),
      { ...RUN, numRuns: 200 },
    );
  });

  test('adding a filter never adds results', () => {
    fc.assert(
      fc.property(trunks, request, (ts, r) => {
        const index = indexTrunks(ts, ZONE);
        const narrow = new Set(matchTrunks(index, r, AS_OF));
        for (const kind of kinds(r)) {
          const wider = new Set(matchTrunks(index, without(r, kind), AS_OF));
          for (const t of narrow) expect(wider.has(t)).toBe(true);
        }
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('different kinds of filter all apply: the result is what each kind alone finds in common', () => {
    fc.assert(
      fc.property(trunks, request, (ts, r) => {
        const index = indexTrunks(ts, ZONE);
        const alone = kinds(r).map((k) => new Set(matchTrunks(index, { page: 1, [k]: r[k] }, AS_OF)));
        const expected = ts.filter((t) => alone.every((found) => found.has(t)));
        expect(new Set(matchTrunks(index, r, AS_OF))).toEqual(new Set(expected));
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('several values of one kind are alternatives', () => {
    const lists = fc.oneof(
      some(RANGES).map((v) => ['ips', v] as const),
      some(NUMBERS).map((v) => ['numbers', v] as const),
      some(IDS).map((v) => ['ids', v] as const),
      some(IDS).map((v) => ['idsOrNumbers', v] as const),
      fc.subarray(['down', 'up', 'enabled', 'disabled'] as const, { minLength: 1 }).map((v) => ['status', v] as const),
    );
    fc.assert(
      fc.property(trunks, lists, (ts, [kind, values]) => {
        const index = indexTrunks(ts, ZONE);
        const each = new Set(values.flatMap((v) => matchTrunks(index, { page: 1, [kind]: [v] }, AS_OF)));
        expect(new Set(matchTrunks(index, { page: 1, [kind]: values }, AS_OF))).toEqual(each);
      }),
      { ...RUN, numRuns: 300 },
    );
  });

  test('an address filter finds what a plain scan of every field finds', () => {
    fc.assert(
      fc.property(trunks, some(RANGES), (ts, ips) => {
        const ranges = ips.flatMap((ip) => parseIpOrRange(ip) ?? []);
        const expected = ts.filter((t) =>
          [t.gatewayIp, t.whiteIp, t.ccIp].flatMap(addressesIn).some((a) => ranges.some((r) => ipInRange(r, a))),
        );
        expect(new Set(matchTrunks(indexTrunks(ts, ZONE), { page: 1, ips }, AS_OF))).toEqual(new Set(expected));
      }),
      { ...RUN, numRuns: 300 },
    );
  });

  test('the order depends on the trunks, not on the order they arrived in', () => {
    fc.assert(
      fc.property(
        trunks.chain((ts) => fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length }))),
        request,
        ([ts, shuffled], r) => {
          const a = matchTrunks(indexTrunks(ts, ZONE), r, AS_OF);
          expect(matchTrunks(indexTrunks(shuffled, ZONE), r, AS_OF)).toEqual(a);
        },
      ),
      { ...RUN, numRuns: 300 },
    );
  });

  test('without a changed filter, results keep the order of the full list', () => {
    fc.assert(
      fc.property(trunks, request, (ts, r) => {
        const index = indexTrunks(ts, ZONE);
        const found = new Set(matchTrunks(index, without(r, 'changed'), AS_OF));
        const all = matchTrunks(index, { page: 1 }, AS_OF);
        expect(matchTrunks(index, without(r, 'changed'), AS_OF)).toEqual(all.filter((t) => found.has(t)));
      }),
      { ...RUN, numRuns: 300 },
    );
  });
});
