import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedTrunks } from './sandbox/seed-trunks.js';
import { SlackSender } from './sandbox/slack-sender.js';
import { ACTION } from '../src/trunks/action-ids.js';
import { startBenchWorld, type BenchWorld } from './bench/bench-world.js';
import { bareSpec, measureReady, NO_GUARDS, SIGNING_SECRET, trunkbotSpec } from './bench/bot-specs.js';
import { checkBareReply, checkTrunkPage, nextButtonValue } from './bench/check-reply.js';
import { summarizeCpuProfile } from './bench/cpu-profile.js';
import { driveLoad, type LoadOptions } from './bench/drive-load.js';
import { formatBurstReport } from './bench/print-burst-report.js';
import { formatInventoryReport } from './bench/print-inventory-report.js';
import { formatReport, runHeader, type BenchReport, type LevelResult, type Surface } from './bench/print-report.js';
import { readCli, USAGE, type Options } from './bench/read-cli.js';
import { runBurst } from './bench/run-burst.js';
import { runInventory } from './bench/run-inventory.js';
import { sampleRssDuring } from './bench/sample-rss-during.js';
import { REPO_ROOT, spawnBot, type BotProcess } from './bench/spawn-bot.js';
import { summarizeRun } from './bench/summarize-run.js';

// The ephemeral message the clicked Next › sits on; Slack sends its ts, the bots do not use it.
const CLICKED_MESSAGE_TS = '1764244800.000100';
const USERS = 50;

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

interface Driven {
  bot: BotProcess;
  sender: SlackSender;
  check: (body: Record<string, unknown>) => string | undefined;
}

