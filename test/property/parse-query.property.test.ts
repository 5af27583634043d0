import fc from 'fast-check';
import { formatRequest, MAX_QUERY_TEXT } from '../../src/trunks/format-request.js';
import { parseQuery, type ParsedQuery } from '../../src/trunks/parse-query.js';
import { canonicalIpOrRange } from '../../src/trunks/ip-address.js';
import { decodeSlackInput } from '../../src/trunks/slack-text.js';
import { MAX_NAME_LENGTH, MAX_PAGE, type TrunkRequest } from '../../src/trunks/trunk-request.js';
import { RUN, hostileText, hostileUnit } from './arbitraries.js';
import { validRequest } from './request-arbitraries.js';

// Words the grammar reacts to, near misses, and names that collide with JavaScript's Object.prototype.
const KEYWORDS = [
  'outgoing',
  'out',
  'OUT',
  'incoming',
  'in',
  'In',
  'all',
  '1',
  '2',
  'help',
  'HELP',
  '?',
  '-h',
  '--help',
  'usage',
  'type:',
  'type:1',
  'type:2',
  'type:3',
  'type:out',
  'type:Incoming',
  'type:all',
  'type:outgoign',
  'TYPE:2',
  'name:',
  'name:acme',
  'name:"a b"',
  "name:'x",
  'name:"',
  'page:',
  'page:1',
  'page:0',
  'page:10000',
  'page:10001',
  'page:999999',
  'page:1e3',
  'page:-1',
  'page:1.5',
  'page:\u0663',
  'page:2',
  'page:3',
  '--verbose',
  '-x',
  '-',
  '--',
  'outgoign',
  'incomming',
  'kelp',
  'pgae:2',
  'nmae:x',
  'typ:1',
  'foo:bar',
  '"',
  "'",
  '\u201C',
  '\u201D',
  '\u2018',
  '\u2019',
  '"unclosed',
  'acme',
  'acme corp',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'prototype',
  '<@U123>',
  '<@U123|bob>',
  '<http://x|y>',
  '<mailto:a@b.c>',
  '&amp;',
  '&lt;',
  '&gt;',
  '&amp;lt;',
  '<>',
  '<|>',
  // Filters beyond name, type and page, their near misses, and the forgiving spellings.
  'down',
  'UP',
  'enabled',
  'disabled',
  'stats',
  'status:',
  'status:down',
  'status:sideways',
  'ip:',
  'ip:203.0.113.25',
  'IP=2001:DB8::1',
  '203.0.113.25',
  '203.0.113.25,',
  '203.0.113.0/24',
  '2001:db8::/32',
  '::',
  '::ffff:1.2.3.4',
  '203.0.113.256',
  '1.2.3.4/33',
  '2001:db8:::1',
  '+44',
  '20',
  '7946',
  '0122',
  '(0)20',
  '+442079460122',
  '020',
  '0',
  '5000004',
  '12345678901234567890123',
  'number:',
  'number:+44',
  'number:"+44 20 7946 0122"',
  'number:abc',
  'id:',
  'id:5000004',
  'id:x',
  'account:acme_5000001',
  'account:',
  'group:billing',
  'group:"support tier 1"',
  "group:'",
  'prefix:403',
  'prefix:abc',
  'changed:6h',
  'changed:30',
  'changed:0m',
  'changed:999w',
  'since:2025-05-08',
  'since:"2025-05-08 14:00"',
  'since:2025-02-30',
  '14:00',
  'page',
  'page=2',
  'name: ',
  'type: ',
  'acme?',
  'outgoing,',
  'down.',
  ',',
  '...',
  'globex:',
  'nmae:',
  'a"b\'c',
];
const SEPARATORS = [' ', '  ', '\t', '\n', '', '\u00A0', '\u3000', '\u0000'];

