import { loadConfig, type Config } from '../../src/config.js';
import { SlackSender } from '../sandbox/slack-sender.js';
import type { BenchWorld } from './bench-world.js';
import { SIGNING_SECRET, trunkbotSpec } from './bot-specs.js';
import { checkAnswerKind } from './check-answer-kind.js';
import { coldBuild, type ColdBuild } from './cold-build.js';
import { describeCommit } from './describe-commit.js';
import { driveLoad, type LoadRun } from './drive-load.js';
import { queryRotation, SEARCH_KINDS, type QueryKind, type QueryRotation } from './inventory-queries.js';
import type { Options } from './read-cli.js';
import { readBotLog, type BotLog } from './read-bot-log.js';
import { sampleRssDuring } from './sample-rss-during.js';
import { spawnBot, type BotProcess } from './spawn-bot.js';

/** Long enough that the snapshot built by the cold query serves the whole run (the default is 60 s). */
export const BENCH_INVENTORY_TTL_SECONDS = '3600';
const COLD_TIMEOUT_MS = 120_000;
// Longer than the bench's reply timeout (15 s), so a slow reply is reported as slow, not as missing.
const AUDIT_TIMEOUT_MS = 20_000;

/** The two kinds of load on the warm snapshot: the incident-search mix and the plain command. */
export type LoadClass = 'search' | 'plain';

/** One class of command at one concurrency, measured. */
export interface WarmRun {
  run: LoadRun;
  /** The bot's own time per answer of the expected kind (its audit line's durationMs), by kind. */
  ownMs: Map<QueryKind, number[]>;
  /** Answers of the expected kind whose audit line lacks `cached`: not from the snapshot built before them. */
  uncached: number;
  /** ITNIO calls during the run: a warm snapshot needs none. */
  vendorCalls: number;
  peakRssMb: number | undefined;
}

/** Both classes at one concurrency. */
export interface WarmLevel {
  concurrency: number;
  requests: number;
  search: WarmRun;
  plain: WarmRun;
}

/** Everything `--inventory` measured. */
export interface InventoryReport {
  /** The commit measured (see describeCommit). */
  commit: string;
  config: Config;
  trunks: number;
  /** The bot's "inventory snapshot built" line. */
  built: { trunks: number; durationMs: number } | undefined;
  /** The cold query's audit line. */
  coldAudit: { durationMs: number } | undefined;
  cold: ColdBuild;
  levels: WarmLevel[];
  /** Why an answer was of the wrong kind (as checkAnswerKind words it) → the first query that got it. */
  examples: Map<string, string>;
  /** Query texts sent per kind (warm-ups included), and how many repeated an earlier one. */
  queries: ReturnType<QueryRotation['sent']>;
  /** VmRSS after start and `/trunks help`, after the snapshot was built, after the warm runs; VmHWM at the end. */
  rss: Record<'beforeMb' | 'afterBuildMb' | 'afterWarmMb' | 'hwmMb', number | undefined>;
}

interface Planned {
  kind: QueryKind;
  text: string;
  user: string;
}

/**
 * Starts trunkbot as configured (snapshot TTL raised), warms it with `/trunks help`, builds the
 * snapshot with one cold `/trunks stats`, then drives the search mix and the plain command on the warm
 * snapshot at each concurrency, alternating which goes first. Every command has its own Slack user, so
 * the rate limit never refuses one and its audit line can be found.
 */
