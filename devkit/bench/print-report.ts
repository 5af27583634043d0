import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import type { ProfileSummary } from './cpu-profile.js';
import { percentile, type RunSummary } from './summarize-run.js';

/** The two Slack surfaces the bench drives. */
export type Surface = 'command' | 'button';

/** Both bots on one surface at one concurrency. */
export interface LevelResult {
  surface: Surface;
  concurrency: number;
  requests: number;
  trunkbot: RunSummary;
  bare: RunSummary;
  /** Highest VmRSS of each bot, sampled every 50 ms during its measured run. */
  rssDuringMb: { trunkbot: number | undefined; bare: number | undefined };
  /** VmHWM of each bot right after this level: the peak since the process started, start-up included. */
  peakRssMb: { trunkbot: number | undefined; bare: number | undefined };
}

/** Everything one run measured. */
export interface BenchReport {
  header: string[];
  latencyMs: number;
  levels: LevelResult[];
  /** spawn → ready line, one entry per timed start. */
  readyMs: { trunkbot: number[]; bare: number[] };
  profiles: { trunkbot?: ProfileSummary; bare?: ProfileSummary };
}

/** The issue's targets, all judged on the same run. */
export const TARGETS = { ackP99Ratio: 1.1, overheadP50Ms: 5, peakRssMb: 100, readyRatio: 1.2 } as const;

/** Milliseconds for a table cell: two decimals below 10, one above, `-` when not measured. */
export const ms = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(n < 10 ? 2 : 1)} ms`;
/** Megabytes for a table cell; `n/a` where /proc could not be read. */
export const mb = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n.toFixed(0)} MB`);
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !(b > 0) || Number.isNaN(a) ? '-' : `${(a / b).toFixed(2)}×`;
const label = (surface: Surface): string => (surface === 'command' ? '/trunks command' : 'Next › button');

/** Columns padded to line up; the first (and with `alignLeft`, every) column is left-aligned, the rest right. */
export function table(rows: string[][], indent = '  ', alignLeft = false): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  const pad = (cell: string, col: number) =>
    col === 0 || alignLeft ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!);
  return rows.map((r) => indent + r.map(pad).join('   ').trimEnd());
}

/** The first lines of every report: what ran, when, on which Node and machine. */
export function runHeader(title: string): string[] {
  const cpu = cpus();
  return [
    `${title} · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${type()} ${release()}`,
    `machine: ${availableParallelism()} cores (nproc), ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM`,
  ];
}

function errorText(s: RunSummary): string {
  if (s.errors === 0) return '0';
  return `${s.errors} (${[...s.errorKinds].map(([k, n]) => `${k} ×${n}`).join('; ')})`;
}

function levelTable(level: LevelResult, latencyMs: number): string[] {
  const { trunkbot: t, bare: b } = level;
  const row = (name: string, pick: (s: RunSummary) => number, show: (n: number) => string = ms): string[] => [
    name,
    show(pick(t)),
    show(pick(b)),
    ratio(pick(t), pick(b)),
  ];
  const lines = [
    `${label(level.surface)} · concurrency ${level.concurrency} · ${level.requests} requests`,
    ...table([
      ['', 'trunkbot', 'bare Bolt', 'trunkbot/bare'],
      row('ack p50', (s) => s.ackP50),
      row('ack p99', (s) => s.ackP99),
      row('end-to-end p50', (s) => s.e2eP50),
      row('end-to-end p99', (s) => s.e2eP99),
      row(`bot overhead p50 (e2e − ${latencyMs} ms)`, (s) => s.overheadP50),
      row('bot overhead p99', (s) => s.overheadP99),
      row(
        'requests/s',
        (s) => s.requestsPerSecond,
        (n) => n.toFixed(1),
      ),
      ['ITNIO calls', String(t.vendorCalls), String(b.vendorCalls), ''],
      [
        'peak RSS during run (VmRSS)',
        mb(level.rssDuringMb.trunkbot),
        mb(level.rssDuringMb.bare),
        ratio(level.rssDuringMb.trunkbot, level.rssDuringMb.bare),
      ],
      [
        'peak RSS since start (VmHWM)',
        mb(level.peakRssMb.trunkbot),
        mb(level.peakRssMb.bare),
        ratio(level.peakRssMb.trunkbot, level.peakRssMb.bare),
      ],
    ]),
  ];
  if (t.errors + b.errors > 0) lines.push(`  errors: trunkbot ${errorText(t)}; bare Bolt ${errorText(b)}`);
  return lines;
}

interface Verdict {
  target: string;
  measured: string;
  met: boolean | undefined;
}

