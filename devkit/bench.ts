import { seedTrunks } from './sandbox/seed-trunks.js';
import { startBenchWorld, type BenchWorld } from './bench/bench-world.js';
import { describeCommit } from './bench/describe-commit.js';
import { formatBurstReport } from './bench/print-burst-report.js';
import { formatInventoryReport } from './bench/print-inventory-report.js';
import { formatReport } from './bench/print-report.js';
import { formatSoakReport } from './bench/print-soak-report.js';
import { readCli, USAGE, type Options } from './bench/read-cli.js';
import { runBurst } from './bench/run-burst.js';
import { runComparison } from './bench/run-comparison.js';
import { runInventory } from './bench/run-inventory.js';
import { runSoak } from './bench/run-soak.js';
import type { BotProcess } from './bench/spawn-bot.js';

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

/** Runs the mode the flags ask for and returns its printed report. */
async function run(world: BenchWorld, options: Options, bots: BotProcess[]): Promise<string> {
  if (options.burst) return formatBurstReport(options, await runBurst(world, options, bots, progress));
  if (options.inventory) return formatInventoryReport(options, await runInventory(world, options, bots, progress));
  if (options.soak) return formatSoakReport(options, await runSoak(world, options, bots, progress));
  const commit = describeCommit();
  return formatReport(await runComparison(world, options, bots, progress), {
    commit,
    latencyMs: options.latencyMs,
    requests: options.requests,
    trunkbotEnv: options.trunkbotEnv,
    profile: options.profile,
  });
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
    process.stdout.write(`${await run(world, options, bots)}\n`);
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
