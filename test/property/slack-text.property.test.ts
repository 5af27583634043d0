import fc from 'fast-check';
import { decodeSlackInput, escapeClip, formatCount, oneLine } from '../../src/trunks/slack-text.js';
import { RUN } from './arbitraries.js';

// Escaping and clipping one code point at a time, written out plainly: what escapeClip must equal.
function reference(text: string, max: number): string {
  const entity: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  let out = '';
  let used = 0;
  for (const ch of text) {
    const piece = entity[ch] ?? ch;
    const cost = piece === '"' || piece === '\\' ? 2 : piece.length;
    if (used + cost > max - 1) return `${out}…`;
    out += piece;
    used += cost;
  }
  return out;
}

const wireCost = (text: string) => JSON.stringify(text).length - 2;

describe('escapeClip', () => {
  test('escapes and clips exactly as one code point at a time would, fast path or not', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', '&', '<', '>', '"', '\\', '😀', 'é') }),
      fc.string({ unit: 'grapheme' }),
      fc.string(),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 60 }), (value, max) => {
        const clipped = escapeClip(value, max);
        expect(clipped).toBe(reference(value, max));
        expect(wireCost(clipped.replace(/…$/, ''))).toBeLessThanOrEqual(max - 1);
        expect(clipped.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
      }),
      { ...RUN, numRuns: 500 },
    );
  });
});

describe('oneLine', () => {
  test('collapses white space exactly as replacing every run with one space and trimming would', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2028', 'é') });
    fc.assert(
      fc.property(text, (value) => {
        expect(oneLine(value)).toBe(value.replace(/\s+/g, ' ').trim());
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });
});

describe('formatCount', () => {
  test('writes every count as the en-US number format does, below 1,000 and above', () => {
    const enUs = new Intl.NumberFormat('en-US');
    const count = fc.oneof(
      fc.integer({ min: 0, max: 1_100 }),
      fc.integer({ min: -1_000_000, max: 100_000_000 }),
      fc.double({ min: -2_000, max: 2_000, noNaN: true }),
    );
    fc.assert(
      fc.property(count, (n) => formatCount(n) === enUs.format(n)),
      { ...RUN, numRuns: 2_000 },
    );
  });
});

describe('decodeSlackInput', () => {
  test('decodes as the full path does, whether or not the text needs decoding', () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.constantFrom(
          'a',
          ' ',
          '<',
          '>',
          '|',
          '&',
          '&lt;',
          '&amp;',
          '<@U1|ann>',
          '<mailto:a@b.c>',
          '\u201C',
          '\t',
          'é',
        ),
      }),
      fc.string({ unit: 'grapheme' }),
      fc.string(),
    );
    // A leading control character sends any text down the full path, and decodes to one space.
    fc.assert(
      fc.property(text, (raw) => decodeSlackInput(`\u0001${raw}`) === ` ${decodeSlackInput(raw)}`),
      { ...RUN, numRuns: 1_000 },
    );
  });
});
