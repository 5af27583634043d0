import { closestWord, editDistance } from '../../src/trunks/closest-word.js';

describe('editDistance', () => {
  test.each([
    ['outgoing', 'outgoing', 0],
    ['outgoign', 'outgoing', 1],
    ['incomming', 'incoming', 1],
    ['otgoing', 'outgoing', 1],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('closestWord', () => {
  test('suggests the nearest candidate', () => {
    expect(closestWord('outgoign', ['outgoing', 'incoming'])).toBe('outgoing');
    expect(closestWord('Incomin', ['outgoing', 'incoming'])).toBe('incoming');
  });

  test('suggests nothing for exact matches, distant words, or very short or long input', () => {
    expect(closestWord('outgoing', ['outgoing'])).toBeUndefined();
    expect(closestWord('acme', ['name', 'page', 'type'])).toBeUndefined();
    expect(closestWord('ou', ['out'])).toBeUndefined();
    expect(closestWord('o'.repeat(50), ['outgoing'])).toBeUndefined();
  });
});
