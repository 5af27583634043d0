import { availableParallelism } from 'node:os';
import type { ProfileSummary } from './cpu-profile.js';
import { errorKindsText, mb, ms, ratio, table } from './format-cells.js';
import { judgeTargets, verdictWord } from './judge-targets.js';
import type { ComparisonResult, LevelResult, VariantResult } from './run-comparison.js';
import { runHeader } from './run-header.js';
import { percentile, type RunSummary } from './summarize-run.js';

/** What the report says about the run around the tables. */
export interface ReportContext {
  commit: string;
  latencyMs: number;
  requests: number;
  /** `--trunkbot-env` settings, shown so a run with them is not mistaken for a plain one. */
  trunkbotEnv: Record<string, string>;
  profile: boolean;
}

const label = (l: LevelResult): string =>
  `${l.surface === 'command' ? '/trunks command' : 'Next › click'} · ${l.concurrency} user${l.concurrency === 1 ? '' : 's'} · ${l.requests} requests (${l.distinct} distinct queries)`;

function errorText(s: RunSummary): string {
  if (s.errors === 0) return '0';
  return `${s.errors} (${errorKindsText(s.errorKinds)})`;
}

function levelTable(level: LevelResult, judged: boolean): string[] {
  const { trunkbot: t, floor: f } = level.runs;
  const row = (
    name: string,
    pick: (s: RunSummary) => number | undefined,
    show: (n: number | undefined) => string = ms,
  ) => [name, show(pick(f)), show(pick(t)), ratio(pick(t), pick(f))];
  const lines = [
    label(level),
    ...table([
      ['', 'floor', 'trunkbot', 'trunkbot/floor'],
      row('ack p50', (s) => s.ackP50),
      row('ack p99', (s) => s.ackP99),
      row('reply p50', (s) => s.replyP50),
      row('reply p99', (s) => s.replyP99),
      row(
        'replies/s',
        (s) => s.repliesPerSecond,
        (n) => (n === undefined ? '-' : n.toFixed(1)),
      ),
      row('CPU per request', (s) => s.cpuMsPerRequest),
      ['ITNIO calls', String(f.vendorCalls), String(t.vendorCalls), ''],
      row('peak VmRSS during the run', (s) => s.rssPeakMb, mb),
    ]),
  ];
  if (judged && !level.sameVendorRequests)
    lines.push('  ITNIO requests: the two bots did NOT send the same request bodies (the comparison is off)');
  if (t.errors + f.errors > 0) lines.push(`  errors: floor ${errorText(f)}; trunkbot ${errorText(t)}`);
  return lines;
}

function endTable(v: VariantResult): string[] {
  const { trunkbot: t, floor: f } = v.end;
  return [
    'at the end of these runs',
    ...table([
      ['', 'floor', 'trunkbot', 'trunkbot/floor'],
      ['peak RSS since start (VmHWM)', mb(f.peakRssMb), mb(t.peakRssMb), ratio(t.peakRssMb, f.peakRssMb)],
      [
        'V8 heap committed (before the GC)',
        mb(f.heapTotalBeforeGcMb),
        mb(t.heapTotalBeforeGcMb),
        ratio(t.heapTotalBeforeGcMb, f.heapTotalBeforeGcMb),
      ],
      [
        'heap after a forced GC',
        `${f.heapAfterGcMb.toFixed(1)} MB`,
        `${t.heapAfterGcMb.toFixed(1)} MB`,
        ratio(t.heapAfterGcMb, f.heapAfterGcMb),
      ],
      ['requests sent (with warm-ups)', String(f.requests), String(t.requests), ''],
    ]),
  ];
}

function variantLines(v: VariantResult): string[] {
  const lines = [`== ${v.variant.title} ==`, ...v.variant.notes];
  if (v.variant.judged) {
    const perCall = v.levels.every((l) => l.runs.trunkbot.vendorCalls === l.runs.trunkbot.ok && l.sameVendorRequests);
    lines.push(
      perCall
        ? '  Checked: in every run trunkbot made one ITNIO call per reply, with the same request bodies as the floor.'
        : '  WARNING: trunkbot did not make exactly one ITNIO call per reply, or asked other things than the floor',
    );
  }
  lines.push('');
  for (const level of v.levels) lines.push(...levelTable(level, v.variant.judged), '');
  lines.push(...endTable(v));
  return lines;
}