/** Times starts, starts both bots for the load, warms up, drives every level; returns the printed report. */
async function runBench(world: BenchWorld, options: Options, bots: BotProcess[]): Promise<string> {
  const { concurrency: levels, requests, latencyMs } = options;
  const trunkbotEnv = { ...NO_GUARDS, ...options.trunkbotEnv };
  progress(`timing ${options.starts} starts of each bot…`);
  const readyMs = await measureReady(
    { trunkbot: trunkbotSpec(world, trunkbotEnv), bare: bareSpec(world) },
    options.starts,
  );

  const profileDirs = options.profile
    ? {
        trunkbot: mkdtempSync(join(tmpdir(), 'trunkbot-bench-prof-')),
        bare: mkdtempSync(join(tmpdir(), 'bare-bolt-bench-prof-')),
      }
    : undefined;
  const profArgs = (dir: string | undefined) => (dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : []);
  const trunkbotProc = await spawnBot(trunkbotSpec(world, trunkbotEnv, profArgs(profileDirs?.trunkbot)));
  bots.push(trunkbotProc);
  const bareProc = await spawnBot(bareSpec(world, profArgs(profileDirs?.bare)));
  bots.push(bareProc);
  const sender = (bot: BotProcess) =>
    new SlackSender({
      eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: world.slack.teamId,
    });
  const trunkbot: Driven = { bot: trunkbotProc, sender: sender(trunkbotProc), check: checkTrunkPage };
  const bare: Driven = { bot: bareProc, sender: sender(bareProc), check: checkBareReply };

  // Sealed with trunkbot's signing secret; collected from trunkbot's own pages, since forged ones are refused.
  const nextValues = new Set<string>();
  const queries = world.queries;
  const load = (target: Driven, surface: Surface, count: number, conc: number, onReply?: LoadOptions['onReply']) => {
    const values = [...nextValues];
    return driveLoad({
      slack: world.slack,
      requests: count,
      concurrency: conc,
      alive: () => !target.bot.exited(),
      check: target.check,
      ...(onReply && { onReply }),
      send: (i, responseUrl) => {
        const userId = `U0BENCH${String(i % USERS).padStart(3, '0')}`;
        return surface === 'command'
          ? target.sender.slashCommand({ text: queries[i % queries.length]!, responseUrl, userId })
          : target.sender.blockAction({
              actionId: ACTION.next,
              value: values[i % values.length]!,
              responseUrl,
              userId,
              isEphemeral: true,
              message: { ts: CLICKED_MESSAGE_TS },
            });
      },
    });
  };
  const failIfErrors = (what: string, run: { errors: number; errorKinds: Map<string, number> }, bot: BotProcess) => {
    if (run.errors === 0) return;
    const kinds = [...run.errorKinds].map(([k, n]) => `${k} ×${n}`).join('; ');
    throw new Error(`${what} failed ${run.errors} times (${kinds}); last output of ${bot.name}:\n${bot.tail()}`);
  };

  // Warm-up: every distinct query once at the heaviest concurrency (JIT, sockets), collecting Next › values.
  const maxLevel = levels.at(-1)!;
  progress(`warm-up: ${queries.length} commands and clicks per bot at concurrency ${maxLevel}…`);
  failIfErrors(
    'warm-up commands to trunkbot',
    await load(trunkbot, 'command', queries.length, maxLevel, (body) => {
      const value = nextButtonValue(body);
      if (value) nextValues.add(value);
    }),
    trunkbotProc,
  );
  if (nextValues.size < maxLevel)
    throw new Error(`only ${nextValues.size} distinct Next › values from trunkbot's pages; need ${maxLevel}`);
  failIfErrors('warm-up commands to bare Bolt', await load(bare, 'command', queries.length, maxLevel), bareProc);
  failIfErrors('warm-up clicks to trunkbot', await load(trunkbot, 'button', queries.length, maxLevel), trunkbotProc);
  failIfErrors('warm-up clicks to bare Bolt', await load(bare, 'button', queries.length, maxLevel), bareProc);
  world.forget();

  const results: LevelResult[] = [];
  for (const [index, conc] of levels.entries()) {
    for (const surface of ['command', 'button'] as const) {
      // Alternate who goes first, so drift during the run does not always favour the same bot.
      const order = index % 2 === 0 ? [trunkbot, bare] : [bare, trunkbot];
      const summaries = new Map<Driven, ReturnType<typeof summarizeRun>>();
      const rssDuring = new Map<Driven, number | undefined>();
      for (const target of order) {
        // A short warm-up at this concurrency: idle keep-alive sockets closed after 5 s between levels.
        await load(target, surface, Math.max(20, 2 * conc), conc);
        const callsBefore = world.vendor.calls;
        const { result: run, peakMb } = await sampleRssDuring(target.bot, () => load(target, surface, requests, conc));
        rssDuring.set(target, peakMb);
        summaries.set(target, summarizeRun(run, latencyMs, world.vendor.calls - callsBefore));
        world.forget();
        progress(
          `${surface} c${conc} ${target.bot.name}: ${run.e2eMs.length}/${requests} in ${(run.durationMs / 1000).toFixed(1)} s${run.errors ? `, ${run.errors} errors` : ''}`,
        );
      }
      results.push({
        surface,
        concurrency: conc,
        requests,
        trunkbot: summaries.get(trunkbot)!,
        bare: summaries.get(bare)!,
        rssDuringMb: { trunkbot: rssDuring.get(trunkbot), bare: rssDuring.get(bare) },
        peakRssMb: { trunkbot: trunkbotProc.peakRssMb(), bare: bareProc.peakRssMb() },
      });
    }
  }

  await Promise.all(bots.map((b) => b.stop()));
  const profiles: BenchReport['profiles'] = {};
  if (profileDirs) {
    profiles.trunkbot = summarizeCpuProfile(profileDirs.trunkbot, REPO_ROOT);
    profiles.bare = summarizeCpuProfile(profileDirs.bare, REPO_ROOT);
  }

  const header = [
    ...runHeader('trunkbot bench'),
    `sandbox ITNIO API adds ${latencyMs} ms; ${requests} measured commands and ${requests} clicks per bot and level, closed loop`,
    `  (each simulated user waits for the ack and the response_url reply before sending again), after a warm-up.`,
    'The load generator, sandbox ITNIO API and Slack stand-in run in the bench process; it and both bots share',
    `these ${availableParallelism()} cores. One bot is under load at a time; the order alternates per level.`,
    ...(results.every((l) => l.trunkbot.vendorCalls === l.requests)
      ? [
          'Every request asks ITNIO something different (rotating pages), so trunkbot cannot fold requests into one call.',
        ]
      : [
          'trunkbot answered from its snapshot of every trunk, not with one ITNIO call per request (see its ITNIO calls):',
          "  its end-to-end and overhead hold no vendor call, so they do not compare with bare Bolt's; the acks still do.",
          '  `npm run bench -- --inventory` measures answering from the snapshot.',
        ]),
    `ack = send → the bot's HTTP answer; end-to-end = send → the bot's response_url POST reaching the stand-in;`,
    `bot overhead = end-to-end − ${latencyMs} ms (includes the loopback hops, which bare Bolt pays too).`,
  ];
  const extra = Object.entries(options.trunkbotEnv).map(([k, v]) => `${k}=${v}`);
  if (extra.length > 0) header.push(`--trunkbot-env: trunkbot also ran with ${extra.join(' ')}.`);
  if (options.profile)
    header.push('--profile: both bots ran under --cpu-prof; timings are slower than in a plain run.');
  if (profileDirs) header.push(`profiles: ${profileDirs.trunkbot}, ${profileDirs.bare} (open in Chrome DevTools)`);
  return formatReport({ header, latencyMs, levels: results, readyMs, profiles });
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = readCli(argv);
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message.split('\n')[0]}\n\n${USAGE}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let world: BenchWorld | undefined;
  const bots: BotProcess[] = [];
  try {
    world = await (options.inventory
      ? startBenchWorld(options.latencyMs, seedTrunks({ count: options.trunks }))
      : startBenchWorld(options.latencyMs));
    const report = options.burst
      ? formatBurstReport(options, await runBurst(world, options, bots, progress))
      : options.inventory
        ? formatInventoryReport(options, await runInventory(world, options, bots, progress))
        : await runBench(world, options, bots);
    process.stdout.write(`${report}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`bench: could not complete the run: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await world?.close();
  }
}

// Ctrl-C: exit through process.exit so spawn-bot's exit hook kills the bots.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping\n`);
    process.exit(1);
  });
}

process.exitCode = await main(process.argv.slice(2));
