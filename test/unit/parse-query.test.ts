import { parseQuery, type ParsedQuery } from '../../src/trunks/parse-query.js';

const query = (request: object): ParsedQuery => ({ kind: 'query', request: { page: 1, ...request } }) as ParsedQuery;

describe('parseQuery', () => {
  test.each<[string, ParsedQuery]>([
    ['', query({})],
    ['   ', query({})],
    ['outgoing', query({ type: 1 })],
    ['OUT', query({ type: 1 })],
    ['type:1', query({ type: 1 })],
    ['type:Outgoing', query({ type: 1 })],
    ['incoming', query({ type: 2 })],
    ['In', query({ type: 2 })],
    ['type:2', query({ type: 2 })],
    ['type:incoming', query({ type: 2 })],
    ['all acme', query({ name: 'acme' })],
    ['outgoing acme', query({ type: 1, name: 'acme' })],
    ['outgoing acme corp', query({ type: 1, name: 'acme corp' })],
    ['acme outgoing corp', query({ type: 1, name: 'acme corp' })],
    ['name:acme', query({ name: 'acme' })],
    ['name:"two words" in', query({ type: 2, name: 'two words' })],
    ["name:'two words'", query({ name: 'two words' })],
    ['"acme corp" page:3', query({ name: 'acme corp', page: 3 })],
    ['page:2 out', query({ type: 1, page: 2 })],
    ['12', query({ name: '12' })],
    ["o'reilly", query({ name: "o'reilly" })],
    ['name:"unclosed quote', query({ name: 'unclosed quote' })],
  ])('%j', (input, expected) => {
    expect(parseQuery(input)).toEqual(expected);
  });

  test.each([
    ['name:\u201Ctwo words\u201D', 'two words'],
    ['\u2018acme corp\u2019', 'acme corp'],
    ['name:\u201EGlobex EU\u201C', 'Globex EU'],
  ])('reads smart quotes as quotes: %j', (input, name) => {
    expect(parseQuery(input)).toEqual(query({ name }));
  });

  test('decodes the HTML escapes Slack adds to &, < and >', () => {
    expect(parseQuery('AT&amp;T &lt;eu&gt;')).toEqual(query({ name: 'AT&T <eu>' }));
  });

  test('reads Slack-formatted links as the text the user typed', () => {
    expect(parseQuery('<http://acme.com|acme.com> out')).toEqual(query({ type: 1, name: 'acme.com' }));
  });

  test.each(['help', 'HELP', '?', '--help', '-h'])('%j asks for help', (input) => {
    expect(parseQuery(input)).toEqual({ kind: 'help' });
  });

  test.each([
    ['type:3', /`type:3` isn't a trunk type/],
    ['type:outgoign', /Did you mean `type:outgoing`/],
    ['page:0', /`page:0` isn't a page number/],
    ['page:abc', /`page:abc` isn't a page number/],
    ['page:-1', /isn't a page number/],
    ['page:1.5', /isn't a page number/],
    ['page:99999999', /isn't a page number/],
    ['name:', /`name:` needs a value/],
    ['colour:blue', /Unknown filter `colour:`/],
    ['nmae:acme', /Did you mean `name:`\?/],
    ['--verbose', /Unknown option `--verbose`/],
    ['-x acme', /Unknown option `-x`/],
    ['outgoign', /Did you mean `outgoing` instead of `outgoign`/],
    ['incomming acme', /Did you mean `incoming`/],
    ['outgoing incoming', /pick one of outgoing or incoming/],
    ['name:acme globex', /either as `name:…` or as plain words/],
    ['x'.repeat(101), /too long/],
    ['a '.repeat(1_500), /keep filters under/],
  ])('%j is rejected with a reason', (input, reason) => {
    const parsed = parseQuery(input);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problems.join('\n')).toMatch(reason);
  });

  test('reports every problem at once', () => {
    const parsed = parseQuery('type:9 page:0 --x');
    expect(parsed.kind === 'invalid' && parsed.problems).toHaveLength(3);
  });

  test('a word that merely resembles nothing is a name, not a typo', () => {
    expect(parseQuery('acme')).toEqual(query({ name: 'acme' }));
    expect(parseQuery('globex')).toEqual(query({ name: 'globex' }));
  });

  test('typos can still be searched for with name:', () => {
    expect(parseQuery('name:outgoign')).toEqual(query({ name: 'outgoign' }));
  });

  test('control characters are treated as spaces', () => {
    expect(parseQuery('out\u0000acme\u0007corp')).toEqual(query({ type: 1, name: 'acme corp' }));
  });
});
