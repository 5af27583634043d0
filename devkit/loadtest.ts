import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { wholeNumber } from './cli-flags.js';
import { bulletList, ConfigError } from '../src/config.js';
import { percentile } from './bench/summarize-run.js';
import { startSandboxWorld, type SandboxWorld } from './sandbox/sandbox-world.js';
import type { SlackActivity } from './sandbox/slack-stand-in.js';

const USAGE = `Usage: npm run loadtest -- [options]

Starts the real bot on loopback with the sandbox ITNIO API and a Slack stand-in, sends signed
/trunks commands from many users at once, and prints ack and reply latencies.

Options:
  --requests N      slash commands to send (default 500)
  --concurrency C   commands in flight at once (default 32)
  --latency MS      added latency of the sandbox ITNIO API (default 50)
  --users U         distinct user ids to spread commands over (default: requests / 10, so
                    nobody exceeds the default per-user rate limit)
  --same            send the same filter every time instead of a mix
  --no-rate-limit   start the bot with RATE_LIMIT_PER_USER=0
  --help            show this help`;

// A mix of what support engineers type; the sandbox seeds matches for each name.
const FILTERS = ['', 'outgoing', 'incoming', 'acme', 'out acme', 'in name:globex', 'type:1 page:2', 'hooli', 'umbrella'];
const SAME_FILTER = 'outgoing acme';
const REPLY_WAIT_MS = 20_000;
// Bolt answers the HTTP request at ack(); anything slower than this is counted as an error.
const ACK_TIMEOUT_MS = 10_000;

interface Options { requests: number; concurrency: number; latencyMs: number; users: number; same: boolean; noRateLimit: boolean }

function readCli(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      latency: { type: 'string' },
      users: { type: 'string' },
      same: { type: 'boolean' },
      'no-rate-limit': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const requests = wholeNumber('--requests', values.requests ?? '500', 1);
  return {
    requests,
    concurrency: wholeNumber('--concurrency', values.concurrency ?? '32', 1),
    latencyMs: wholeNumber('--latency', values.latency ?? '50', 0),
    users: wholeNumber('--users', values.users ?? String(Math.ceil(requests / 10)), 1),
    same: values.same ?? false,
    noRateLimit: values['no-rate-limit'] ?? false,
  };
}

type ReplyKind = 'list' | 'warning' | 'other';

/** A trunk page starts with a header block; errors start with :warning:, refusals (access, rate limit) with :no_entry:. */
function classifyReply(body: Record<string, unknown>): ReplyKind {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as { type?: unknown; text?: { text?: unknown } }[]) : [];
  if (blocks[0]?.type === 'header') return 'list';
  const warned = blocks.some((b) => b.type === 'section' && typeof b.text?.text === 'string' && /^:(warning|no_entry):/.test(b.text.text));
  return warned ? 'warning' : 'other';
}

interface Sent { startedAt: number; ackMs?: number; status?: number; error?: string; replyMs?: number; replyKind?: ReplyKind; replyText?: string }

interface Report {
  sent: Sent[];
  durationMs: number;
  itnioCalls: number;
  extraReplies: number;
  peakRssMb: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

async function drive(world: SandboxWorld, options: Options): Promise<Report> {
  const sandbox = world.sandbox!;
  const sent: Sent[] = [];
  const byResponseId = new Map<string, Sent>();
  let extraReplies = 0;
  let replied = 0;
  let lastEventAt = 0;
  let allReplied: () => void = () => {};
  const stopListening = world.slack.onActivity((event: SlackActivity) => {
    if (event.kind !== 'response') return;
    const entry = byResponseId.get(event.response.id);
    if (!entry) return;
    if (entry.replyMs !== undefined) {
      extraReplies += 1;
      return;
    }
    lastEventAt = performance.now();
    entry.replyMs = lastEventAt - entry.startedAt;
    entry.replyKind = classifyReply(event.response.body);
    if (entry.replyKind !== 'list') entry.replyText = String(event.response.body.text ?? '').slice(0, 90);
    replied += 1;
    if (replied === options.requests) allReplied();
  });

  // One command first so JIT, Bolt's auth lookup and keep-alive sockets are warm; it is not counted.
  const warmUrl = world.slack.newResponseUrl();
  await world.sender.slashCommand({ text: '', responseUrl: warmUrl, userId: 'U0LOADWARM', channelId: 'C0LOADTEST' });
  await world.slack.waitForResponse((r) => warmUrl.endsWith(r.id), 5_000);
  const callsBefore = sandbox.requests.length;

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);

