import { SEARCH_KINDS } from './inventory-queries.js';
import type { InventoryReport, WarmLevel, WarmRun } from './run-inventory.js';
import { percentile } from './summarize-run.js';

/** The `--inventory` targets, all judged on the same run. */
export const INVENTORY_TARGETS = { ownP50Ms: 5, ackP99Ratio: 1.25, snapshotRssMb: 50 } as const;

/** Records per vendor call when the snapshot is collected: the vendor's maximum. */
export const VENDOR_PAGE_SIZE = 100;

/** One target: `met` is undefined when this run could not judge it, and `measured` says why. */
export interface Verdict {
  target: string;
  met: boolean | undefined;
  measured: string;
}

/** Every own time of a run's answers of the expected kind. */
export const ownTimes = (run: WarmRun): number[] => [...run.ownMs.values()].flat();

const KINDS = new Set<string>([...SEARCH_KINDS, 'plain']);

/** Wrong answers by query kind: the kind is the start of each problem text (see checkAnswerKind). */
function wrongByKind(report: InventoryReport): Map<string, number> {
  const wrong = new Map<string, number>();
  const add = (problem: string, n: number) => {
    const kind = /^(\w+):/.exec(problem)?.[1] ?? '';
    const key = KINDS.has(kind) ? kind : 'other';
    wrong.set(key, (wrong.get(key) ?? 0) + n);
  };
  if (report.cold.problem) add(report.cold.problem, 1);
  for (const level of report.levels)
    for (const run of [level.search.run, level.plain.run]) for (const [problem, n] of run.errorKinds) add(problem, n);
  return wrong;
}

const fixed = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(n < 10 ? 1 : 0));

/** Judges the run against the targets and the scenario's own preconditions. */
export function judgeInventory(report: InventoryReport): Verdict[] {
  const { cold, levels, config, trunks, rss } = report;
  const v = cold.vendor;
  const expectedCalls = Math.ceil(trunks / VENDOR_PAGE_SIZE);
  const cap = config.limits.itnioConcurrency;
  const sizes = [...v.sizes].map(([size, n]) => `${n}×${size}`).join(', ') || 'none';
  const wrong = wrongByKind(report);
  const wrongTotal = [...wrong.values()].reduce((a, b) => a + b, 0);
  const answers = 1 + levels.reduce((n, l) => n + 2 * l.requests, 0);
  // Kinds with no answer of their kind cannot be timed: the mix's figures then leave them out.
  const unmeasured = SEARCH_KINDS.filter((k) => levels.every((l) => (l.search.ownMs.get(k) ?? []).length === 0));
  const partial = unmeasured.length > 0 ? `; not timed: ${unmeasured.join(', ')} (no answer of their kind)` : '';
  // A level over the target fails it even when some kinds went untimed; a pass needs every kind timed.
  const judgeOver = (values: number[], ok: (n: number) => boolean): boolean | undefined => {
    const judged = values.filter((n) => !Number.isNaN(n));
    if (judged.some((n) => !ok(n))) return false;
    return judged.length === 0 || judged.length < values.length || unmeasured.length > 0 ? undefined : true;
  };
  const ownP50 = levels.map((l) => percentile(ownTimes(l.search), 50));
  // Judged one at a time (the lowest level): with C in flight each answer also waits for the others' CPU.
  const lowest = levels[0];
  const slowest = slowestKind(lowest);
  const ackRatios = levels.map((l) => percentile(l.search.run.ackMs, 99) / percentile(l.plain.run.ackMs, 99));
  const warmCalls = levels.reduce((n, l) => n + l.search.vendorCalls + l.plain.vendorCalls, 0);
  const uncached = levels.reduce((n, l) => n + l.search.uncached + l.plain.uncached, 0);
  const added = (after: number | undefined) =>
    after === undefined || rss.beforeMb === undefined ? undefined : after - rss.beforeMb;
  const addedByBuild = added(rss.afterBuildMb);
  const addedByEnd = added(rss.afterWarmMb);
  const signed = (n: number | undefined) => (n === undefined ? 'n/a' : `${n >= 0 ? '+' : ''}${n.toFixed(0)} MB`);
  return [
    {
      target: `snapshot: ${expectedCalls} ITNIO calls of ${VENDOR_PAGE_SIZE}, unfiltered, each page once`,
      met:
        v.calls === expectedCalls &&
        v.sizes.get(VENDOR_PAGE_SIZE) === v.calls &&
        v.distinctPages === v.calls &&
        v.filtered === 0 &&
        v.failures === 0,
      measured: `${v.calls} calls, sizes ${sizes}, ${v.distinctPages} distinct pages, ${v.filtered} filtered, ${v.failures} failed`,
    },
    {
      target: `ITNIO calls in flight ≤ ITNIO_MAX_CONCURRENCY (${cap})`,
      met: v.calls === 0 ? undefined : v.peakInFlight <= cap,
      measured: `peak ${v.peakInFlight} at the sandbox`,
    },
    {
      target: 'every query answered as its kind',
      met: wrongTotal === 0,
      measured:
        wrongTotal === 0
          ? `all ${answers} (the cold stats and every warm command)`
          : `${wrongTotal} of ${answers} not: ${[...wrong].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    },
    {
      target: 'warm runs answered from the snapshot',
      met: warmCalls === 0 && uncached === 0,
      measured: `${warmCalls} ITNIO calls after the build; ${uncached} answers not from the cached snapshot`,
    },
    {
      target: `bot's own time p50 ≤ ${INVENTORY_TARGETS.ownP50Ms} ms (search mix, warm, c${lowest?.concurrency ?? '-'})`,
      met: judgeOver(ownP50.slice(0, 1), (n) => n <= INVENTORY_TARGETS.ownP50Ms),
      measured: `${levels.map((l, i) => `c${l.concurrency} ${fixed(ownP50[i]!)} ms`).join(', ')}${slowest}${partial}`,
    },
    {
      target: `ack p99 ≤ ${INVENTORY_TARGETS.ackP99Ratio.toFixed(2)}× plain command`,
      met: judgeOver(ackRatios, (n) => n <= INVENTORY_TARGETS.ackP99Ratio),
      measured: `${levels.map((l, i) => `c${l.concurrency} ${Number.isNaN(ackRatios[i]!) ? '-' : `${ackRatios[i]!.toFixed(2)}×`}`).join(', ')}${partial}`,
    },
    {
      target: `snapshot adds ≤ ${INVENTORY_TARGETS.snapshotRssMb} MB RSS`,
      // Without a GC both samples also hold garbage, by chance more or less: the target must hold at both.
      met:
        addedByBuild === undefined || addedByEnd === undefined
          ? undefined
          : Math.max(addedByBuild, addedByEnd) <= INVENTORY_TARGETS.snapshotRssMb,
      measured: `${signed(addedByBuild)} after the build, ${signed(addedByEnd)} after the warm runs (no forced GC)`,
    },
  ];
}

/** `; slowest kind at c1: stats p50 8.0 ms`, from the per-kind own times of the judged level. */
function slowestKind(level: WarmLevel | undefined): string {
  const p50s = [...(level?.search.ownMs ?? [])].map(([kind, times]) => ({ kind, p50: percentile(times, 50) }));
  const worst = p50s.sort((a, b) => b.p50 - a.p50)[0];
  return worst ? `; slowest kind at c${level!.concurrency}: ${worst.kind} p50 ${fixed(worst.p50)} ms` : '';
}
