import { setTimeout as sleep } from 'node:timers/promises';
import { isInterimNote } from '../../src/trunks/render-notice.js';
import type { BenchWorld } from './bench-world.js';
import { BUTTON_SEAL_SECRET, trunkbotSpec } from './bot-specs.js';
import { fromVendorFilters, replyKind, type ReplyKind } from './check-reply.js';
import { contender } from './contender.js';
import { countAnswers } from './count-answers.js';
import { countLogLines } from './count-log-lines.js';
import type { LoadRun } from './drive-load.js';
import type { FdCount } from './count-fds.js';
import { describeCommit } from './describe-commit.js';
import { estateSwitch } from './estate-switch.js';
import { errorKindsText } from './format-cells.js';
import type { SoakEnds } from './judge-soak.js';
import { perCallQueries } from './per-call-queries.js';
import type { Options } from './read-cli.js';
import { mergeRuns } from './merge-runs.js';
import { faultAt, soakQuery } from './soak-plan.js';
import { spawnBot, type BotProcess } from './spawn-bot.js';
import { startRedis } from './start-redis.js';
import { summarizeRun, type RunSummary } from './summarize-run.js';

/** The estate shrinks below INVENTORY_MAX_TRUNKS by this many trunks in the snapshot phases. */
const SHRINK_BY = 300;
const MAX_TRUNKS = 1_000;
const SEGMENTS = 10;
const SETTLE = 1_000;
/** Longer than the 5 s keep-alive timeout of every HTTP server involved, so idle pooled connections are closed. */
const QUIET_MS = 6_000;

/**
 * trunkbot's settings in the soak, beyond the Redis URL: short vendor timeouts, a snapshot that expires every
 * 5 s, and 16 ITNIO calls at once (the default 4 at 50 ms each would cap the cache misses at 80/s, and the
 * soak at a third of what the bot can do).
 */
export const SOAK_ENV: Readonly<Record<string, string>> = {
  ITNIO_TIMEOUT_MS: '400',
  ITNIO_MAX_CONCURRENCY: '16',
  INVENTORY_MAX_TRUNKS: String(MAX_TRUNKS),
  INVENTORY_TTL_SECONDS: '5',
};

/** One point of the heap's course during the soak. */
export interface Checkpoint {
  requests: number;
  heapAfterGcMb: number;
  /** Of the heap, compiled code. */
  codeMb: number;
  rssMb: number | undefined;
  fds: FdCount | undefined;
}

/** What the soak measured. */
export interface SoakReport {
  commit: string;
  redis: string;
  concurrency: number;
  /** Requests in the measured body, and in the warm-up and the two settling batches around it. */
  requests: number;
  extraRequests: number;
  durationMs: number;
  run: RunSummary;
  ackMaxMs: number;
  replies: Record<ReplyKind, number>;
  /** Trunk pages that came through ITNIO's own filters; the others came from a snapshot. */
  filteredPages: number;
  outcomes: Map<string, number>;
  cachedAnswers: number;
  snapshotBuilds: number;
  errorLines: number;
  /** "Asking ITNIO…" notes posted before slow answers (not answers: the exactly-once check leaves them out). */
  interimNotes: number;
  /** ITNIO calls during the measured body, how many failed or hung, and the faults injected meanwhile. */
  vendor: { calls: number; failures: number; faults: number };
  checkpoints: Checkpoint[];
  ends: SoakEnds;
}

/**
 * Warm-up, then `requests` commands and clicks in segments that alternate between an estate too large for a
 * snapshot (ITNIO's own filters, page cache) and one that fits (snapshot rebuilt every 5 s), with faults
 * injected throughout, Redis as the store; the heap after GC, the descriptors and the answers are compared
 * between two quiet points.
 */
export async function runSoak(
  world: BenchWorld,
  options: Options,
  bots: BotProcess[],
  progress: (line: string) => void,
): Promise<SoakReport> {
  const redis = options.redisUrl ? { url: options.redisUrl, stop: async () => {} } : await startRedis();
  try {
    const env = {
      ...SOAK_ENV,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `trunkbot-soak-${process.pid}:`,
      ...options.trunkbotEnv,
    };
    const bot = await spawnBot(trunkbotSpec(world, env, { probe: true }));
    bots.push(bot);
    return await soak(world, options, bot, redis.url, progress);
  } finally {
    await redis.stop();
  }
}