export async function runInventory(
  world: BenchWorld,
  options: Options,
  bots: BotProcess[],
  progress: (line: string) => void,
): Promise<InventoryReport> {
  const env = { INVENTORY_TTL_SECONDS: BENCH_INVENTORY_TTL_SECONDS, ...options.trunkbotEnv };
  const config = loadConfig(trunkbotSpec(world, env).env);
  const rotation = queryRotation(world.sandbox.trunks, Date.now());
  const bot = await spawnBot(trunkbotSpec(world, env));
  bots.push(bot);
  const log = readBotLog(bot);
  const sender = new SlackSender({
    eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: world.slack.teamId,
  });
  let users = 0;
  const userFor = (tag: string) => `U0INV${tag}${String(++users).padStart(6, '0')}`;
  const examples = new Map<string, string>();

  const drive = async (planned: Planned[], concurrency: number, passed = new Set<number>()) =>
    driveLoad({
      slack: world.slack,
      requests: planned.length,
      concurrency,
      alive: () => !bot.exited(),
      check: (body, i) => {
        const problem = checkAnswerKind(planned[i]!.kind, body);
        if (problem && !examples.has(problem)) examples.set(problem, planned[i]!.text);
        return problem;
      },
      onReply: (_body, i) => passed.add(i),
      // A reply reaches Slack a moment before the bot's request is over; the audit line marks the end.
      settled: (i) => botAccount(log, planned[i]!),
      send: (i, responseUrl) => sender.slashCommand({ text: planned[i]!.text, responseUrl, userId: planned[i]!.user }),
    });

  const help = await driveLoad({
    slack: world.slack,
    requests: 1,
    concurrency: 1,
    alive: () => !bot.exited(),
    check: () => undefined,
    send: (_i, responseUrl) => sender.slashCommand({ text: 'help', responseUrl, userId: userFor('H') }),
  });
  if (help.errors > 0)
    throw new Error(`/trunks help failed (${[...help.errorKinds.keys()].join('; ')}):\n${bot.tail()}`);
  const beforeMb = bot.rssMb();

  progress(`cold: /trunks stats on ${options.trunks.toLocaleString('en-US')} trunks…`);
  const coldUser = userFor('C');
  const cold = await coldBuild(world, bot, sender, coldUser, () =>
    botAccount(log, { kind: 'stats', text: 'stats', user: coldUser }, COLD_TIMEOUT_MS),
  );
  const afterBuildMb = bot.rssMb();
  await log.waitForAudits([coldUser]).catch(() => undefined);

  const plan = (cls: LoadClass, count: number, tag: string): Planned[] =>
    Array.from({ length: count }, (_, i) => {
      const kind = cls === 'plain' ? 'plain' : SEARCH_KINDS[i % SEARCH_KINDS.length]!;
      return { kind, text: rotation.next(kind), user: userFor(tag) };
    });
  const measure = async (cls: LoadClass, concurrency: number): Promise<WarmRun> => {
    // Uncounted: idle keep-alive sockets close after 5 s, and a level's first answers of a kind are the slowest.
    // A wrong kind of answer is not a reason to stop: the report says which kinds and how.
    await drive(plan(cls, Math.max(20, 2 * concurrency), 'W'), concurrency);
    const planned = plan(cls, options.requests, cls === 'search' ? 'S' : 'P');
    const passed = new Set<number>();
    const callsBefore = world.vendor.calls;
    const { result: run, peakMb } = await sampleRssDuring(bot, () => drive(planned, concurrency, passed));
    const vendorCalls = world.vendor.calls - callsBefore;
    world.forget();
    await log.waitForAudits(planned.map((p) => p.user));
    progress(
      `${cls} c${concurrency}: ${run.e2eMs.length}/${planned.length} as expected in ${(run.durationMs / 1000).toFixed(1)} s`,
    );
    return { run, ...ownTimes(log, planned, passed), vendorCalls, peakRssMb: peakMb };
  };

  const levels: WarmLevel[] = [];
  for (const [index, concurrency] of options.concurrency.entries()) {
    // Alternate who goes first, so drift during the run does not always favour the same class.
    const order: LoadClass[] = index % 2 === 0 ? ['search', 'plain'] : ['plain', 'search'];
    const runs = new Map<LoadClass, WarmRun>();
    for (const cls of order) runs.set(cls, await measure(cls, concurrency));
    levels.push({ concurrency, requests: options.requests, search: runs.get('search')!, plain: runs.get('plain')! });
  }
  const rss = { beforeMb, afterBuildMb, afterWarmMb: bot.rssMb(), hwmMb: bot.peakRssMb() };
  log.stop();
  await bot.stop();
  const coldAudit = log.audit(coldUser);
  return {
    commit: describeCommit(),
    config,
    trunks: options.trunks,
    built: log.snapshotBuilt(),
    coldAudit: coldAudit && { durationMs: coldAudit.durationMs },
    cold,
    levels,
    examples,
    queries: rotation.sent(),
    rss,
  };
}

/** What the bot's audit line says about a request, in words that start with its kind, as a failure would. */
async function botAccount(log: BotLog, { kind, user }: Planned, timeoutMs = AUDIT_TIMEOUT_MS): Promise<string> {
  try {
    await log.waitForAudits([user], timeoutMs);
  } catch {
    return `${kind}: no reply, and no audit line within ${timeoutMs / 1000} s`;
  }
  const audit = log.audit(user)!;
  const failed = audit.replyFailed ? ', reply failed' : '';
  return `${kind}: no reply; the bot's audit line says outcome ${audit.outcome}${failed}${audit.error ? `: ${audit.error}` : ''}`;
}

function ownTimes(log: BotLog, planned: Planned[], passed: Set<number>): Pick<WarmRun, 'ownMs' | 'uncached'> {
  const ownMs = new Map<QueryKind, number[]>();
  let uncached = 0;
  for (const [i, { kind, user }] of planned.entries()) {
    const audit = log.audit(user);
    if (!audit || !passed.has(i)) continue;
    if (!audit.cached) uncached += 1;
    const list = ownMs.get(kind) ?? [];
    list.push(audit.durationMs);
    ownMs.set(kind, list);
  }
  return { ownMs, uncached };
}
