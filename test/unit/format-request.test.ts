import { formatRequest } from '../../src/trunks/format-request.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import type { TrunkRequest } from '../../src/trunks/trunk-request.js';

describe('formatRequest', () => {
  test.each<[TrunkRequest, string]>([
    [{ page: 1 }, ''],
    [{ page: 3 }, 'page:3'],
    [{ page: 1, type: 1, name: 'acme' }, 'outgoing acme'],
    [{ page: 1, type: 2, name: 'Globex Inbound EU' }, 'incoming Globex Inbound EU'],
    [{ page: 1, name: 'acme-out-01' }, 'acme-out-01'],
    // Name words the grammar would read as something else go in quotes.
    [{ page: 1, name: 'in 12 down' }, '"in 12 down"'],
    [{ page: 1, name: 'acme in corp' }, 'acme "in" corp'],
    [{ page: 1, name: 'outgoign' }, '"outgoign"'],
    [{ page: 1, name: 'page 2' }, '"page 2"'],
    [{ page: 1, name: "o'reilly" }, `"o'reilly"`],
    [{ page: 1, name: 'say "hi" now' }, `say '"hi"' now`],
    [{ page: 1, name: '"a" b\'c' }, `'"a"' "b'c"`],
    [{ page: 1, ips: ['203.0.113.0/24', '2001:db8::1'] }, '203.0.113.0/24 2001:db8::1'],
    [{ page: 1, numbers: ['+44 20 7946 0122', '+442079460123'] }, 'number:"+44 20 7946 0122" number:+442079460123'],
    [{ page: 1, ids: ['5000004'], idsOrNumbers: ['5000005'] }, '5000005 id:5000004'],
    [
      { page: 1, account: 'acme_5000001', group: 'support tier 1', prefix: '403' },
      'account:acme_5000001 group:"support tier 1" prefix:403',
    ],
    [{ page: 1, group: 'say "hi"' }, `group:'say "hi"'`],
    [{ page: 1, group: 'billing.' }, 'group:"billing."'],
    [{ page: 1, status: ['enabled', 'down'] }, 'enabled down'],
    [{ page: 1, changed: { withinMinutes: 30 } }, 'changed:30m'],
    [{ page: 1, changed: { withinMinutes: 360 } }, 'changed:6h'],
    [{ page: 1, changed: { withinMinutes: 2_880 } }, 'changed:2d'],
    [{ page: 1, changed: { withinMinutes: 20_160 } }, 'changed:2w'],
    [{ page: 1, changed: { withinMinutes: 90 } }, 'changed:90m'],
    [{ page: 1, changed: { since: '2025-05-08' } }, 'since:2025-05-08'],
    [{ page: 1, changed: { since: '2025-05-08 14:00' } }, 'since:"2025-05-08 14:00"'],
    [{ page: 1, stats: true, type: 1 }, 'outgoing stats'],
    [
      { page: 2, type: 1, name: 'acme', ips: ['203.0.113.0/24'], status: ['down'], changed: { withinMinutes: 360 } },
      'outgoing acme 203.0.113.0/24 down changed:6h page:2',
    ],
  ])('%j → %j', (request, text) => {
    expect(formatRequest(request)).toBe(text);
    expect(parseQuery(text)).toEqual({ kind: 'query', request });
  });

  test('text Slack would have escaped is written escaped, so it reads back the same', () => {
    const request = { page: 1, name: 'AT&T <eu>' };
    expect(formatRequest(request)).toBe('"AT&amp;T &lt;eu&gt;"');
    expect(parseQuery(formatRequest(request))).toEqual({ kind: 'query', request });
    expect(formatRequest({ page: 1, name: 'AT&T' })).toBe('"AT&T"');
  });
});