async function soak(
  world: BenchWorld,
  options: Options,
  bot: BotProcess,
  redisUrl: string,
  progress: (line: string) => void,
): Promise<SoakReport> {
  const concurrency = options.concurrency.at(-1)!;
  const queries = perCallQueries(world.sandbox.trunks, BUTTON_SEAL_SECRET);
  const target = contender('trunkbot', bot, world);
  const users = 5_000;

  // Every answer posted to a response_url, over the whole soak, by request; the notes shown while a slow
  // answer is on its way are counted apart, since they are not answers.
  const posts = new Map<string, number>();
  let interimNotes = 0;
  const issued: string[] = [];
  world.slack.onActivity((event) => {
    if (event.kind !== 'response') return;
    if (isInterimNote(event.response.body)) interimNotes += 1;
    else posts.set(event.response.id, (posts.get(event.response.id) ?? 0) + 1);
  });
  const log = countLogLines(bot);
  const estate = estateSwitch(world.sandbox, SHRINK_BY);

  const replies: Record<ReplyKind, number> = { page: 0, notice: 0, other: 0 };
  let filteredPages = 0;
  let faultsInjected = 0;
  let sent = 0;
  /** Sends the next `count` requests of the plan; returns the run's timings. */
  const drive = (count: number) => {
    const first = sent;
    sent += count;
    return target.drive({
      requests: count,
      concurrency,
      check: () => undefined,
      onReply: (body) => {
        const kind = replyKind(body);
        replies[kind] += 1;
        if (kind === 'page' && fromVendorFilters(body)) filteredPages += 1;
      },
      request: (k, responseUrl) => {
        const i = first + k;
        issued.push(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
        const fault = faultAt(i);
        if (fault) {
          world.sandbox.inject(fault.fault, fault.times);
          faultsInjected += 1;
        }
        return { ...soakQuery(i, queries), user: `U0SOAK${String(i % users).padStart(5, '0')}` };
      },
    });
  };
  const quietPoint = async (): Promise<{ heapAfterGcMb: number; codeMb: number; fds: FdCount | undefined }> => {
    await sleep(QUIET_MS);
    const fds = bot.fds();
    const sample = await bot.sample(true);
    return { heapAfterGcMb: sample.heapUsed / 2 ** 20, codeMb: sample.codeUsed / 2 ** 20, fds };
  };
  const failIfErrors = (what: string, run: { errors: number; errorKinds: Map<string, number> }) => {
    if (run.errors === 0) return;
    const kinds = errorKindsText(run.errorKinds);
    throw new Error(`${what}: ${run.errors} requests failed (${kinds}); last output of trunkbot:\n${bot.tail()}`);
  };

  const warmUp = Math.min(5_000, Math.max(1_000, Math.round(options.requests / 20)));
  progress(`soak: warm-up, ${warmUp} requests in each estate, then ${SETTLE} more…`);
  estate(false);
  failIfErrors('warm-up', await drive(warmUp));
  estate(true);
  failIfErrors('warm-up', await drive(warmUp));
  estate(false);
  failIfErrors('settling', await drive(SETTLE));
  world.forget();
  const warm = await quietPoint();
  progress(`soak: after warm-up, heap after GC ${warm.heapAfterGcMb.toFixed(1)} MB, ${warm.fds?.fds} fds`);

  const vendorBefore = { ...world.vendor };
  const faultsBefore = faultsInjected;
  const checkpoints: Checkpoint[] = [];
  const runs: LoadRun[] = [];
  const cpuBefore = await bot.sample();
  let done = 0;
  for (let segment = 0; segment < SEGMENTS; segment++) {
    const count = Math.floor(options.requests / SEGMENTS) + (segment < options.requests % SEGMENTS ? 1 : 0);
    estate(segment % 2 === 1);
    const run = await drive(count);
    world.forget();
    runs.push(run);
    const sample = await bot.sample(true);
    done += count;
    checkpoints.push({
      requests: done,
      heapAfterGcMb: sample.heapUsed / 2 ** 20,
      codeMb: sample.codeUsed / 2 ** 20,
      rssMb: bot.rssMb(),
      fds: bot.fds(),
    });
    progress(
      `soak ${segment + 1}/${SEGMENTS} (${segment % 2 === 1 ? 'snapshot' : 'ITNIO filters'}): ${count} requests in ${(run.durationMs / 1000).toFixed(1)} s, heap after GC ${checkpoints.at(-1)!.heapAfterGcMb.toFixed(1)} MB${run.errors ? `, ${run.errors} errors` : ''}`,
    );
  }
  const cpuAfter = await bot.sample();
  const vendor = {
    calls: world.vendor.calls - vendorBefore.calls,
    failures: world.vendor.failures - vendorBefore.failures,
    faults: faultsInjected - faultsBefore,
  };
  estate(false);
  failIfErrors('settling', await drive(SETTLE));
  world.forget();
  const end = await quietPoint();
  progress(
    `soak: at the end, heap after GC ${end.heapAfterGcMb.toFixed(1)} MB, ${end.fds?.fds} fds; stopping trunkbot…`,
  );
  const peakRssMb = bot.peakRssMb();
  // Stopped before answers are counted: once it has exited, no late or second reply can still arrive.
  await bot.stop();

  const body = mergeRuns(runs);
  const run = summarizeRun(body, {
    vendorCalls: vendor.calls,
    cpuMs: (cpuAfter.cpuUs - cpuBefore.cpuUs) / 1000,
    rssPeakMb: peakRssMb,
  });
  return {
    commit: describeCommit(),
    redis: options.redisUrl ? redisUrl : `${redisUrl} (a redis-server started for the soak)`,
    concurrency,
    requests: options.requests,
    extraRequests: sent - options.requests,
    durationMs: body.durationMs,
    run,
    ackMaxMs: body.ackMs.reduce((max, ms) => Math.max(max, ms), 0),
    replies,
    filteredPages,
    outcomes: log.outcomes,
    cachedAnswers: log.cachedAnswers,
    snapshotBuilds: log.snapshotBuilds,
    errorLines: log.errorLines,
    interimNotes,
    vendor,
    checkpoints,
    ends: {
      heapAfterGcMb: { warm: warm.heapAfterGcMb, end: end.heapAfterGcMb },
      codeMb: { warm: warm.codeMb, end: end.codeMb },
      fds: { warm: warm.fds, end: end.fds },
      answers: countAnswers(issued, posts),
    },
  };
}
