import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import { renderProblem, renderUsage } from '../../src/trunks/render-notice.js';

describe('renderUsage', () => {
  test('shows examples in the form the user typed', () => {
    expect(JSON.stringify(renderUsage('command'))).toContain('`/trunks outgoing acme`');
    expect(JSON.stringify(renderUsage('mention'))).toContain('`@trunkbot outgoing acme`');
  });

  test('every example and every filter shown reads as a query, not as a problem', () => {
    for (const surface of ['command', 'mention'] as const) {
      const message = renderUsage(surface);
      expect(blockKitProblem(message.blocks)).toBeUndefined();
      const text = JSON.stringify(message.blocks);
      const prefix = surface === 'command' ? '/trunks' : '@trunkbot';
      const spans = [...text.matchAll(/`([^`]+)`/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
      expect(spans.length).toBeGreaterThan(30);
      // A bare key such as `ip:` names a key; it is not an example.
      for (const span of spans.filter((s) => !/^[a-z]+:$/.test(s))) {
        const query = span.startsWith(prefix) ? span.slice(prefix.length) : span;
        // Alternatives shown as `outgoing`/`out` are each a query of their own.
        expect([span, parseQuery(query).kind]).toEqual([span, 'query']);
      }
    }
  });

  test('names every filter with an example that finds sandbox trunks', () => {
    const text = JSON.stringify(renderUsage('command'));
    for (const example of [
      '`203.0.113.25`',
      '`203.0.113.0/24`',
      '`2001:db8::/32`',
      '`+44 20 7946 0122`',
      '`id:5000004`',
      '`account:acme_5000001`',
      '`group:\\"support tier 1\\"`',
      '`prefix:403`',
      '`down`',
      '`changed:6h`',
      '`since:2025-05-08`',
      '`stats`',
      '`page:2`',
    ])
      expect(text).toContain(example);
  });

  test('lists the first problems, counts the rest, and stays inside Slack limits', () => {
    const parsed = parseQuery(`${'-a '.repeat(600)}`);
    expect(parsed.kind).toBe('invalid');
    const problems = parsed.kind === 'invalid' ? parsed.problems : [];
    expect(problems.length).toBe(600);
    const message = renderUsage('command', problems);
    expect(blockKitProblem(message.blocks)).toBeUndefined();
    expect(message.text.length).toBeLessThan(3_000);
    expect(JSON.stringify(message)).toContain('… and 595 more problems');
  });

  test('escapes echoed input', () => {
    const message = renderUsage('command', ['`<!channel>` is odd & wrong']);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(message.text).toContain('`&lt;!channel&gt;` is odd &amp; wrong');
  });
});

describe('renderProblem', () => {
  test('escapes and bounds the text', () => {
    const message = renderProblem(`<!here> ${'&'.repeat(5_000)}`);
    expect(message.text).toMatch(/^&lt;!here&gt; (&amp;)+…$/);
    expect(blockKitProblem(message.blocks)).toBeUndefined();
  });
});
