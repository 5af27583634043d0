import { parseArgs } from 'node:util';
import { UsageError, wholeNumber } from '../cli-flags.js';
import { MIXED_QUERIES, SAME_QUERY } from './burst-queries.js';

/** How many trunks the sandbox holds for `--inventory` unless `--trunks` says otherwise. */
export const INVENTORY_TRUNKS = 10_000;
/** Measured requests of `--soak` unless `--requests` says otherwise. */
export const SOAK_REQUESTS = 100_000;

/** `npm run bench -- --help`. */
export const USAGE = `Usage: npm run bench -- [options]

Runs trunkbot and the floor (devkit/bench/bare-bolt.ts: the smallest Bolt app that acks, makes one signed
ITNIO call with fetch and answers "N trunks") as separate processes on loopback, against the same sandbox
ITNIO API and Slack stand-in. Each of N simulated users sends a /trunks command or a Next › click, waits for
the answer at its response_url, then sends the next (closed loop). The bots take turns, alternating per
level. It prints ack and reply times, replies/s, CPU ms per request, memory, start-up, the ratios to the
floor and whether issue 13's targets are met. The targets are judged on trunkbot configured to make one
ITNIO call per request, as the floor does; bonus runs show it as configured (answering from its snapshot)
and with every request asking the same thing (merged). BENCHMARKS.md explains every figure.

With --soak it runs trunkbot alone, with Redis, for --requests commands and clicks (default ${SOAK_REQUESTS}):
a mix of page-cache hits, snapshot answers, vendor errors and timeouts, and checks that the heap after GC
is back within 5 MB of where it was after the warm-up, that no file descriptors or sockets are left over
and that every request got exactly one answer. About 8 minutes for 100,000 on 2 cores.

With --burst it runs trunkbot alone, as configured (its rate limit, ITNIO concurrency cap and queue,
page cache and single-flight all on), a fresh process per level, and sends each level's commands as a
burst: every user sends again as soon as the last command is acked, without waiting for the reply (the
ack-only load behind Slack's 3-second rule). It prints latencies, errors and what the replies were.

With --inventory it runs trunkbot alone, as configured, against a large sandbox inventory: one cold
\`/trunks stats\` that builds the snapshot of every trunk, then incident searches and plain commands on the
warm snapshot, and the process's RSS before and after the snapshot.

Options:
  --concurrency LIST  comma-separated users in flight per level (default 1,16,64; 1,16 with --inventory;
                      with --soak one level, default 64)
  --requests N        measured commands, and as many clicks, per level and bot (default 300;
                      with --burst: commands per level; with --inventory: commands per level of the
                      search mix and as many plain ones; with --soak: the whole soak, default ${SOAK_REQUESTS})
  --latency MS        latency the sandbox ITNIO API adds to every answer (default 50)
  --starts N          timed starts of each bot for the ready time (default 5; only the comparison)
  --judged-only       the comparison without its bonus runs (as configured, merged)
  --from-source       run both bots' TypeScript under tsx (as npm run dev does) instead of building them
                      to JavaScript first (as npm run build and npm start do); only the comparison
  --trunkbot-env K=V  extra environment for trunkbot only, repeatable, e.g.
                      NODE_OPTIONS=--max-old-space-size=64 or REDIS_URL=redis://127.0.0.1:6379
                      (the run header lists what was set);
                      LOG_LEVEL must stay info or lower: the bench waits for the info ready line
  --profile           run both bots under --cpu-prof in the judged comparison and print where their CPU
                      time went (slows them down: read the tables of a --profile run as indicative only)
  --soak              trunkbot alone for a long run, as described above
  --redis-url URL     with --soak: use this Redis instead of starting a redis-server
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
  /** The comparison's bonus runs (trunkbot as configured; every request the same query). */
  bonus: boolean;
  /** Both bots under tsx rather than compiled to JavaScript. */
  fromSource: boolean;
  trunkbotEnv: Record<string, string>;
  /** trunkbot alone, as configured, under a burst, instead of the comparison with the floor. */
  burst: boolean;
  sameQuery: boolean;
  /** trunkbot alone, building its snapshot of `trunks` trunks and answering from it. */
  inventory: boolean;
  trunks: number;
  /** trunkbot alone for a long run with Redis, faults and a leak check. */
  soak: boolean;
  redisUrl: string | undefined;
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
      'judged-only': { type: 'boolean' },
      'from-source': { type: 'boolean' },
      'trunkbot-env': { type: 'string', multiple: true },
      burst: { type: 'boolean' },
      'same-query': { type: 'boolean' },
      inventory: { type: 'boolean' },
      trunks: { type: 'string' },
      soak: { type: 'boolean' },
      'redis-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const burst = values.burst ?? false;
  const inventory = values.inventory ?? false;
  const soak = values.soak ?? false;
  const modes = [burst && '--burst', inventory && '--inventory', soak && '--soak'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} are separate runs: pick one`);
  const alone = modes[0] || undefined;
  if (alone && values.starts !== undefined)
    throw new UsageError(`--starts times the comparison with the floor; leave it out with ${alone}`);
  if (alone && values.profile)
    throw new UsageError(`--profile profiles the comparison with the floor; leave it out with ${alone}`);
  if (alone && values['judged-only'])
    throw new UsageError(`--judged-only selects runs of the comparison; leave it out with ${alone}`);
  if (alone && values['from-source'])
    throw new UsageError(`--from-source applies to the comparison with the floor; leave it out with ${alone}`);
  if (!burst && values['same-query']) throw new UsageError('--same-query only applies with --burst');
  if (!inventory && values.trunks !== undefined) throw new UsageError('--trunks only applies with --inventory');
  if (!soak && values['redis-url'] !== undefined) throw new UsageError('--redis-url only applies with --soak');
  const redisUrl = values['redis-url'];
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl))
    throw new UsageError(`--redis-url must be a redis:// URL such as redis://127.0.0.1:6379, got "${redisUrl}"`);
  const concurrency = (values.concurrency ?? (inventory ? '1,16' : soak ? '64' : '1,16,64'))
    .split(',')
    .map((c) => wholeNumber('--concurrency', c.trim(), 1, 1000));
  return {
    // Ascending, so the peak RSS read after the last level is the peak under the heaviest load.
    concurrency: [...new Set(concurrency)].sort((a, b) => a - b),
    requests: wholeNumber('--requests', values.requests ?? String(soak ? SOAK_REQUESTS : 300), 1, 10_000_000),
    latencyMs: wholeNumber('--latency', values.latency ?? '50', 0, 60_000),
    starts: wholeNumber('--starts', values.starts ?? '5', 1, 100),
    profile: values.profile ?? false,
    bonus: !(values['judged-only'] ?? false),
    fromSource: values['from-source'] ?? false,
    trunkbotEnv: checkTrunkbotEnv(Object.fromEntries((values['trunkbot-env'] ?? []).map(keyValue))),
    burst,
    sameQuery: values['same-query'] ?? false,
    inventory,
    // The 120 base trunks carry the London numbers the search mix asks for; beyond them come the /24 ranges.
    trunks: wholeNumber('--trunks', values.trunks ?? String(INVENTORY_TRUNKS), 1_000, 200_000),
    soak,
    redisUrl,
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
