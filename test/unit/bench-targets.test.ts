import type { ReadyTimes } from '../../devkit/bench/bot-specs.js';
import { mb, ms, ratio, signedMs, table } from '../../devkit/bench/format-cells.js';
import { judgeTargets, pooledCpuMs, verdictWord, WHY_NOT_MET } from '../../devkit/bench/judge-targets.js';
import type { EndState, LevelResult } from '../../devkit/bench/run-comparison.js';
import { percentile, summarizeRun, type RunSummary } from '../../devkit/bench/summarize-run.js';

const run = (over: Partial<RunSummary> = {}): RunSummary => ({
  ok: 100,
  errors: 0,
  errorKinds: new Map(),
  ackP50: 2,
  ackP99: 10,
  replyP50: 55,
  replyP99: 60,
  repliesPerSecond: 500,
  cpuMsPerRequest: 1,
  vendorCalls: 100,
  rssPeakMb: 100,
  ...over,
});

const level = (concurrency: number, trunkbot: Partial<RunSummary>, floor: Partial<RunSummary> = {}): LevelResult => ({
  surface: 'command',
  concurrency,
  requests: 100,
  distinct: 100,
  runs: { trunkbot: run(trunkbot), floor: run(floor) },
  sameVendorRequests: true,
});

const end = (trunkbotRss: number, floorRss: number): { trunkbot: EndState; floor: EndState } => ({
  trunkbot: { heapTotalBeforeGcMb: 60, heapAfterGcMb: 25, peakRssMb: trunkbotRss, requests: 1000 },
  floor: { heapTotalBeforeGcMb: 40, heapAfterGcMb: 17, peakRssMb: floorRss, requests: 1000 },
});

const ready: ReadyTimes = { trunkbot: [400, 410, 420], floor: [300, 290, 310] };

describe('bench percentiles', () => {
  it('take the nearest rank and leave the samples unsorted', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(samples).toEqual([5, 1, 4, 2, 3]);
    expect(percentile([], 50)).toBeNaN();
  });

  it('divide the CPU time of a run by its replies', () => {
    const summary = summarizeRun(
      { ackMs: [1, 2], e2eMs: [50, 52], errors: 1, errorKinds: new Map(), duplicateReplies: 0, durationMs: 1000 },
      { vendorCalls: 2, cpuMs: 3, rssPeakMb: undefined },
    );
    expect(summary.cpuMsPerRequest).toBe(1.5);
    expect(summary.repliesPerSecond).toBe(2);
    expect(
      summarizeRun(
        { ackMs: [], e2eMs: [], errors: 0, errorKinds: new Map(), duplicateReplies: 0, durationMs: 1 },
        { vendorCalls: 0, cpuMs: 3, rssPeakMb: undefined },
      ).cpuMsPerRequest,
    ).toBeUndefined();
  });
});

describe('bench table cells', () => {
  it('print times, differences, sizes and ratios, with a dash for what was not measured', () => {
    expect(ms(1.234)).toBe('1.23 ms');
    expect(ms(12.34)).toBe('12.3 ms');
    expect(ms(undefined)).toBe('-');
    expect(ms(NaN)).toBe('-');
    expect(signedMs(0.4)).toBe('+0.40 ms');
    expect(signedMs(-12.5)).toBe('-12.5 ms');
    expect(mb(123.4)).toBe('123 MB');
    expect(mb(undefined)).toBe('n/a');
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('-');
    expect(ratio(undefined, 2)).toBe('-');
  });

  it('line up columns: the first to the left, the others to the right', () => {
    expect(
      table([
        ['', 'a', 'bb'],
        ['row', '1', '22'],
      ]),
    ).toEqual(['        a   bb', '  row   1   22']);
  });
});

describe('bench targets', () => {
  it('pool CPU per request over runs, weighted by replies', () => {
    const levels = [level(1, { cpuMsPerRequest: 1, ok: 100 }), level(16, { cpuMsPerRequest: 4, ok: 300 })];
    expect(pooledCpuMs(levels, (l) => l.runs.trunkbot)).toBeCloseTo(3.25);
    expect(pooledCpuMs([level(1, { cpuMsPerRequest: undefined })], (l) => l.runs.trunkbot)).toBeUndefined();
  });

  it('are met when trunkbot is within each limit of the floor', () => {
    const levels = [level(1, { replyP50: 55.9 }), level(16, { ackP99: 11.4 }), level(64, { repliesPerSecond: 450 })];
    const verdicts = judgeTargets({ levels, end: end(110, 100) }, ready);
    expect(verdicts.map((v) => v.met)).toEqual([true, true, true, true, true, true]);
    expect(verdicts.every((v) => v.why === undefined)).toBe(true);
  });

  it('say "not met" with the reason when a limit is crossed, and what was measured', () => {
    const levels = [
      level(1, { replyP50: 57, cpuMsPerRequest: 1.5 }),
      level(16, { ackP99: 12, cpuMsPerRequest: 1.5 }),
      level(64, { repliesPerSecond: 440, cpuMsPerRequest: 1.5 }),
    ];
    const verdicts = judgeTargets({ levels, end: end(120, 100) }, { trunkbot: [460], floor: [300] });
    expect(verdicts.map((v) => v.met)).toEqual([false, false, false, false, false, false]);
    expect(verdicts.map((v) => v.why)).toEqual(Object.values(WHY_NOT_MET));
    expect(verdicts[0]!.measured).toBe('command +2.00 ms (57.0 ms vs 55.0 ms)');
    expect(verdicts[3]!.measured).toContain('1.50× (1.50 ms vs 1.00 ms');
    expect(verdicts.map((v) => verdictWord(v.met))).toContain('not met');
  });

  it('leave a target unjudged when its level was not run', () => {
    const verdicts = judgeTargets({ levels: [level(16, {})], end: end(100, 100) }, ready);
    expect(verdicts[0]).toMatchObject({ met: undefined, measured: 'level not run' });
    expect(verdictWord(verdicts[0]!.met)).toBe('not measured');
    expect(verdicts[2]!.met).toBeUndefined();
  });
});