function profileLines(name: string, p: ProfileSummary, requests: number): string[] {
  const pct = (n: number) => `${((100 * n) / p.busyMs).toFixed(1)}%`;
  const us = (n: number) => `${((1000 * n) / requests).toFixed(0)} µs/req`;
  const rows = (list: ProfileSummary['functions']) =>
    table(
      list.map((s) => [s.name, ms(s.ms), pct(s.ms), us(s.ms)]),
      '    ',
    );
  return [
    `${name}: ${ms(p.busyMs)} on CPU for ${requests} requests (start-up and warm-ups included)`,
    '  inclusive time of what trunkbot adds (a sample counts once per group found on its stack):',
    ...rows(p.groups),
    '  self time by package / src folder:',
    ...rows(p.packages),
    '  top functions by self time:',
    ...rows(p.functions),
  ];
}

/** The printed report: what ran, the judged comparison and its targets, the bonus runs, any profiles. */
export function formatReport(result: ComparisonResult, context: ReportContext): string {
  const judged = result.variants.find((v) => v.variant.judged)!;
  const cores = availableParallelism();
  const lines = [
    ...runHeader('trunkbot bench'),
    `commit: ${context.commit}`,
    `load: closed loop on the reply — each of N simulated users sends a request, waits for the answer at its`,
    `  response_url, then sends the next; ${context.requests} measured commands and ${context.requests} clicks per bot and level,`,
    `  after a warm-up; one bot under load at a time, the order alternating per level (floor first at the first).`,
    `  The sandbox ITNIO API adds ${context.latencyMs} ms to every answer. Up to ${result.queries} distinct queries; a run repeats none.`,
    'floor: devkit/bench/bare-bolt.ts, the smallest Bolt app doing the job — ack, one signed fetch to ITNIO,',
    '  "N trunks" at the response_url; same Bolt, sandbox, Slack stand-in and machine as trunkbot.',
    "ack = send → the bot's HTTP answer; reply = send → the bot's response_url POST reaching the stand-in;",
    "CPU per request = the bot process's user + system time during the run ÷ replies (all threads, GC included).",
    `The bench process (load, sandbox, stand-in) and both bots share these ${cores} cores: expect 10–20 % noise between runs.`,
  ];
  const extra = Object.entries(context.trunkbotEnv).map(([k, v]) => `${k}=${v}`);
  if (extra.length > 0) lines.push(`--trunkbot-env: trunkbot also ran with ${extra.join(' ')}.`);
  if (context.profile) lines.push('--profile: both bots ran under --cpu-prof; timings are slower than in a plain run.');
  lines.push('', ...variantLines(judged), '');

  const { trunkbot, floor } = result.readyMs;
  lines.push(
    `start-up: spawn → ready line, ${trunkbot.length} timed starts each (after one untimed start), as in the judged run`,
    ...table([
      ['', 'floor', 'trunkbot', 'trunkbot/floor'],
      [
        'median',
        ms(percentile(floor, 50)),
        ms(percentile(trunkbot, 50)),
        ratio(percentile(trunkbot, 50), percentile(floor, 50)),
      ],
      ['min', ms(Math.min(...floor)), ms(Math.min(...trunkbot)), ratio(Math.min(...trunkbot), Math.min(...floor))],
      ['max', ms(Math.max(...floor)), ms(Math.max(...trunkbot)), ratio(Math.max(...trunkbot), Math.max(...floor))],
    ]),
    '',
    'targets (issue 13), judged on the one-call-per-request runs above; ratios are trunkbot ÷ floor, same run.',
    '"not met" names the main cause; BENCHMARKS.md ("npm run bench", Reading) has the measurements behind it.',
  );
  const verdicts = judgeTargets(judged, result.readyMs);
  const rows = table(
    [['target', 'result', 'measured'], ...verdicts.map((v) => [v.target, verdictWord(v.met), v.measured])],
    '  ',
    true,
  );
  lines.push(rows[0]!);
  verdicts.forEach((v, i) => {
    lines.push(rows[i + 1]!);
    if (v.why) lines.push(`      why: ${v.why}`);
  });
  const met = verdicts.filter((v) => v.met).length;
  lines.push(`  ${met} of ${verdicts.length} met.`);

  for (const v of result.variants.filter((x) => !x.variant.judged)) lines.push('', ...variantLines(v));
  if (judged.profiles && judged.profileDirs) {
    lines.push(
      '',
      ...profileLines('CPU profile of trunkbot', judged.profiles.trunkbot, judged.end.trunkbot.requests),
      '',
      ...profileLines('CPU profile of the floor', judged.profiles.floor, judged.end.floor.requests),
      '',
      `profiles: ${judged.profileDirs.trunkbot}, ${judged.profileDirs.floor} (open in Chrome DevTools)`,
    );
  }
  return lines.join('\n');
}
