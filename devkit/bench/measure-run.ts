import type { BenchWorld } from './bench-world.js';
import type { Contender, Surface } from './contender.js';
import type { BenchQuery } from './per-call-queries.js';
import { sampleRssDuring } from './sample-rss-during.js';
import { summarizeRun, type RunSummary } from './summarize-run.js';

/** One measured run and the ITNIO request bodies it caused, sorted, to compare with the other bot's. */
export interface MeasuredRun {
  summary: RunSummary;
  vendorBodies: string[];
}

/**
 * Drives one measured run and reads around it what the load generator cannot see: the bot's CPU time
 * (from its probe, before and after), its VmRSS every 50 ms, and the ITNIO calls the sandbox answered.
 */
export async function measureRun(
  world: BenchWorld,
  target: Contender,
  run: { surface: Surface; count: number; concurrency: number; pick: (i: number) => BenchQuery },
): Promise<MeasuredRun> {
  const before = await target.bot.sample();
  const callsBefore = world.vendor.calls;
  world.vendor.bodies = [];
  const { result, peakMb } = await sampleRssDuring(target.bot, () =>
    target.load(run.surface, run.count, run.concurrency, run.pick),
  );
  const after = await target.bot.sample();
  const vendorBodies = world.vendor.bodies.sort();
  world.vendor.bodies = undefined;
  const summary = summarizeRun(result, {
    vendorCalls: world.vendor.calls - callsBefore,
    cpuMs: (after.cpuUs - before.cpuUs) / 1000,
    rssPeakMb: peakMb,
  });
  world.forget();
  return { summary, vendorBodies };
}
