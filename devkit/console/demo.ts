import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { bulletList, ConfigError } from '../../src/config.js';
import { wholeNumber } from '../cli-flags.js';
import { createMovableClock } from '../sandbox/movable-clock.js';
import { startSandboxWorld, type VendorCredentials } from '../sandbox/sandbox-world.js';
import { DEFAULT_USER_TIME_ZONE } from '../sandbox/slack-users.js';
import { CONSOLE_HELP } from './console-help.js';
import { ConsoleSession } from './console-session.js';
import { removeOnExit } from './remove-on-exit.js';

/** `npm run demo`: the real bot, a sandbox ITNIO API and a Slack stand-in, driven from the terminal. */
async function main(): Promise<number> {
  const env = process.env;
  const interactive = process.stdin.isTTY === true;
  // hasColors() honours NO_COLOR, NODE_DISABLE_COLORS, FORCE_COLOR and TERM=dumb; a pipe has no colours at all.
  const color = process.stdout.isTTY === true && process.stdout.hasColors();
  const write = (line: string) => process.stdout.write(`${line}\n`);
  // `npm run demo | head` closes the pipe early: end quietly, as other commands do, rather than with a stack.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));
  let trunkCount: number | undefined;
  let keepLog = false;
  try {
    const { values } = parseArgs({
      options: { trunks: { type: 'string' }, 'keep-log': { type: 'boolean' } },
      strict: true,
    });
    // The sandbox serves the 120 base trunks unless asked for a large inventory to search.
    trunkCount = values.trunks === undefined ? undefined : wholeNumber('--trunks', values.trunks, 1, 100_000);
    keepLog = values['keep-log'] === true || /^(1|true|yes)$/i.test(env.KEEP_LOG ?? '');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nUsage: npm run demo -- [--trunks N] [--keep-log]\n`);
    return 2;
  }

  const vendor: VendorCredentials | undefined =
    env.ITNIO_API_KEY && env.ITNIO_API_SECRET
      ? {
          apiUrl: env.ITNIO_API_URL || 'https://api.itniotech.com',
          apiKey: env.ITNIO_API_KEY,
          apiSecret: env.ITNIO_API_SECRET,
        }
      : undefined;
  const logFile = join(tmpdir(), `trunkbot-demo-${process.pid}.log`);
  // One file per run: without this, every demo would leave its log behind in the temp directory.
  if (!keepLog) removeOnExit(logFile);
  const botEnv: NodeJS.ProcessEnv = {};
  for (const name of ['ITNIO_TIMEZONE', 'ITNIO_TIMEOUT_MS', 'WATCH_CONFIRM_POLLS', 'ALERT_CHANNEL_ID']) {
    if (env[name]) botEnv[name] = env[name];
  }
  // Alerts within seconds rather than minutes, so `itnio down …` shows one while you watch.
  botEnv.WATCH_INTERVAL_SECONDS = env.WATCH_INTERVAL_SECONDS || '2';

  // `time +1d` moves the bot's (and the sandbox's) clock to show daily digests; the real vendor checks the clock.
  const clock = vendor ? undefined : createMovableClock();
  let world;
  try {
    world = await startSandboxWorld({
      ...(vendor && { vendor }),
      ...(clock && { now: clock.now }),
      ...(trunkCount !== undefined && { sandbox: { trunkCount } }),
      logLevel: env.LOG_LEVEL || 'info',
      logDestination: pino.destination({ dest: logFile, sync: true }),
      env: botEnv,
    });
  } catch (err) {
    const problems = err instanceof ConfigError ? err.problems : [(err as Error).message];
    process.stderr.write(`The demo could not start:\n${bulletList(problems)}\n`);
    return 1;
  }

  write(`trunkbot demo — the real bot on http://127.0.0.1:${world.bot.port}/slack/events, with a Slack stand-in`);
  write(
    vendor
      ? `ITNIO: the REAL vendor API at ${vendor.apiUrl} (key ${vendor.apiKey}) — answers are live data.`
      : `ITNIO: SANDBOX data (${world.sandbox!.trunks.length} made-up trunks) from a fake ITNIO API at ${world.sandbox!.url} — not real trunks.`,
  );
  write(
    `Bot logs: ${logFile} ${keepLog ? '(kept)' : '(removed on exit; start with --keep-log or KEEP_LOG=1 to keep it)'}`,
  );
  for (const line of CONSOLE_HELP) write(line);

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  const session = new ConsoleSession({
    world,
    write,
    style: { color },
    ...(!vendor && { dataLabel: 'SANDBOX DATA' }),
    ...(clock && {
      time: { clock, runDue: () => world.bot.digests.runDue(), timeZone: DEFAULT_USER_TIME_ZONE },
    }),
    // An alert arrives on its own, between inputs: draw the prompt again under it.
    onUnpromptedOutput: () => {
      if (interactive) rl.prompt(true);
    },
  });
  rl.setPrompt('trunks> ');
  if (interactive) rl.prompt();
  try {
    for await (const line of rl) {
      // Piped input is echoed, so a transcript shows what was typed.
      if (!interactive && line.trim() !== '') write(`\n> ${line}`);
      if ((await session.handle(line)) === 'quit') break;
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
    session.close();
    await world.close();
  }
  write('Bye.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`The demo stopped unexpectedly: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
