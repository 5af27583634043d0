import { parseArgs } from 'node:util';
import { UsageError, wholeNumber } from '../cli-flags.js';
import { MIXED_QUERIES, SAME_QUERY } from './burst-queries.js';

/** How many trunks the sandbox holds for `--inventory` unless `--trunks` says otherwise. */
export const INVENTORY_TRUNKS = 10_000;

/** `npm run bench -- --help`. */
export const USAGE = `Usage: npm run bench -- [options]

Runs trunkbot and a bare Bolt app (devkit/bench/bare-bolt.ts) as separate processes on loopback,
against the same sandbox ITNIO API and Slack stand-in, drives both with the same signed /trunks
commands and Next › clicks, and prints both side by side with the ratios trunkbot / bare Bolt.

With --burst it runs trunkbot alone, as configured (its rate limit, ITNIO concurrency cap and queue,
page cache and single-flight all on), a fresh process per level, and sends each level's commands as a
burst: every user sends again as soon as the last command is acked. It prints latencies, errors and
what the replies were (trunk pages, notices such as "busy" or a refusal, anything else).

With --inventory it runs trunkbot alone, as configured, against a large sandbox inventory: one cold
\`/trunks stats\` that builds the snapshot of every trunk (time, progress posts, ITNIO calls and how many
were in flight at once), then distinct incident-search queries (ip:, ranges, numbers, down, stats,
group:, changed:) and plain \`outgoing acme page:N\` commands on the warm snapshot, and the process's RSS
before and after the snapshot.

Options:
  --concurrency LIST  comma-separated users in flight per level (default 1,16,64; 1,16 with --inventory)
  --requests N        measured commands, and as many clicks, per level and bot (default 300;
                      with --burst: commands per level; with --inventory: commands per level of the
                      search mix and as many plain ones)
  --latency MS        latency the sandbox ITNIO API adds to every answer (default 50)
  --starts N          timed starts of each bot for the ready time (default 5; not with --burst)
  --trunkbot-env K=V  extra environment for trunkbot only, repeatable, e.g.
                      NODE_OPTIONS=--max-old-space-size=64 or REDIS_URL=redis://127.0.0.1:6379
                      (the run header lists what was set);
                      LOG_LEVEL must stay info or lower: the bench waits for the info ready line
  --profile           run both bots under --cpu-prof and print where their CPU time went
                      (slows them down: read the tables of a --profile run as indicative only;
                      not with --burst)
  --burst             trunkbot alone under a burst of commands, as described above
  --same-query        with --burst: every command is "/trunks ${SAME_QUERY}" instead of a mix of
                      ${MIXED_QUERIES.length}, so identical queries in flight fold into one ITNIO call
  --inventory         trunkbot alone, building and answering from its snapshot, as described above
  --trunks N          with --inventory: trunks the sandbox ITNIO API holds (default ${INVENTORY_TRUNKS})
  --help              show this help

Exit status: 0 when the run completed (whether or not targets were met), 1 when it could not run.`;

/** What one bench run does. */
export interface Options {
  concurrency: number[];
  requests: number;
  latencyMs: number;
  starts: number;
  profile: boolean;
  trunkbotEnv: Record<string, string>;
  /** trunkbot alone, as configured, under a burst, instead of the comparison with bare Bolt. */
  burst: boolean;
  sameQuery: boolean;
  /** trunkbot alone, building its snapshot of `trunks` trunks and answering from it. */
  inventory: boolean;
  trunks: number;
}

/** Reads the flags; throws UsageError for anything malformed. */
export function readCli(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      concurrency: { type: 'string' },
      requests: { type: 'string' },
      latency: { type: 'string' },
      starts: { type: 'string' },
      profile: { type: 'boolean' },
      'trunkbot-env': { type: 'string', multiple: true },
      burst: { type: 'boolean' },
      'same-query': { type: 'boolean' },
      inventory: { type: 'boolean' },
      trunks: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const burst = values.burst ?? false;
  const inventory = values.inventory ?? false;
  if (burst && inventory) throw new UsageError('--burst and --inventory are separate runs: pick one');
  const alone = burst ? '--burst' : inventory ? '--inventory' : undefined;
  if (alone && values.starts !== undefined)
    throw new UsageError(`--starts times the comparison with bare Bolt; leave it out with ${alone}`);
  if (alone && values.profile)
    throw new UsageError(`--profile profiles the comparison with bare Bolt; leave it out with ${alone}`);
  if (!burst && values['same-query']) throw new UsageError('--same-query only applies with --burst');
  if (!inventory && values.trunks !== undefined) throw new UsageError('--trunks only applies with --inventory');
  const concurrency = (values.concurrency ?? (inventory ? '1,16' : '1,16,64'))
    .split(',')
    .map((c) => wholeNumber('--concurrency', c.trim(), 1, 1000));
  return {
    // Ascending, so the peak RSS read after the last level is the peak under the heaviest load.
    concurrency: [...new Set(concurrency)].sort((a, b) => a - b),
    requests: wholeNumber('--requests', values.requests ?? '300', 1, 1_000_000),
    latencyMs: wholeNumber('--latency', values.latency ?? '50', 0, 60_000),
    starts: wholeNumber('--starts', values.starts ?? '5', 1, 100),
    profile: values.profile ?? false,
    trunkbotEnv: checkTrunkbotEnv(Object.fromEntries((values['trunkbot-env'] ?? []).map(keyValue))),
    burst,
    sameQuery: values['same-query'] ?? false,
    inventory,
    // The 120 base trunks carry the London numbers the search mix asks for; beyond them come the /24 ranges.
    trunks: wholeNumber('--trunks', values.trunks ?? String(INVENTORY_TRUNKS), 1_000, 200_000),
  };
}

function checkTrunkbotEnv(env: Record<string, string>): Record<string, string> {
  const level = env.LOG_LEVEL?.toLowerCase();
  if (level !== undefined && !['info', 'debug', 'trace'].includes(level)) {
    throw new UsageError(
      `--trunkbot-env LOG_LEVEL=${env.LOG_LEVEL} would hide the "trunkbot is ready" line the bench waits for`,
    );
  }
  return env;
}

function keyValue(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (!/^[A-Z_][A-Z0-9_]*=/.test(pair)) throw new UsageError(`--trunkbot-env takes KEY=VALUE, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}
