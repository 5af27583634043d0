import { availableParallelism } from 'node:os';
import { KIND_SHAPE, SEARCH_KINDS, type QueryKind } from './inventory-queries.js';
import { judgeInventory, ownTimes, VENDOR_PAGE_SIZE } from './judge-inventory.js';
import { describeConfig } from './print-burst-report.js';
import { mb, ms, table } from './format-cells.js';
import { runHeader } from './run-header.js';
import type { Options } from './read-cli.js';
import { BENCH_INVENTORY_TTL_SECONDS, type InventoryReport, type WarmRun } from './run-inventory.js';
import { percentile } from './summarize-run.js';

const count = (n: number) => n.toLocaleString('en-US');
const ratio = (a: number, b: number) =>
  Number.isNaN(a) || Number.isNaN(b) || !(b > 0) ? '-' : `${(a / b).toFixed(2)}×`;

function header(options: Options, report: InventoryReport): string[] {
  const extra = Object.entries(options.trunkbotEnv).map(([k, v]) => `${k}=${v}`);
  return [
    ...runHeader('trunkbot bench --inventory'),
    `commit: ${report.commit}`,
    `trunkbot alone, as configured: ${describeConfig(report.config)}`,
    `  (its defaults, INVENTORY_TTL_SECONDS=${BENCH_INVENTORY_TTL_SECONDS} so that one snapshot serves the whole run${extra.length > 0 ? `, --trunkbot-env ${extra.join(' ')}` : ''}).`,
    `sandbox ITNIO API: ${count(report.trunks)} seeded trunks; it adds ${options.latencyMs} ms to every answer.`,
    `The bench process (load, sandbox, Slack stand-in) and trunkbot share ${availableParallelism()} cores.`,
    'Every command comes from its own Slack user id, so the rate limit refuses none and its audit line is found.',
    `ack = send → the bot's HTTP answer; reply = send → the answer reaching the response_url;`,
    `own time = the audit line's durationMs: pipeline start → reply delivered (that POST included), whole ms.`,
    '',
  ];
}

function coldLines(report: InventoryReport): string[] {
  const { cold, built, coldAudit } = report;
  const v = cold.vendor;
  const progress =
    cold.progressPosts === 0
      ? '0'
      : `${cold.progressPosts}, the first after ${ms(cold.firstProgressMs)}: ${cold.progressTexts.map((t) => `"${t.replace(/^:\w+: /, '')}"`).join(', ')}`;
  return [
    `cold: /trunks ${cold.query}, the first query after start (one /trunks help before it)`,
    ...table(
      [
        ['send → answer at the response_url', ms(cold.replyMs)],
        [
          `snapshot build (bot's log)`,
          built ? `${ms(built.durationMs)} for ${count(built.trunks)} trunks` : 'no "inventory snapshot built" line',
        ],
        [`bot's own time (audit durationMs)`, ms(coldAudit?.durationMs)],
        ['ack', ms(cold.ackMs)],
        ['progress notes before the answer', progress],
        [
          'ITNIO calls',
          `${v.calls} (⌈${count(report.trunks)} / ${VENDOR_PAGE_SIZE}⌉ = ${Math.ceil(report.trunks / VENDOR_PAGE_SIZE)}), ${v.failures} not a success`,
        ],
        ['page sizes asked', [...v.sizes].map(([size, n]) => `${size} ×${n}`).join(', ') || '-'],
        ['distinct pages / with a filter', `${v.distinctPages} / ${v.filtered}`],
        [
          'peak ITNIO calls in flight',
          `${v.peakInFlight} (ITNIO_MAX_CONCURRENCY ${report.config.limits.itnioConcurrency})`,
        ],
        ['peak RSS during the build (VmRSS)', mb(cold.peakRssMb)],
        ['answer', cold.replyText === undefined ? '-' : `"${cold.replyText.slice(0, 90)}"`],
      ],
      '  ',
      true,
    ),
    '',
  ];
}

