import { blockKitProblem } from '../../devkit/sandbox/block-kit-limits.js';
import { parseQuery } from '../../src/trunks/parse-query.js';
import { renderProblem, renderUsage } from '../../src/trunks/render-notice.js';

describe('renderUsage', () => {
  test('shows examples in the form the user typed', () => {
    expect(JSON.stringify(renderUsage('command'))).toContain('`/trunks outgoing acme`');
    expect(JSON.stringify(renderUsage('mention'))).toContain('`@trunkbot outgoing acme`');
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