/** Tokens of the grammar and hostile fragments, glued with odd white space. */
const tokenSoup = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYWORDS), hostileText(12)), fc.constantFrom(...SEPARATORS)), {
    maxLength: 12,
  })
  .map((parts) => parts.map(([token, sep]) => `${token}${sep}`).join(''));

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }),
  hostileText(300),
  tokenSoup,
  // Far past the 2,000-character cap, also in pieces that shrink when Slack escapes are decoded.
  fc
    .tuple(fc.oneof(hostileUnit, fc.constantFrom(...KEYWORDS)), fc.integer({ min: 1_990, max: 10_000 }))
    .map(([piece, n]) => `${piece} `.repeat(Math.ceil(n / (piece.length + 1))).slice(0, n)),
);

const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** The contract every caller relies on, whatever was typed. */
function expectWellFormed(result: ParsedQuery): void {
  if (result.kind === 'help') {
    expect(result).toEqual({ kind: 'help' });
  } else if (result.kind === 'invalid') {
    expect(Object.keys(result).sort()).toEqual(['kind', 'problems']);
    expect(result.problems.length).toBeGreaterThanOrEqual(1);
    for (const problem of result.problems) {
      expect(typeof problem).toBe('string');
      expect(problem.trim()).not.toBe('');
      expect(problem.length).toBeLessThan(500);
    }
  } else {
    expect(result.kind).toBe('query');
    expectRequestInRange(result.request);
  }
}

const FIELDS = [
  ...['page', 'type', 'name', 'ips', 'numbers', 'ids', 'idsOrNumbers', 'account', 'group', 'prefix'],
  ...['status', 'changed', 'stats'],
];

function expectRequestInRange(request: TrunkRequest): void {
  expect(FIELDS).toEqual(expect.arrayContaining(Object.keys(request)));
  for (const list of [request.ips, request.numbers, request.ids, request.idsOrNumbers, request.status]) {
    if (list === undefined) continue;
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(new Set(list).size).toBe(list.length);
  }
  for (const ip of request.ips ?? []) expect(canonicalIpOrRange(ip)).toBe(ip);
  for (const n of request.numbers ?? []) expect(n.replace(/\D/g, '').length).toBeGreaterThanOrEqual(7);
  for (const id of [...(request.ids ?? []), ...(request.idsOrNumbers ?? [])]) expect(id).toMatch(/^\d+$/);
  if (request.stats !== undefined) expect(request.stats).toBe(true);
  expect(formatRequest(request).length).toBeLessThanOrEqual(MAX_QUERY_TEXT);
  expect(Number.isInteger(request.page)).toBe(true);
  expect(request.page).toBeGreaterThanOrEqual(1);
  expect(request.page).toBeLessThanOrEqual(MAX_PAGE);
  expect([undefined, 1, 2]).toContain(request.type);
  if ('type' in request) expect([1, 2]).toContain(request.type);
  if ('name' in request) {
    const name = request.name;
    expect(typeof name).toBe('string');
    expect(name).not.toBe('');
    expect(name).toBe(name!.trim());
    expect(name).not.toMatch(/\s\s/);
    expect(name).not.toMatch(CONTROL);
    expect(Array.from(name!).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  }
}

// What Slack does to `&`, `<` and `>` before the bot sees them.
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Characters a user cannot put inside a quoted name unchanged: quotes end it, white space is collapsed,
// control characters become spaces.
const UNSAFE_IN_NAME = /["\u201C-\u201F\u2033\u00AB\u00BB\u2018-\u201B\u2032\p{Cc}\u2028\u2029]|(?! )\s/u;

/** A name a user can type verbatim inside quotes: any code points, normalised the way the parser does. */
const safeName = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: hostileUnit, minLength: 1, maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: hostileUnit, minLength: 90, maxLength: 140 }) },
    { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS, 'acme corp', 'page:2 out', 'name:x', "o'reilly") },
    // Quoted, a grammar word is just a name (Rule 1 of the parser).
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'help',
        '?',
        'usage',
        '-h',
        '--help',
        'outgoing',
        'in',
        'all',
        'page:2',
        'type:1',
        'name:',
      ),
    },
  )
  .map((s) =>
    Array.from(s)
      .filter((ch) => !UNSAFE_IN_NAME.test(ch))
      .slice(0, MAX_NAME_LENGTH)
      .join('')
      .replace(/ +/g, ' ')
      .trim(),
  )
  .filter((s) => s !== '');