  const firstSendAt = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const i = next++;
      const responseUrl = world.slack.newResponseUrl();
      const entry: Sent = { startedAt: performance.now() };
      sent.push(entry);
      byResponseId.set(responseUrl.slice(responseUrl.lastIndexOf('/') + 1), entry);
      let timer: NodeJS.Timeout | undefined;
      try {
        const ack = world.sender.slashCommand({
          text: options.same ? SAME_FILTER : FILTERS[i % FILTERS.length]!,
          responseUrl,
          userId: `U0LOAD${String((i % options.users) + 1).padStart(4, '0')}`,
          channelId: 'C0LOADTEST',
        });
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no ack within ${ACK_TIMEOUT_MS} ms`)), ACK_TIMEOUT_MS);
        });
        const result = await Promise.race([ack, timeout]);
        entry.status = result.status;
        if (result.status !== 200) entry.error = `HTTP ${result.status}`;
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        entry.error = cause?.code ?? (err as Error).message;
      } finally {
        clearTimeout(timer);
      }
      entry.ackMs = performance.now() - entry.startedAt;
      lastEventAt = Math.max(lastEventAt, performance.now());
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests) }, worker));

  let waitTimer: NodeJS.Timeout | undefined;
  await Promise.race([
    new Promise<void>((resolve) => {
      allReplied = resolve;
      if (replied === options.requests) resolve();
    }),
    new Promise<void>((resolve) => {
      waitTimer = setTimeout(resolve, REPLY_WAIT_MS);
    }),
  ]);
  clearTimeout(waitTimer);
  clearInterval(sampler);
  loopDelay.disable();
  stopListening();
  return {
    sent,
    durationMs: lastEventAt - firstSendAt,
    itnioCalls: sandbox.requests.length - callsBefore,
    extraReplies,
    peakRssMb: peakRss / 2 ** 20,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
  };
}

const ms = (n: number): string => (Number.isNaN(n) ? '-' : `${n.toFixed(1)} ms`);

/** `value×count`, most frequent first. */
function tally(items: (string | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) if (item !== undefined) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`);
}

const countBy = (items: (string | undefined)[]): string => tally(items).join(', ') || 'none';

function formatReport(options: Options, report: Report, botEnv: string, logFile: string): string {
  const { sent } = report;
  const acks = sent.map((s) => s.ackMs!).sort((a, b) => a - b);
  const replies = sent.flatMap((s) => (s.replyMs === undefined ? [] : [s.replyMs])).sort((a, b) => a - b);
  const errors = sent.filter((s) => s.error !== undefined);
  const kinds = (kind: ReplyKind) => sent.filter((s) => s.replyKind === kind).length;
  const cpu = cpus();
  const rows: [string, string][] = [
    ['requests', String(options.requests)],
    ['concurrency', String(options.concurrency)],
    ['distinct users', String(Math.min(options.users, options.requests))],
    ['filters', options.same ? `same ("${SAME_FILTER}")` : `mix of ${FILTERS.length}`],
    ['sandbox latency', `${options.latencyMs} ms`],
    ['bot env', botEnv],
    ['duration', ms(report.durationMs)],
    ['throughput', `${(options.requests / (report.durationMs / 1000)).toFixed(1)} req/s`],
    ['ack p50 / p90', `${ms(percentile(acks, 50))} / ${ms(percentile(acks, 90))}`],
    ['ack p99 / max', `${ms(percentile(acks, 99))} / ${ms(acks.at(-1) ?? NaN)}`],
    ['end-to-end p50 / p99', `${ms(percentile(replies, 50))} / ${ms(percentile(replies, 99))}`],
    ['acks by status', countBy(sent.map((s) => (s.status === undefined ? undefined : String(s.status))))],
    ['errors', errors.length === 0 ? '0' : `${errors.length} (${countBy(errors.map((s) => s.error))})`],
    ['replies received', `${replies.length} / ${options.requests} (list ${kinds('list')}, warning ${kinds('warning')}, other ${kinds('other')})`],
    ['duplicate replies', String(report.extraReplies)],
    ['ITNIO calls', String(report.itnioCalls)],
    ['event loop delay p99/max', `${ms(report.loopDelayP99Ms)} / ${ms(report.loopDelayMaxMs)}`],
    ['peak RSS', `${report.peakRssMb.toFixed(0)} MB`],
    ['node', process.version],
    ['cpu', `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  const notices = tally(sent.map((s) => s.replyText)).slice(0, 5);
  if (notices.length > 0) lines.push('', '  non-list replies (first 90 chars):', ...notices.map((n) => `    ${n}`));
  lines.push('', `  bot logs: ${logFile}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = readCli(process.argv.slice(2));
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    process.stderr.write(`loadtest: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const env: NodeJS.ProcessEnv = options.noRateLimit ? { RATE_LIMIT_PER_USER: '0' } : {};
  const logFile = join(tmpdir(), `trunkbot-loadtest-${process.pid}.log`);
  let world: SandboxWorld;
  try {
    world = await startSandboxWorld({
      sandbox: { latencyMs: options.latencyMs },
      env,
      logLevel: 'info',
      // Synchronous like the production logger on stdout, but into a file so the console stays readable.
      logDestination: pino.destination({ dest: logFile, sync: true }),
    });
  } catch (err) {
    const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
    process.stderr.write(`loadtest: the bot could not start:\n${bulletList(problems)}\n`);
    return 1;
  }

  const { limits, itnio } = world.config;
  const overrides = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults';
  const botEnv = `${overrides} (rate limit ${limits.perUserPerMinute}/user/min, ITNIO concurrency ${limits.itnioConcurrency}, queue ${limits.itnioQueue}, timeout ${itnio.timeoutMs} ms)`;
  process.stdout.write(`loadtest: ${options.requests} commands, ${options.concurrency} at a time, ITNIO sandbox +${options.latencyMs} ms…\n`);
  try {
    const report = await drive(world, options);
    process.stdout.write(`\n${formatReport(options, report, botEnv, logFile)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`loadtest: the run failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await world.close();
  }
}

process.exitCode = await main();
