import { decodePageState, encodePageState } from '../../src/trunks/page-state.js';

describe('page state in button values', () => {
  test('round-trips every field', () => {
    const state = { request: { page: 3, type: 2 as const, name: 'acme “corp” & <co>' }, sharedBy: 'U0ABC123' };
    expect(decodePageState(encodePageState(state))).toEqual(state);
    expect(decodePageState(encodePageState({ request: { page: 1 } }))).toEqual({ request: { page: 1 } });
  });

  test('stays far below the 2,000-character button value limit at the longest name', () => {
    const value = encodePageState({ request: { page: 10_000, type: 1, name: '\u{1F4DE}'.repeat(100) }, sharedBy: 'U'.padEnd(31, 'A') });
    expect(value.length).toBeLessThan(2_000);
    expect(decodePageState(value)?.request.name).toBe('\u{1F4DE}'.repeat(100));
  });

  test.each([
    ['not json', 'nope'],
    ['empty', ''],
    ['array', '[1,2]'],
    ['page zero', '{"p":0}'],
    ['page too big', '{"p":10001}'],
    ['fractional page', '{"p":1.5}'],
    ['page as string', '{"p":"2"}'],
    ['unknown type', '{"p":1,"t":3}'],
    ['empty name', '{"p":1,"n":""}'],
    ['name too long', JSON.stringify({ p: 1, n: 'x'.repeat(101) })],
    ['sharer not a user id', '{"p":1,"s":"<!channel>"}'],
    ['extra keys', '{"p":1,"x":1}'],
    ['huge value', JSON.stringify({ p: 1, n: 'x'.repeat(5_000) })],
  ])('rejects a tampered value: %s', (_label, value) => {
    expect(decodePageState(value)).toBeUndefined();
  });

  test('rejects values that are not strings', () => {
    expect(decodePageState(undefined)).toBeUndefined();
    expect(decodePageState(42)).toBeUndefined();
  });
});