/** A request of name, type and page only, the filters `typings` spells. */
const nameTypePage: fc.Arbitrary<TrunkRequest> = fc
  .record(
    {
      page: fc.oneof(fc.constantFrom(1, MAX_PAGE), fc.integer({ min: 1, max: MAX_PAGE })),
      type: fc.constantFrom(1 as const, 2 as const),
      name: safeName,
    },
    { requiredKeys: ['page'] },
  )
  .map((r) => ({
    page: r.page,
    ...(r.type !== undefined && { type: r.type }),
    ...(r.name !== undefined && { name: r.name }),
  }));

const TYPE_SPELLINGS = {
  1: ['outgoing', 'out', 'OUT', 'type:1', 'type:outgoing', 'type:Out'],
  2: ['incoming', 'in', 'In', 'type:2', 'type:in', 'type:INCOMING'],
};

/** Every way the grammar documents to type `request`, in any order, as Slack would deliver it. */
function typings(request: TrunkRequest): fc.Arbitrary<string> {
  const typePart =
    request.type === undefined
      ? fc.constantFrom('', 'all', 'type:all')
      : fc.constantFrom(...TYPE_SPELLINGS[request.type]);
  const digits = String(request.page);
  const pagePart = fc.constantFrom(
    ...(request.page === 1 ? ['', 'page:1'] : []),
    `page:${digits}`,
    `page:${digits.padStart(6, '0')}`,
  );
  const name = request.name;
  const namePart =
    name === undefined
      ? fc.constant('')
      : fc.constantFrom(
          ...[`name:"${name}"`, `"${name}"`, `name:\u201C${name}\u201D`, `\u201C${name}\u201D`],
          ...(name.includes("'") ? [] : [`name:'${name}'`, `'${name}'`]),
        );
  return fc
    .tuple(typePart, pagePart, namePart)
    .chain((parts) => fc.shuffledSubarray(parts, { minLength: 3, maxLength: 3 }))
    .map((parts) => slackEscape(parts.filter((p) => p !== '').join(' ')));
}

const pick = (...spellings: string[]) => fc.constantFrom(...spellings);
const quote = (v: string) => (v.includes('"') ? `'${v}'` : `"${v}"`);
const plainValue = (v: string) => /^[^\s"']\S*$/.test(v) && !/[.,;:!?]$/.test(v);

/**
 * The documented spellings of every filter but name, type and page: one piece per kind, so pieces can be shuffled
 * while several values of one kind keep their order (the request lists them as typed).
 */
function filterTypings(request: TrunkRequest): fc.Arbitrary<string>[] {
  const kinds: fc.Arbitrary<string>[][] = [
    (request.ips ?? []).map((ip) => pick(ip, `ip:${ip}`, `IP=${ip.toUpperCase()}`, `ip: ${ip}`, `${ip},`)),
    (request.numbers ?? []).map((n) => pick(`number:"${n}"`, `Number="${n}"`, `number: "${n}"`)),
    (request.ids ?? []).map((id) => pick(`id:${id}`, `ID=${id}`, `id: ${id}`)),
    (request.idsOrNumbers ?? []).map((x) => pick(x, `${x}.`)),
    (request.status ?? []).map((st) => pick(st, st.toUpperCase(), `status:${st}`, `${st},`)),
  ];
  for (const key of ['account', 'group', 'prefix'] as const) {
    const v = request[key];
    if (v === undefined) continue;
    kinds.push([
      pick(`${key}:${quote(v)}`, `${key}: ${quote(v)}`, ...(plainValue(v) ? [`${key.toUpperCase()}=${v}`] : [])),
    ]);
  }
  const changed = request.changed;
  if (changed !== undefined && 'withinMinutes' in changed)
    kinds.push([
      pick(
        `changed:${changed.withinMinutes}m`,
        `changed: ${changed.withinMinutes}min`,
        formatRequest({ page: 1, changed }),
      ),
    ]);
  if (changed !== undefined && 'since' in changed)
    kinds.push([
      pick(`since:"${changed.since}"`, `since:${changed.since}`, `Since=${changed.since.replace(' ', 'T')}`),
    ]);
  if (request.stats) kinds.push([pick('stats', 'Stats')]);
  return kinds.filter((pieces) => pieces.length > 0).map((pieces) => fc.tuple(...pieces).map((p) => p.join(' ')));
}

/** A valid request typed in any documented spelling and order (the name as its canonical words), as Slack sends it. */
function anyTyping(request: TrunkRequest): fc.Arbitrary<string> {
  const head = decodeSlackInput(
    formatRequest({
      page: 1,
      ...(request.type && { type: request.type }),
      ...(request.name && { name: request.name }),
    }),
  );
  const page =
    request.page === 1 ? pick('') : pick(`page:${request.page}`, `page ${request.page}`, `PAGE=${request.page}`);
  return fc
    .tuple(fc.constant(head), page, ...filterTypings(request))
    .chain((parts) => fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }))
    .map((parts) => slackEscape(parts.filter((p) => p !== '').join(' ')));
}

