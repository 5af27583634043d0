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

  describe('every filter', () => {
    test.each<[string, object]>([
      ['203.0.113.25', { ips: ['203.0.113.25'] }],
      ['ip:203.0.113.25', { ips: ['203.0.113.25'] }],
      ['ip:2001:DB8::1', { ips: ['2001:db8::1'] }],
      ['2001:0db8:0000:0000:0000:0000:0000:0001', { ips: ['2001:db8::1'] }],
      ['ip:203.0.113.0/24', { ips: ['203.0.113.0/24'] }],
      ['203.0.113.0/24', { ips: ['203.0.113.0/24'] }],
      ['2001:db8::/32', { ips: ['2001:db8::/32'] }],
      ['203.0.113.25 ip:203.0.113.25 198.51.100.7', { ips: ['203.0.113.25', '198.51.100.7'] }],
      ['+44 20 7946 0122', { numbers: ['+44 20 7946 0122'] }],
      ['+442079460122', { numbers: ['+442079460122'] }],
      ['020 7946 0122', { numbers: ['020 7946 0122'] }],
      ['(020) 7946-0122', { numbers: ['(020) 7946-0122'] }],
      ['number:+442079460122', { numbers: ['+442079460122'] }],
      ['number:"+44 20 7946 0122"', { numbers: ['+44 20 7946 0122'] }],
      ['number:+44 20 7946 0122', { numbers: ['+44 20 7946 0122'] }],
      ['number:"+44   20 7946 0122"', { numbers: ['+44 20 7946 0122'] }],
      ['+44 20 7946 0122 +44 20 7946 0123', { numbers: ['+44 20 7946 0122', '+44 20 7946 0123'] }],
      ['+44 20 7946 0122, 5000004', { numbers: ['+44 20 7946 0122'], idsOrNumbers: ['5000004'] }],
      ['5000004', { idsOrNumbers: ['5000004'] }],
      ['id:5000004', { ids: ['5000004'] }],
      ['id:5000004 id:5000005', { ids: ['5000004', '5000005'] }],
      ['account:acme_5000001', { account: 'acme_5000001' }],
      ['group:billing', { group: 'billing' }],
      ['group:"support tier 1"', { group: 'support tier 1' }],
      ['prefix:403', { prefix: '403' }],
      ['down', { status: ['down'] }],
      ['up', { status: ['up'] }],
      ['enabled', { status: ['enabled'] }],
      ['disabled', { status: ['disabled'] }],
      ['status:down DOWN', { status: ['down'] }],
      ['enabled down', { status: ['enabled', 'down'] }],
      ['changed:30m', { changed: { withinMinutes: 30 } }],
      ['changed:6h', { changed: { withinMinutes: 360 } }],
      ['changed:2d', { changed: { withinMinutes: 2_880 } }],
      ['changed:1w', { changed: { withinMinutes: 10_080 } }],
      ['changed:90mins', { changed: { withinMinutes: 90 } }],
      ['changed:366d', { changed: { withinMinutes: 527_040 } }],
      ['since:2025-05-08', { changed: { since: '2025-05-08' } }],
      ['since:"2025-05-08 14:00"', { changed: { since: '2025-05-08 14:00' } }],
      ['since:2025-05-08 14:00', { changed: { since: '2025-05-08 14:00' } }],
      ['since:2025-5-8T9:05', { changed: { since: '2025-05-08 09:05' } }],
      ['since:2024-02-29', { changed: { since: '2024-02-29' } }],
      ['stats', { stats: true }],
      ['stats outgoing down', { stats: true, type: 1, status: ['down'] }],
      ['name:"globex eu"', { name: 'globex eu' }],
      ['eu globex', { name: 'eu globex' }],
      [
        'in globex eu 203.0.113.0/24 down changed:6h group:"support tier 1" page:2',
        {
          page: 2,
          type: 2,
          name: 'globex eu',
          ips: ['203.0.113.0/24'],
          group: 'support tier 1',
          status: ['down'],
          changed: { withinMinutes: 360 },
        },
      ],
    ])('%j', (input, request) => {
      expect(parseQuery(input)).toEqual(query(request));
    });
  });

  describe('forgiving reading', () => {
    test.each<[string, object]>([
      ['page 2', { page: 2 }],
      ['page=2', { page: 2 }],
      ['acme page 3', { name: 'acme', page: 3 }],
      ['landing page', { name: 'landing page' }],
      ['name: acme', { name: 'acme' }],
      ['name: "acme corp" out', { type: 1, name: 'acme corp' }],
      ['type: outgoing', { type: 1 }],
      ['ip: 203.0.113.25', { ips: ['203.0.113.25'] }],
      ['number: +44 20 7946 0122', { numbers: ['+44 20 7946 0122'] }],
      ['acme? outgoing, down.', { type: 1, name: 'acme', status: ['down'] }],
      ['203.0.113.25,', { ips: ['203.0.113.25'] }],
      ['203.0.113.0/24.', { ips: ['203.0.113.0/24'] }],
      ['2001:db8::', { ips: ['2001:db8::'] }],
      ['2001:db8::, ::1.', { ips: ['2001:db8::', '::1'] }],
      ['ip: ::', { ips: ['::'] }],
      ['+44 20 7946 0122.', { numbers: ['+44 20 7946 0122'] }],
      ['5000004?', { idsOrNumbers: ['5000004'] }],
      ['IP=203.0.113.25 Type=2 NAME=acme', { type: 2, name: 'acme', ips: ['203.0.113.25'] }],
      ['Status:Down GROUP:billing', { status: ['down'], group: 'billing' }],
      ['globex: down', { name: 'globex', status: ['down'] }],
      ['which trunks are down ?', { name: 'which trunks are', status: ['down'] }],
      ['"support tier 1"', { name: 'support tier 1' }],
      ['"203.0.113.25" "5000004" "down"', { name: '203.0.113.25 5000004 down' }],
    ])('%j', (input, request) => {
      expect(parseQuery(input)).toEqual(query(request));
    });

    test('help still works with a question mark or full stop', () => {
      expect(parseQuery('help?')).toEqual({ kind: 'help' });
      expect(parseQuery('help.')).toEqual({ kind: 'help' });
    });
  });

  test.each([
    ['203.0.113.256', /`203.0.113.256` isn't an IP address or range/],
    ['203.0.113.025', /isn't an IP address or range/],
    ['2001:db8:::1', /isn't an IP address or range/],
    ['ip:acme', /`ip:acme` isn't an IP address or range/],
    ['ip:203.0.113.0/33', /isn't an IP address or range.*e\.g\. `203\.0\.113\.0\/24`/],
    ['020', /`020` has only 3 digits: a phone number needs at least 7.*quote it: `"020"`/],
    ['+44 20', /`\+44 20` has only 4 digits/],
    ['number:12345', /has only 5 digits/],
    ['number:acme', /`number:acme` isn't a phone number/],
    ['+44 20 7946 0122 0000 0000 00', /has 22 digits: a phone number has at most 16/],
    ['id:acme', /`id:acme` isn't a trunk ID: IDs are digits, e.g. `id:5000004`/],
    ['prefix:x1', /`prefix:x1` isn't a dial prefix/],
    ['status:sideways', /`status:sideways` isn't a status: use `down`, `up`, `enabled` or `disabled`/],
    ['up down', /`up` and `down` can't both hold: pick one/],
    ['disabled down', /`disabled` and `down` can't both hold: `down` means enabled with the gateway down/],
    ['disabled up', /`up` means enabled with the gateway up/],
    ['enabled disabled', /`enabled` and `disabled` can't both hold/],
    ['changed:30', /`changed:30` isn't a time span.*`changed:30m`, `changed:6h`, `changed:2d` or `changed:1w`/],
    ['changed:soon', /isn't a time span/],
    ['changed:0h', /no time at all/],
    ['changed:367d', /reaches back too far: at most 366 days/],
    ['since:2025-02-30', /`since:2025-02-30` isn't a date: use `since:2025-05-08`/],
    ['since:yesterday', /isn't a date/],
    ['since:"2025-05-08 24:00"', /isn't a date/],
    ['changed:6h since:2025-05-08', /either `changed:` .* or `since:` .*, not both/],
    ['changed:6h changed:1d', /Give `changed:` only once/],
    ['account:a account:b', /Give `account:` only once/],
    ['group:', /`group:` needs a value, e.g. `group:billing`/],
    ['name: page:2', /`name:` needs a value/],
    ['grup:billing', /Unknown filter `grup:`. Did you mean `group:`\?/],
    ['acount:x', /Did you mean `account:`\?/],
    ['stauts:down', /Did you mean `status:`\?/],
    ['colour:blue', /Filters are `name:`, `type:`, `status:`, `ip:`, `number:`, `id:`, .* `page:`/],
    ['a"b\'c', /holds both kinds of quote/],
  ])('%j is rejected with a reason', (input, reason) => {
    const parsed = parseQuery(input);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.problems.join('\n')).toMatch(reason);
  });

  test('reports problems of every kind at once', () => {
    const parsed = parseQuery('ip:x 020 id:y up down changed:9 since:x type:9');
    expect(parsed.kind === 'invalid' && parsed.problems).toHaveLength(7);
  });

  test('a query too long to write back onto a button is refused with the reason', () => {
    // Under the 2,000-character input cap, but each number is written back as `number:"…"`.
    const numbers = Array.from({ length: 110 }, (_, i) => `+44 20 7946 ${String(i).padStart(4, '0')}`).join(' ');
    const parsed = parseQuery(numbers);
    expect(parsed.kind === 'invalid' && parsed.problems).toEqual([
      expect.stringMatching(/more than one query can hold: .* takes \d+ characters, over the 1900 allowed/),
    ]);
  });
});
