import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { formatRequest } from '../../src/trunks/format-request.js';
import { decodePageState, encodePageState } from '../../src/trunks/page-state.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';

const seal = createButtonSeal('test-signing-secret');

const EVERY_FILTER: TrunkRequest = {
  page: 3,
  type: 2,
  name: 'acme "corp" & <co>',
  ips: ['203.0.113.0/24', '2001:db8::1'],
  numbers: ['+44 20 7946 0122'],
  ids: ['5000004'],
  idsOrNumbers: ['5000005'],
  account: 'acme_5000001',
  group: 'support tier 1',
  prefix: '403',
  status: ['enabled', 'down'],
  changed: { since: '2025-05-08 14:00' },
  stats: true,
};

describe('page state in button values', () => {
  test('round-trips every filter, the page and the sharer', () => {
    const state = { request: EVERY_FILTER, sharedBy: 'U0ABC123' };
    expect(decodePageState(encodePageState(state, seal), seal)).toEqual(state);
    expect(decodePageState(encodePageState({ request: { page: 1 } }, seal), seal)).toEqual({ request: { page: 1 } });
  });

  test('carries the canonical query text, readable in the value', () => {
    const value = encodePageState({ request: { page: 2, type: 1, name: 'acme', status: ['down'] } }, seal);
    expect(value).toMatch(/^v2;2;;outgoing acme down~[\w-]{22}$/);
  });

  test('stays under the 2,000-character button value limit at the longest query the grammar accepts', () => {
    // Each number typed bare is written back as `number:"…"`: this query is as long as the grammar allows.
    const typed = Array.from({ length: 65 }, (_, i) => `+44 20 7946 ${String(i).padStart(4, '0')}`).join(' ');
    const parsed = parseQuery(`${typed} ${'\u{1F4DE}'.repeat(100)}`);
    if (parsed.kind !== 'query') throw new Error(`expected a query: ${JSON.stringify(parsed)}`);
    expect(formatRequest(parsed.request).length).toBeGreaterThan(1_850);
    const state = { request: { ...parsed.request, page: 10_000 }, sharedBy: 'U'.padEnd(31, 'A') };
    const value = encodePageState(state, seal);
    expect(value.length).toBeLessThan(2_000);
    expect(decodePageState(value, seal)).toEqual(state);
  });

  test.each([
    ['empty', ''],
    ['no version', '2;;acme'],
    ['the JSON of earlier versions', '{"p":2,"n":"acme"}'],
    ['another version', 'v3;1;;acme'],
    ['page zero', 'v2;0;;'],
    ['page too big', 'v2;10001;;'],
    ['page with a leading zero', 'v2;02;;'],
    ['fractional page', 'v2;1.5;;'],
    ['sharer not a user id', 'v2;1;<!channel>;'],
    ['missing field', 'v2;1;acme'],
    ['a page inside the query', 'v2;1;;page:2'],
    ['help instead of a query', 'v2;1;;help'],
    ['a query with problems', 'v2;1;;type:9'],
    ['a query not in canonical form', 'v2;1;;out acme'],
    ['extra white space', 'v2;1;;outgoing  acme'],
    ['a query too long', `v2;1;;"${'x'.repeat(1_950)}"`],
    ['huge value', `v2;1;;${'x'.repeat(5_000)}`],
  ])('rejects a sealed value that is still out of range: %s', (_label, value) => {
    expect(decodePageState(seal.seal(value), seal)).toBeUndefined();
  });

  test('rejects values the bot did not seal, even when they look valid', () => {
    const genuine = encodePageState({ request: { page: 2, name: 'acme' } }, seal);
    const payload = genuine.slice(0, genuine.lastIndexOf('~'));
    const mac = genuine.slice(genuine.lastIndexOf('~') + 1);
    expect(decodePageState(genuine, seal)).toEqual({ request: { page: 2, name: 'acme' } });
    expect(decodePageState(payload, seal)).toBeUndefined();
    expect(decodePageState('v2;9999;;', seal)).toBeUndefined();
    expect(decodePageState(`v2;2;U0FORGED;acme~${mac}`, seal)).toBeUndefined();
    expect(decodePageState(`v2;2;;acme down~${mac}`, seal)).toBeUndefined();
    expect(decodePageState(`${payload}~${mac.slice(0, -1)}A`.replace(/AA$/, 'AB'), seal)).toBeUndefined();
    expect(
      decodePageState(encodePageState({ request: { page: 2 } }, createButtonSeal('another-secret')), seal),
    ).toBeUndefined();
  });

  test('rejects values that are not strings', () => {
    expect(decodePageState(undefined, seal)).toBeUndefined();
    expect(decodePageState(42, seal)).toBeUndefined();
  });
});
