import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchWorld } from './bench-world.js';
import { PER_CALL, VARIANTS, type Variant } from './bench-variants.js';
import {
  BUTTON_SEAL_SECRET,
  FLOOR_ENTRY,
  floorSpec,
  measureReady,
  type ReadyTimes,
  trunkbotSpec,
} from './bot-specs.js';
import { compileBots } from './compile-bots.js';
import { contender, type Contender, type Role, type Surface } from './contender.js';
import { summarizeCpuProfile, type ProfileSummary } from './cpu-profile.js';
import type { LoadRun } from './drive-load.js';
import { errorKindsText } from './format-cells.js';
import { measureRun } from './measure-run.js';
import { perCallQueries, type BenchQuery } from './per-call-queries.js';
import type { Options } from './read-cli.js';
import { PROBE_ENTRY, REPO_ROOT, spawnBot, type BotProcess } from './spawn-bot.js';
import type { RunSummary } from './summarize-run.js';

/** Requests per bot and surface before the first level: JIT, sockets, trunkbot's "too many trunks" finding. */
const WARM_UP = 240;
const SAME_QUERY = 'outgoing acme';

/** The same figure for both bots. */
export interface Pair<T> {
  trunkbot: T;
  floor: T;
}

/** Both bots on one surface at one concurrency. */
export interface LevelResult {
  surface: Surface;
  concurrency: number;
  requests: number;
  /** Distinct query texts among the measured requests. */
  distinct: number;
  runs: Pair<RunSummary>;
  /** Whether both bots sent ITNIO exactly the same request bodies (the same multiset) during their runs. */
  sameVendorRequests: boolean;
}

/** Where a bot ended up after every level. */
export interface EndState {
  /** V8's heap as committed before the forced GC: what garbage between collections costs in memory. */
  heapTotalBeforeGcMb: number;
  /** heapUsed after two forced full GCs, at the end. */
  heapAfterGcMb: number;
  /** VmHWM: the peak resident set since the process started. */
  peakRssMb: number | undefined;
  /** Requests it was sent, warm-ups included. */
  requests: number;
}

/** One variant's comparison. */
export interface VariantResult {
  variant: Variant;
  levels: LevelResult[];
  end: Pair<EndState>;
  profiles?: Pair<ProfileSummary>;
  profileDirs?: Pair<string>;
}

/** Everything `npm run bench` measured. */
export interface ComparisonResult {
  readyMs: ReadyTimes;
  variants: VariantResult[];
  /** Distinct queries available to a run. */
  queries: number;
}

/** Times starts, then runs each selected variant: both bots fresh, warmed up, driven level by level, alternating. */
export async function runComparison(
  world: BenchWorld,
  options: Options,
  bots: BotProcess[],
  progress: (line: string) => void,
): Promise<ComparisonResult> {
  let compiledRoot: string | undefined;
  if (!options.fromSource) {
    progress('building both bots, as npm run build does…');
    compiledRoot = await compileBots({ floor: FLOOR_ENTRY, probe: PROBE_ENTRY });
  }
  const compiled = compiledRoot === undefined ? {} : { compiledRoot };
  progress(`timing ${options.starts} starts of each bot…`);
  const readyMs = await measureReady(
    {
      trunkbot: trunkbotSpec(world, { ...PER_CALL, ...options.trunkbotEnv }, compiled),
      floor: floorSpec(world, compiled),
    },
    options.starts,
  );
  const queries = perCallQueries(world.sandbox.trunks, BUTTON_SEAL_SECRET);
  const variants: VariantResult[] = [];
  for (const variant of VARIANTS.filter((v) => v.judged || options.bonus)) {
    variants.push(await runVariant(world, options, variant, queries, bots, progress, compiled));
  }
  return { readyMs, variants, queries: queries.length };
}

