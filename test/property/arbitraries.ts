import fc from 'fast-check';

/** A fixed seed keeps every run (and every counterexample) reproducible; raise numRuns locally to dig deeper. */
export const RUN = { seed: 20_260_127 } as const;

/** Text that Slack or a vendor could send to trip escaping: mentions, links, entities, markup, controls. */
export const TRAPS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U1>',
  '<@U123|bob>',
  '<#C1|general>',
  '<http://x|y>',
  '<https://evil.example>',
  '<mailto:a@b.c|a>',
  '&',
  '&amp;',
  '&lt;',
  '&gt;',
  '&#60;',
  '<',
  '>',
  '*',
  '_',
  '~',
  '`',
  '```',
  '|',
  '"',
  "'",
  '\\',
  '\u201C',
  '\u201D',
  '\u2018',
  '\u2019',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u2028',
  '\u00A0',
  '\u200B',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '😀',
  '👩‍👩‍👧',
  'é',
  ' ',
  '  ',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** One "character" of hostile text: any code point, a lone surrogate, or a whole trap fragment. */
export const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 3, arbitrary: fc.constantFrom(...TRAPS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }) },
);

/** Hostile text up to `maxLength` units; long strings are produced by repeating a short hostile seed. */
export function hostileText(maxLength = 60): fc.Arbitrary<string> {
  const short = fc.string({ unit: hostileUnit, maxLength });
  const long = fc
    .tuple(fc.string({ unit: hostileUnit, minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 4_000 }))
    .map(([seed, n]) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n));
  return fc.oneof({ weight: 5, arbitrary: short }, { weight: 1, arbitrary: long });
}

/** A Slack user ID as the bot stores it for "shared by". */
export const slackUserId = fc.stringMatching(/^[UW][A-Z0-9]{2,30}$/);