function warmLines(report: InventoryReport): string[] {
  const head = [''];
  const rows: string[][] = [
    ['ack p50'],
    ['ack p99'],
    ['reply p50'],
    ['reply p99'],
    ['own time p50'],
    ['own time p99'],
    ['commands/s'],
    ['answers as expected'],
    ['ITNIO calls'],
    ['peak RSS during run (VmRSS)'],
  ];
  for (const level of report.levels) {
    head.push(`search c${level.concurrency}`, `plain c${level.concurrency}`, 'search/plain');
    const pick = (run: WarmRun) => [
      percentile(run.run.ackMs, 50),
      percentile(run.run.ackMs, 99),
      percentile(run.run.e2eMs, 50),
      percentile(run.run.e2eMs, 99),
      percentile(ownTimes(run), 50),
      percentile(ownTimes(run), 99),
    ];
    const s = pick(level.search);
    const p = pick(level.plain);
    for (const [row, value] of s.entries()) rows[row]!.push(ms(value), ms(p[row]), ratio(value, p[row]!));
    const rate = (run: WarmRun) => (run.run.e2eMs.length / (run.run.durationMs / 1000)).toFixed(1);
    rows[6]!.push(rate(level.search), rate(level.plain), '');
    rows[7]!.push(
      `${level.search.run.e2eMs.length} / ${level.requests}`,
      `${level.plain.run.e2eMs.length} / ${level.requests}`,
      '',
    );
    rows[8]!.push(String(level.search.vendorCalls), String(level.plain.vendorCalls), '');
    rows[9]!.push(mb(level.search.peakRssMb), mb(level.plain.peakRssMb), '');
  }
  const sent = [...report.queries.values()];
  const repeated = [...report.queries]
    .filter(([, q]) => q.repeats > 0)
    .map(([kind, q]) => `${kind} ${q.repeats} of ${q.sent} (${q.distinct} distinct)`);
  return [
    `warm: closed loop (each simulated user waits for the reply before sending again), ${report.levels[0]?.requests ?? 0} commands`,
    `  per class and level after max(20, 2·C) uncounted ones; search = ${SEARCH_KINDS.map((k) => KIND_SHAPE[k]).join(', ')}`,
    `  in turn; plain = ${KIND_SHAPE.plain}. ${count(sent.reduce((n, q) => n + q.sent, 0))} texts sent (warm-ups included);`,
    `  repeats, once a kind ran out of distinct texts: ${repeated.join(', ') || 'none'}.`,
    ...table([head, ...rows]),
    '',
    `bot's own time per kind (answers of the expected kind)`,
    ...table([
      ['', ...report.levels.flatMap((l) => [`c${l.concurrency} p50`, `c${l.concurrency} p99`]), 'answers'],
      ...([...SEARCH_KINDS, 'plain'] as QueryKind[]).map((kind) => {
        const runOf = (l: InventoryReport['levels'][number]) => (kind === 'plain' ? l.plain : l.search);
        const times = report.levels.map((l) => runOf(l).ownMs.get(kind) ?? []);
        return [
          KIND_SHAPE[kind],
          ...times.flatMap((t) => [ms(percentile(t, 50)), ms(percentile(t, 99))]),
          String(times.reduce((n, t) => n + t.length, 0)),
        ];
      }),
    ]),
    '',
  ];
}

function problemLines(report: InventoryReport): string[] {
  const errors = new Map<string, number>();
  for (const level of report.levels)
    for (const run of [level.search.run, level.plain.run])
      for (const [kind, n] of run.errorKinds) errors.set(kind, (errors.get(kind) ?? 0) + n);
  if (report.cold.problem) errors.set(`cold: ${report.cold.problem}`, 1);
  if (errors.size === 0) return [];
  return [
    'answers not of the expected kind, and other errors (digits shown as #), with the first query that got each:',
    ...[...errors]
      .sort((a, b) => b[1] - a[1])
      .map(([problem, n]) => {
        const example = report.examples.get(problem);
        return `  ×${n}  ${problem}${example ? `  e.g. \`${example}\`` : ''}`;
      }),
    '',
  ];
}

function memoryLines(report: InventoryReport): string[] {
  const { rss } = report;
  const delta = (n: number | undefined) =>
    n === undefined || rss.beforeMb === undefined
      ? ''
      : `(${n >= rss.beforeMb ? '+' : ''}${(n - rss.beforeMb).toFixed(0)} MB)`;
  return [
    `memory: trunkbot's VmRSS (no forced GC: the bench has no hook to trigger one in the bot)`,
    ...table([
      ['after start and /trunks help', mb(rss.beforeMb), ''],
      ['after the snapshot was built', mb(rss.afterBuildMb), delta(rss.afterBuildMb)],
      ['after the warm runs', mb(rss.afterWarmMb), delta(rss.afterWarmMb)],
      ['peak since start (VmHWM)', mb(rss.hwmMb), delta(rss.hwmMb)],
    ]),
    '',
  ];
}

/** The printed `--inventory` report: setup, the cold build, the warm runs, errors, memory and the verdicts. */
export function formatInventoryReport(options: Options, report: InventoryReport): string {
  const verdicts = judgeInventory(report);
  return [
    ...header(options, report),
    ...coldLines(report),
    ...warmLines(report),
    ...problemLines(report),
    ...memoryLines(report),
    'targets (this run)',
    ...table(
      [
        ['target', 'result', 'measured'],
        ...verdicts.map((v) => [v.target, v.met === undefined ? 'not judged' : v.met ? 'met' : 'NOT MET', v.measured]),
      ],
      '  ',
      true,
    ),
  ].join('\n');
}
