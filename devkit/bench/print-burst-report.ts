import { availableParallelism } from 'node:os';
import type { Config } from '../../src/config.js';
import { MIXED_QUERIES, SAME_QUERY } from './burst-queries.js';
import { errorKindsText, mb, ms, table } from './format-cells.js';
import { runHeader } from './run-header.js';
import type { Options } from './read-cli.js';
import type { BurstLevel, BurstReport } from './run-burst.js';
import { percentile } from './summarize-run.js';

const NOTICES_SHOWN = 5;

/** trunkbot's guards as configured, in the words of its configuration. */
export function describeConfig(config: Config): string {
  const { limits } = config;
  return [
    limits.perUserPerMinute === 0 ? 'no rate limit' : `rate limit ${limits.perUserPerMinute}/user/min`,
    `ITNIO concurrency ${limits.itnioConcurrency}, queue ${limits.itnioQueue}, timeout ${config.itnio.timeoutMs} ms`,
    config.cacheTtlSeconds === 0 ? 'no page cache' : `page cache ${config.cacheTtlSeconds} s`,
    `snapshot kept ${config.inventory.ttlSeconds} s, up to ${config.inventory.maxTrunks} trunks`,
    config.redisUrl === undefined ? 'memory store' : 'Redis store',
  ].join(', ');
}

function column(level: BurstLevel): string[] {
  const { run, replies, requests } = level;
  const acks = run.ackMs;
  return [
    `c${level.concurrency}`,
    ms(percentile(acks, 50)),
    ms(percentile(acks, 90)),
    ms(percentile(acks, 99)),
    ms(acks.length === 0 ? NaN : Math.max(...acks)),
    ms(percentile(run.e2eMs, 50)),
    ms(percentile(run.e2eMs, 99)),
    (requests / (run.durationMs / 1000)).toFixed(1),
    `${run.e2eMs.length} / ${requests}`,
    String(replies.page),
    String(replies.notice),
    String(replies.other),
    String(run.duplicateReplies),
    String(run.errors),
    String(level.vendor.calls),
    String(level.vendor.failures),
    mb(level.rssDuringMb),
    mb(level.peakRssMb),
  ];
}

const ROW_NAMES = [
  '',
  'ack p50',
  'ack p90',
  'ack p99',
  'ack max',
  'end-to-end p50',
  'end-to-end p99',
  'commands/s (first send → last reply)',
  'replies received',
  '  trunk pages',
  '  notices',
  '  other',
  'duplicate replies',
  'errors',
  'ITNIO calls',
  '  not a success',
  'peak RSS during burst (VmRSS)',
  'peak RSS since start (VmHWM)',
];

/** The printed `--burst` report: what ran, one column per level, then errors and notices by level. */
export function formatBurstReport(options: Options, report: BurstReport): string {
  const extra = Object.entries(options.trunkbotEnv).map(([k, v]) => `${k}=${v}`);
  const users = report.levels[0]?.users ?? 0;
  const lines = [
    ...runHeader('trunkbot bench --burst'),
    `trunkbot alone, as configured: ${describeConfig(report.config)}`,
    `  (its defaults${extra.length > 0 ? `, with --trunkbot-env ${extra.join(' ')}` : ''}).`,
    `sandbox ITNIO API adds ${options.latencyMs} ms. Per level a fresh trunkbot process, warmed by one uncounted command,`,
    `  is sent ${options.requests} /trunks commands (${options.sameQuery ? `all "${SAME_QUERY}"` : `a mix of ${MIXED_QUERIES.length} queries`}) from ${users} Slack user ids.`,
    'Burst: each of C simulated users sends its next command as soon as the last one is acked, without waiting',
    '  for the reply; replies are awaited at the end, up to 15 s each.',
    `ack = send → the bot's HTTP answer; end-to-end = send → the bot's response_url POST reaching the stand-in.`,
    'notices are :warning: / :no_entry: replies (rate limit, busy, ITNIO errors); errors are failed or missing',
    `  acks (HTTP ≠ 200, none within 10 s) and missing replies. The bench process and trunkbot share ${availableParallelism()} cores.`,
    '',
  ];
  const columns = report.levels.map(column);
  lines.push(...table(ROW_NAMES.map((name, row) => [name, ...columns.map((c) => c[row]!)])));
  for (const level of report.levels) {
    const { errorKinds } = level.run;
    if (errorKinds.size > 0) lines.push('', `c${level.concurrency} errors: ${errorKindsText(errorKinds)}`);
    const notices = [...level.notices].sort((a, b) => b[1] - a[1]).slice(0, NOTICES_SHOWN);
    if (notices.length > 0)
      lines.push(
        '',
        `c${level.concurrency} replies other than a page (first 90 characters):`,
        ...notices.map(([text, n]) => `  ×${n}  ${text}`),
      );
  }
  return lines.join('\n');
}
