import type { CheckResult } from './check.js';

const INDENT = '    ';

/** The report as a terminal shows it: a ✓ or ✗ line per check, the fix under a failure, then the verdict. */
export function formatChecks(results: readonly CheckResult[]): string {
  const lines = results.flatMap((r) => {
    const [first, ...more] = r.detail.split('\n');
    return [
      `${r.ok ? '✓' : '✗'} ${r.name}: ${first}`,
      ...more.map((line) => `${INDENT}${line.trim()}`),
      ...(!r.ok && r.fix ? [`${INDENT}fix: ${r.fix}`] : []),
    ];
  });
  const failed = results.filter((r) => !r.ok).length;
  const checks = results.length === 1 ? '1 check' : `${results.length} checks`;
  const verdict = failed === 0 ? `All ${checks} passed.` : `${failed} of ${checks} failed.`;
  return `${[...lines, verdict].join('\n')}\n`;
}
