import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { decodePageState, encodePageState } from '../../src/trunks/page-state.js';

const seal = createButtonSeal('test-signing-secret');

describe('page state in button values', () => {
  test('round-trips every field', () => {
    const state = { request: { page: 3, type: 2 as const, name: 'acme “corp” & <co>' }, sharedBy: 'U0ABC123' };
    expect(decodePageState(encodePageState(state, seal), seal)).toEqual(state);
    expect(decodePageState(encodePageState({ request: { page: 1 } }, seal), seal)).toEqual({ request: { page: 1 } });
  });

  test('stays far below the 2,000-character button value limit at the longest name', () => {
    const value = encodePageState(
      { request: { page: 10_000, type: 1, name: '\u{1F4DE}'.repeat(100) }, sharedBy: 'U'.padEnd(31, 'A') },
      seal,
    );
    expect(value.length).toBeLessThan(2_000);
    expect(decodePageState(value, seal)?.request.name).toBe('\u{1F4DE}'.repeat(100));
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
  ])('rejects a sealed value that is still out of range: %s', (_label, value) => {
    expect(decodePageState(seal.seal(value), seal)).toBeUndefined();
  });

  test('rejects values the bot did not seal, even when they look valid', () => {
    const genuine = encodePageState({ request: { page: 2, name: 'acme' } }, seal);
    const payload = genuine.slice(0, genuine.lastIndexOf('~'));
    const mac = genuine.slice(genuine.lastIndexOf('~') + 1);
    expect(decodePageState(genuine, seal)).toEqual({ request: { page: 2, name: 'acme' } });
    expect(decodePageState(payload, seal)).toBeUndefined();
    expect(decodePageState('{"p":9999}', seal)).toBeUndefined();
    expect(decodePageState(`{"p":2,"n":"acme","s":"U0FORGED"}~${mac}`, seal)).toBeUndefined();
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
