import type { ReadyTimes } from './bot-specs.js';
import { mb, ms, ratio, signedMs } from './format-cells.js';
import type { LevelResult, VariantResult } from './run-comparison.js';
import { percentile, type RunSummary } from './summarize-run.js';

/** Issue 13's targets: ratios to the floor (or a difference from it), all judged on the same run. */
export const TARGETS = {
  replyP50ExtraMs: 1,
  ackP99Ratio: 1.15,
  throughputRatio: 0.9,
  cpuRatio: 1.2,
  peakRssRatio: 1.15,
  readyRatio: 1.5,
} as const;

/** One target's result; `met` is undefined when the run could not measure it (e.g. that level was not run). */
export interface Verdict {
  target: string;
  met: boolean | undefined;
  measured: string;
  /** Why it is not met, in one phrase (BENCHMARKS.md has the analysis); only when not met. */
  why?: string;
}

/**
 * The main cause of each miss, from the profiles recorded in BENCHMARKS.md ("Reading"). Kept here, not
 * computed, so a newcomer sees a reason next to every "not met"; the analysis behind it is in BENCHMARKS.md.
 */
export const WHY_NOT_MET = {
  reply: 'trunkbot reads, validates, renders and seals a 10-card page and sends ~6 KB where the floor sends a line',
  ack: 'acks wait in the one JS thread behind the other requests’ extra work and the collections their garbage needs',
  throughput:
    'the one JS thread saturates first: trunkbot spends about 1.5–1.9× the floor’s CPU per request at 64 users',
  cpu: 'the page (render, seals), got, the answer’s validation, the audit line and GC: profile in BENCHMARKS.md',
  rss: 'V8 lets garbage pile up in proportion to the live heap (trunkbot’s is ~8 MB larger) and to the heap cap',
  ready:
    'its own code, pino and auth.test before listening, and Node’s own modules load more slowly under its heap flag',
} as const;

/** The levels of `surface`s at `concurrency`, in the run's order. */
const at = (levels: readonly LevelResult[], concurrency: number) => levels.filter((l) => l.concurrency === concurrency);

/** Judged only when there is something to judge and every value is a number. */
function judge(values: number[], ok: (n: number) => boolean): boolean | undefined {
  return values.length === 0 || values.some(Number.isNaN) ? undefined : values.every(ok);
}

/** CPU ms per request over every measured run of `levels`, weighted by replies. */
export function pooledCpuMs(levels: readonly LevelResult[], pick: (l: LevelResult) => RunSummary): number | undefined {
  let cpu = 0;
  let replies = 0;
  for (const level of levels) {
    const run = pick(level);
    if (run.cpuMsPerRequest === undefined) return undefined;
    cpu += run.cpuMsPerRequest * run.ok;
    replies += run.ok;
  }
  return replies === 0 ? undefined : cpu / replies;
}

/** Judges the judged variant against every target. */
export function judgeTargets(result: Pick<VariantResult, 'levels' | 'end'>, readyMs: ReadyTimes): Verdict[] {
  const { levels, end } = result;
  const perSurface = (list: LevelResult[], show: (l: LevelResult) => string) =>
    list.length === 0 ? 'level not run' : list.map((l) => `${l.surface} ${show(l)}`).join('; ');

  const c1 = at(levels, 1);
  const extra = (l: LevelResult) => l.runs.trunkbot.replyP50 - l.runs.floor.replyP50;
  const c16 = at(levels, 16);
  const ackRatio = (l: LevelResult) => l.runs.trunkbot.ackP99 / l.runs.floor.ackP99;
  const c64 = at(levels, 64);
  const rateRatio = (l: LevelResult) => l.runs.trunkbot.repliesPerSecond / l.runs.floor.repliesPerSecond;
  const cpuT = pooledCpuMs(levels, (l) => l.runs.trunkbot);
  const cpuF = pooledCpuMs(levels, (l) => l.runs.floor);
  const { peakRssMb: rssT, heapAfterGcMb: heapT } = end.trunkbot;
  const { peakRssMb: rssF, heapAfterGcMb: heapF } = end.floor;
  const readyT = percentile(readyMs.trunkbot, 50);
  const readyF = percentile(readyMs.floor, 50);

  const verdicts: (Verdict & { whyNot: string })[] = [
    {
      whyNot: WHY_NOT_MET.reply,
      target: `reply p50 at 1 user ≤ floor + ${TARGETS.replyP50ExtraMs} ms`,
      met: judge(c1.map(extra), (n) => n <= TARGETS.replyP50ExtraMs),
      measured: perSurface(
        c1,
        (l) => `${signedMs(extra(l))} (${ms(l.runs.trunkbot.replyP50)} vs ${ms(l.runs.floor.replyP50)})`,
      ),
    },
    {
      whyNot: WHY_NOT_MET.ack,
      target: `ack p99 at 16 users ≤ ${TARGETS.ackP99Ratio.toFixed(2)}× floor`,
      met: judge(c16.map(ackRatio), (n) => n <= TARGETS.ackP99Ratio),
      measured: perSurface(
        c16,
        (l) =>
          `${ratio(l.runs.trunkbot.ackP99, l.runs.floor.ackP99)} (${ms(l.runs.trunkbot.ackP99)} vs ${ms(l.runs.floor.ackP99)})`,
      ),
    },
    {
      whyNot: WHY_NOT_MET.throughput,
      target: `replies/s at 64 users ≥ ${TARGETS.throughputRatio.toFixed(2)}× floor`,
      met: judge(c64.map(rateRatio), (n) => n >= TARGETS.throughputRatio),
      measured: perSurface(
        c64,
        (l) =>
          `${ratio(l.runs.trunkbot.repliesPerSecond, l.runs.floor.repliesPerSecond)} (${l.runs.trunkbot.repliesPerSecond.toFixed(0)} vs ${l.runs.floor.repliesPerSecond.toFixed(0)})`,
      ),
    },
    {
      whyNot: WHY_NOT_MET.cpu,
      target: `CPU ms per request ≤ ${TARGETS.cpuRatio.toFixed(2)}× floor`,
      met: cpuT === undefined || cpuF === undefined ? undefined : cpuT / cpuF <= TARGETS.cpuRatio,
      measured: `${ratio(cpuT, cpuF)} (${ms(cpuT)} vs ${ms(cpuF)}, every measured run pooled)`,
    },
    {
      whyNot: WHY_NOT_MET.rss,
      target: `peak RSS ≤ ${TARGETS.peakRssRatio.toFixed(2)}× floor`,
      met: rssT === undefined || rssF === undefined ? undefined : rssT / rssF <= TARGETS.peakRssRatio,
      measured: `${ratio(rssT, rssF)} (VmHWM ${mb(rssT)} vs ${mb(rssF)}; heap after GC ${heapT.toFixed(1)} vs ${heapF.toFixed(1)} MB)`,
    },
    {
      whyNot: WHY_NOT_MET.ready,
      target: `spawn → ready ≤ ${TARGETS.readyRatio.toFixed(2)}× floor`,
      met: judge([readyT / readyF], (n) => n <= TARGETS.readyRatio),
      measured: `${ratio(readyT, readyF)} (median ${ms(readyT)} vs ${ms(readyF)})`,
    },
  ];
  return verdicts.map(({ whyNot, ...v }) => (v.met === false ? { ...v, why: whyNot } : v));
}

/** The result column: `met`, `not met`, or `not measured`. */
export function verdictWord(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? 'met' : 'not met';
}