async function runVariant(
  world: BenchWorld,
  options: Options,
  variant: Variant,
  queries: BenchQuery[],
  bots: BotProcess[],
  progress: (line: string) => void,
  compiled: { compiledRoot?: string },
): Promise<VariantResult> {
  const profileDirs =
    options.profile && variant.judged
      ? {
          trunkbot: mkdtempSync(join(tmpdir(), 'trunkbot-bench-prof-')),
          floor: mkdtempSync(join(tmpdir(), 'floor-bench-prof-')),
        }
      : undefined;
  const start = (role: Role) => ({
    ...compiled,
    probe: true,
    ...(profileDirs && { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDirs[role]] }),
  });
  const floorBot = await spawnBot(floorSpec(world, start('floor')));
  bots.push(floorBot);
  const trunkbotBot = await spawnBot(
    trunkbotSpec(world, { ...variant.trunkbotEnv, ...options.trunkbotEnv }, start('trunkbot')),
  );
  bots.push(trunkbotBot);
  const both: Pair<Contender> = {
    trunkbot: contender('trunkbot', trunkbotBot, world),
    floor: contender('floor', floorBot, world),
  };

  const same = queries.find((q) => q.text === SAME_QUERY) ?? queries[0]!;
  let cursor = 0;
  const from = (base: number) =>
    variant.sameQuery ? () => same : (i: number) => queries[(base + i) % queries.length]!;
  const failIfErrors = (what: string, run: LoadRun, target: Contender) => {
    if (run.errors === 0) return;
    const kinds = errorKindsText(run.errorKinds);
    throw new Error(
      `${what} failed ${run.errors} times (${kinds}); last output of ${target.role}:\n${target.bot.tail()}`,
    );
  };

  const levels = options.concurrency.filter((c) => !(variant.skipSingleUser && c === 1));
  const maxLevel = levels.at(-1) ?? 1;
  progress(`${variant.key}: warm-up, ${WARM_UP} commands and clicks per bot at concurrency ${maxLevel}…`);
  for (const target of [both.trunkbot, both.floor]) {
    for (const surface of ['command', 'button'] as const) {
      failIfErrors(
        `warm-up ${surface}s to ${target.role}`,
        await target.load(surface, WARM_UP, maxLevel, from(cursor)),
        target,
      );
    }
  }
  cursor += WARM_UP;
  world.forget();

  const results: LevelResult[] = [];
  for (const [index, concurrency] of levels.entries()) {
    for (const surface of ['command', 'button'] as const) {
      // Alternate who goes first, so drift during the run does not always favour the same bot.
      const order = index % 2 === 0 ? [both.floor, both.trunkbot] : [both.trunkbot, both.floor];
      // A short warm-up at this concurrency: idle keep-alive sockets closed after 5 s between levels.
      const warm = Math.max(20, 2 * concurrency);
      const measured = cursor + warm;
      const runs: Partial<Pair<RunSummary>> = {};
      const bodies: Partial<Pair<string[]>> = {};
      for (const target of order) {
        failIfErrors(`warm-up at c${concurrency}`, await target.load(surface, warm, concurrency, from(cursor)), target);
        const { summary, vendorBodies } = await measureRun(world, target, {
          surface,
          count: options.requests,
          concurrency,
          pick: from(measured),
        });
        runs[target.role] = summary;
        bodies[target.role] = vendorBodies;
        progress(
          `${variant.key} ${surface} c${concurrency} ${target.role}: ${summary.ok}/${options.requests} in ${(summary.ok / summary.repliesPerSecond).toFixed(1)} s${summary.errors ? `, ${summary.errors} errors` : ''}`,
        );
      }
      cursor += warm + options.requests;
      results.push({
        surface,
        concurrency,
        requests: options.requests,
        distinct: variant.sameQuery ? 1 : Math.min(options.requests, queries.length),
        runs: runs as Pair<RunSummary>,
        sameVendorRequests: bodies.trunkbot!.join('\n') === bodies.floor!.join('\n'),
      });
    }
  }

  const endOf = async (target: Contender): Promise<EndState> => {
    const before = await target.bot.sample();
    return {
      heapTotalBeforeGcMb: before.heapTotal / 2 ** 20,
      heapAfterGcMb: (await target.bot.sample(true)).heapUsed / 2 ** 20,
      peakRssMb: target.bot.peakRssMb(),
      requests: target.sent,
    };
  };
  const end = { trunkbot: await endOf(both.trunkbot), floor: await endOf(both.floor) };
  await Promise.all([trunkbotBot.stop(), floorBot.stop()]);
  const profiles = profileDirs && {
    trunkbot: summarizeCpuProfile(profileDirs.trunkbot, compiled.compiledRoot ?? REPO_ROOT),
    floor: summarizeCpuProfile(profileDirs.floor, compiled.compiledRoot ?? REPO_ROOT),
  };
  return { variant, levels: results, end, ...(profiles && { profiles, profileDirs }) };
}