/** Judges each target; `met` is undefined when the run could not measure it. */
export function judgeTargets(report: BenchReport): Verdict[] {
  const { levels, readyMs } = report;
  const perLevel = (pick: (l: LevelResult) => number, show: (n: number) => string): string =>
    (['command', 'button'] as const)
      .map(
        (surface) =>
          `${surface} ${levels
            .filter((l) => l.surface === surface)
            .map((l) => `c${l.concurrency} ${show(pick(l))}`)
            .join(', ')}`,
      )
      .join('; ');
  const ackRatios = levels.map((l) => l.trunkbot.ackP99 / l.bare.ackP99);
  const overheads = levels.map((l) => l.trunkbot.overheadP50);
  const heaviest = levels.reduce((max, l) => Math.max(max, l.concurrency), 0);
  const atHeaviest = levels.filter((l) => l.concurrency === heaviest);
  const maxOf = (values: (number | undefined)[]) =>
    values.some((v) => v === undefined) ? undefined : Math.max(...(values as number[]));
  const rss = maxOf(atHeaviest.map((l) => l.rssDuringMb.trunkbot));
  const bareRss = maxOf(atHeaviest.map((l) => l.rssDuringMb.bare));
  const hwm = maxOf(atHeaviest.map((l) => l.peakRssMb.trunkbot));
  const readyT = percentile(readyMs.trunkbot, 50);
  const readyB = percentile(readyMs.bare, 50);
  const trunkbotCalls = levels.reduce((n, l) => n + l.trunkbot.vendorCalls, 0);
  const requests = levels.reduce((n, l) => n + l.requests, 0);
  const fromSnapshot = trunkbotCalls !== requests;
  const judged = (values: number[], ok: (n: number) => boolean) =>
    values.some(Number.isNaN) || values.length === 0 ? undefined : values.every(ok);
  return [
    {
      target: `ack p99 ≤ ${TARGETS.ackP99Ratio.toFixed(2)}× bare Bolt`,
      measured: perLevel(
        (l) => l.trunkbot.ackP99 / l.bare.ackP99,
        (n) => `${n.toFixed(2)}×`,
      ),
      met: judged(ackRatios, (n) => n <= TARGETS.ackP99Ratio),
    },
    {
      target: `bot overhead p50 ≤ ${TARGETS.overheadP50Ms} ms`,
      measured: `${perLevel(
        (l) => l.trunkbot.overheadP50,
        (n) => n.toFixed(1),
      )} ms${fromSnapshot ? `; trunkbot made ${trunkbotCalls} ITNIO calls for ${requests} requests (its snapshot answered)` : ''}`,
      // Overhead is end-to-end minus one vendor call: meaningless for a bot that did not make one per request.
      met: fromSnapshot ? undefined : judged(overheads, (n) => n <= TARGETS.overheadP50Ms),
    },
    {
      target: `peak RSS ≤ ${TARGETS.peakRssMb} MB (heaviest load)`,
      measured: `${mb(rss)} during c${heaviest} (bare Bolt ${mb(bareRss)}); VmHWM since start ${mb(hwm)}`,
      met: rss === undefined ? undefined : rss <= TARGETS.peakRssMb,
    },
    {
      target: `ready ≤ ${TARGETS.readyRatio.toFixed(2)}× bare Bolt`,
      measured: `${ratio(readyT, readyB)} (median ${ms(readyT)} vs ${ms(readyB)})`,
      met: judged([readyT / readyB], (n) => n <= TARGETS.readyRatio),
    },
  ];
}

function profileLines(name: string, p: ProfileSummary): string[] {
  const pct = (n: number) => `${((100 * n) / p.busyMs).toFixed(1)}%`;
  return [
    `${name}: ${ms(p.busyMs)} on CPU (start-up, warm-up and every level)`,
    '  self time by package / src folder:',
    ...table(
      p.packages.map((s) => [s.name, ms(s.ms), pct(s.ms)]),
      '    ',
    ),
    '  top functions by self time:',
    ...table(
      p.functions.map((s) => [s.name, ms(s.ms), pct(s.ms)]),
      '    ',
    ),
  ];
}

/** The printed report: header, one table per surface and level, start-up, targets, optional profiles. */
export function formatReport(report: BenchReport): string {
  const lines = [...report.header, ''];
  for (const level of report.levels) lines.push(...levelTable(level, report.latencyMs), '');
  const { trunkbot, bare } = report.readyMs;
  lines.push(
    `start-up: spawn → ready line, ${trunkbot.length} timed starts each (after one untimed start)`,
    ...table([
      ['', 'trunkbot', 'bare Bolt', 'trunkbot/bare'],
      [
        'median',
        ms(percentile(trunkbot, 50)),
        ms(percentile(bare, 50)),
        ratio(percentile(trunkbot, 50), percentile(bare, 50)),
      ],
      ['min', ms(Math.min(...trunkbot)), ms(Math.min(...bare)), ratio(Math.min(...trunkbot), Math.min(...bare))],
      ['max', ms(Math.max(...trunkbot)), ms(Math.max(...bare)), ratio(Math.max(...trunkbot), Math.max(...bare))],
    ]),
    '',
    'targets (this run)',
    ...table(
      [
        ['target', 'result', 'measured'],
        ...judgeTargets(report).map((v) => [
          v.target,
          v.met === undefined ? 'not measured' : v.met ? 'met' : 'NOT MET',
          v.measured,
        ]),
      ],
      '  ',
      true,
    ),
  );
  for (const [name, profile] of Object.entries(report.profiles)) {
    if (profile) lines.push('', ...profileLines(`CPU profile of ${name}`, profile));
  }
  return lines.join('\n');
}
