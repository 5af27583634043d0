import { errorKindsText, mb, ms, table } from './format-cells.js';
import { judgeSoak } from './judge-soak.js';
import { verdictWord } from './judge-targets.js';
import type { Options } from './read-cli.js';
import { runHeader } from './run-header.js';
import { SOAK_ENV, type SoakReport } from './run-soak.js';
import { PLANNED_FAULTS, SNAPSHOT_ONLY } from './soak-plan.js';

const count = (n: number) => n.toLocaleString('en-US');

/** The printed soak report: what ran, how it went, the heap's course and the three verdicts. */
export function formatSoakReport(options: Options, report: SoakReport): string {
  const { run, ends } = report;
  const all = report.requests + report.extraRequests;
  const env = Object.entries(SOAK_ENV)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    ...runHeader('trunkbot bench --soak'),
    `commit: ${report.commit}`,
    `trunkbot alone with its defaults plus ${env}, Redis at ${report.redis};`,
    `  sandbox ITNIO API adds ${options.latencyMs} ms; ${report.concurrency} users in a closed loop on the reply.`,
    `load: ${count(report.requests)} measured commands and clicks (plus ${count(report.extraRequests)} in the warm-up and two settling batches),`,
    "  in 10 segments alternating between 1,200 trunks (over INVENTORY_MAX_TRUNKS: ITNIO's own filters and the",
    '  page cache in Redis) and 900 (a snapshot of every trunk, rebuilt every 5 s). Mix: 30 % distinct commands,',
    `  25 % the same 10 commands (page-cache hits), 10 % snapshot-only searches (${SNAPSHOT_ONLY.join(', ')}),`,
    '  20 % Next › on distinct pages, 15 % Next › on the 10 hot ones; 5,000 users, so the rate limit (20/min) stays quiet.',
    `faults per 1,000 requests: ${PLANNED_FAULTS.map((f) => `${describe(f.fault)}×${f.times} (${f.effect})`).join(', ')}.`,
    '',
    'the measured body',
    ...table(
      [
        ['duration', `${(report.durationMs / 1000).toFixed(1)} s`],
        ['replies/s', run.repliesPerSecond.toFixed(1)],
        ['ack p50 / p99 / max', `${ms(run.ackP50)} / ${ms(run.ackP99)} / ${ms(report.ackMaxMs)}`],
        ['reply p50 / p99', `${ms(run.replyP50)} / ${ms(run.replyP99)}`],
        ['CPU per request', ms(run.cpuMsPerRequest)],
        ['replies', `${count(run.ok)} of ${count(report.requests)}`],
        [
          'ITNIO calls',
          `${count(report.vendor.calls)}, ${count(report.vendor.failures)} of them failed or hung (${report.vendor.faults} faults injected)`,
        ],
        ['peak RSS since start (VmHWM)', mb(run.rssPeakMb)],
      ],
      '  ',
      true,
    ),
    '',
    `every request of the soak (${count(all)}: warm-up and settling included)`,
    ...table(
      [
        [
          'replies',
          `${count(report.replies.page)} trunk pages or summaries (${count(report.replies.page - report.filteredPages)} from a snapshot, ${count(report.filteredPages)} through ITNIO's filters), ${count(report.replies.notice)} notices (refusals, errors), ${count(report.replies.other)} other`,
        ],
        [
          'outcomes (audit lines)',
          [...report.outcomes]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ${count(n)}`)
            .join(', '),
        ],
        [
          'answers from a cache',
          `${count(report.cachedAnswers)} (audit lines with cached: a snapshot or page built before the request)`,
        ],
        ['snapshot builds', String(report.snapshotBuilds)],
        [
          'progress notes',
          `${count(report.interimNotes)} ("Asking ITNIO…" before a slow answer, which then follows: not counted as answers)`,
        ],
        ['error-level log lines', String(report.errorLines)],
      ],
      '  ',
      true,
    ),
  ];
  if (run.errors > 0) lines.push(`  errors: ${run.errors} (${errorKindsText(run.errorKinds)})`);
  lines.push(
    '',
    'heap after a forced GC, after each segment (under load: in-flight requests included)',
    ...table([
      ['after', 'heap', 'of it code', 'VmRSS', 'fds', 'sockets'],
      ...report.checkpoints.map((c) => [
        count(c.requests),
        `${c.heapAfterGcMb.toFixed(1)} MB`,
        `${c.codeMb.toFixed(1)} MB`,
        mb(c.rssMb),
        String(c.fds?.fds ?? 'n/a'),
        String(c.fds?.sockets ?? 'n/a'),
      ]),
    ]),
    '',
    "checks: each quiet point comes 6 s after the last reply (longer than the servers' 5 s keep-alive timeout)",
    ...table(
      [
        ['check', 'result', 'measured'],
        ...judgeSoak(ends).map((v) => [v.target, verdictWord(v.met), v.measured + (v.why ? ` — why: ${v.why}` : '')]),
      ],
      '  ',
      true,
    ),
  );
  return lines.join('\n');
}

function describe(fault: (typeof PLANNED_FAULTS)[number]['fault']): string {
  switch (fault.kind) {
    case 'http':
      return `HTTP ${fault.status}`;
    case 'vendor-status':
      return `vendor status ${fault.status}`;
    default:
      return fault.kind;
  }
}