describe('parseQuery (properties)', () => {
  test('never throws, and always answers help, a usable problem list, or a request inside the API ranges', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        expectWellFormed(parseQuery(raw));
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('text far over the cap is refused with one problem, not tokenised', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2_001, max: 10_000 }),
        (piece, n) => {
          const raw = `x${piece.replace(/[&<>\s]/g, 'x').repeat(n)}`.slice(0, n);
          expect(parseQuery(raw)).toEqual({
            kind: 'invalid',
            problems: [expect.stringContaining('keep filters under 2000')],
          });
        },
      ),
      { ...RUN, numRuns: 200 },
    );
  });

  test('any documented way of typing a valid request reads back as that request', () => {
    fc.assert(
      fc.property(
        nameTypePage.chain((request) => fc.tuple(fc.constant(request), typings(request))),
        ([request, text]) => {
          expect(parseQuery(text)).toEqual({ kind: 'query', request });
        },
      ),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('quoted text on its own is always the name, even when it spells a grammar word (Rule 1)', () => {
    const quotes = fc.constantFrom(['"', '"'], ["'", "'"], ['\u201C', '\u201D'], ['\u2018', '\u2019']);
    fc.assert(
      fc.property(safeName, quotes, (name, [open, close]) => {
        fc.pre(!(open === "'" || open === '\u2018') || !name.includes("'"));
        expect(parseQuery(slackEscape(`${open}${name}${close}`))).toEqual({
          kind: 'query',
          request: { page: 1, name },
        });
      }),
      { ...RUN, numRuns: 500 },
    );
  });

  test('a request parsed from any input, written back by formatRequest, parses to the same request', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const first = parseQuery(raw);
        if (first.kind !== 'query') return;
        expect(parseQuery(formatRequest(first.request))).toEqual(first);
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('every filter, typed in any documented spelling and order, reads back as the request', () => {
    fc.assert(
      fc.property(
        validRequest.chain((request) => fc.tuple(fc.constant(request), anyTyping(request))),
        ([request, text]) => {
          expect(parseQuery(text)).toEqual({ kind: 'query', request });
        },
      ),
      { ...RUN, numRuns: 1_000 },
    );
  });

  test('any request the grammar can produce, every filter included, survives formatRequest and parseQuery', () => {
    fc.assert(
      fc.property(validRequest, (request) => {
        const text = formatRequest(request);
        expect(text.length).toBeLessThanOrEqual(MAX_QUERY_TEXT);
        expect(parseQuery(text)).toEqual({ kind: 'query', request });
        // As Slack would deliver it when a user types it: formatRequest already wrote what Slack escapes.
        expect(parseQuery(slackEscape(decodeSlackInput(text)))).toEqual({ kind: 'query', request });
      }),
      { ...RUN, numRuns: 1_000 },
    );
  });
});
