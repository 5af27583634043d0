import { describeSkew } from '../../src/doctor/describe-skew.js';
import { formatChecks } from '../../src/doctor/format-checks.js';

describe('describeSkew', () => {
  test.each([
    [0, 'in step with theirs'],
    [400, 'in step with theirs'],
    [42_000, '42 s ahead of theirs'],
    [-600_000, '10 min behind theirs'],
    [-603_000, '10 min 3 s behind theirs'],
    [3_723_000, '1 h 2 min ahead of theirs'],
    [-7_200_000, '2 h behind theirs'],
  ])('%d ms reads "%s"', (skewMs, words) => {
    expect(describeSkew(skewMs, 'theirs')).toBe(words);
  });
});

describe('formatChecks', () => {
  test('a ✓ or ✗ line per check, the fix and further detail lines indented under a failure, then the verdict', () => {
    const report = formatChecks([
      { name: 'Configuration', ok: false, detail: '1 problem:\n- PORT must be a whole number', fix: 'set it' },
      { name: 'Slack bot token', ok: true, detail: 'valid', fix: 'never shown for a pass' },
      { name: 'Redis', ok: false, detail: 'no answer' },
    ]);
    expect(report).toBe(
      [
        '✗ Configuration: 1 problem:',
        '    - PORT must be a whole number',
        '    fix: set it',
        '✓ Slack bot token: valid',
        '✗ Redis: no answer',
        '2 of 3 checks failed.',
        '',
      ].join('\n'),
    );
  });

  test('says so when everything passed', () => {
    expect(formatChecks([{ name: 'Redis', ok: true, detail: 'PONG' }])).toBe('✓ Redis: PONG\nAll 1 check passed.\n');
  });
});
