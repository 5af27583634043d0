import { existsSync } from 'node:fs';
import { startBot, type RunningBot } from './bot.js';
import { bulletList, ConfigError, loadConfig, secretsOf } from './config.js';
import { createLogger, errorFields } from './log.js';
import { StartupError } from './slack-identity.js';

const SHUTDOWN_GRACE_MS = 8_000;

/** Process entry: load config, start the bot, stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  // Operators may keep settings in ./.env (see .env.example); variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(
        `trunkbot cannot start:\n${bulletList(err.problems)}\nSee .env.example and the README for every setting.\n`,
      );
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });

  // A signal during start-up (a deploy replaced the bot at once) ends the process: nothing is in flight yet.
  let bot: RunningBot | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, inFlight: bot?.inflight.size ?? 0 }, 'shutting down');
    if (!bot) process.exit(0);
    bot.stop(SHUTDOWN_GRACE_MS).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    log.error(errorFields(reason), 'unhandled rejection');
  });

  try {
    bot = await startBot(config, { log });
  } catch (err) {
    // A StartupError is phrased as the operator's fix; anything else is a bug and is logged with its stack.
    const message = err instanceof StartupError ? err.message : `unexpected error: ${(err as Error).message}`;
    log.fatal(err instanceof StartupError ? { error: { message } } : errorFields(err), 'trunkbot cannot start');
    process.stderr.write(`trunkbot cannot start: ${message}\n`);
    process.exit(1);
  }
}

void main();
