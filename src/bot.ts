import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { CheckResult } from './doctor/check.js';
import { buttonSealSecretOf, type Config, slackModeOf } from './config.js';
import { createItnioClient, queryDeadlineMs } from './itnio/client.js';
import { createInventory } from './inventory/inventory.js';
import { errorFields, slackErrorCode, type Logger } from './log.js';
import { Inflight } from './pipeline/inflight.js';
import { countCalls } from './resilience/count-calls.js';
import { limitConcurrency } from './resilience/limit-concurrency.js';
import { protectSource } from './resilience/protect-source.js';
import {
  APP_TOKEN_FIX,
  fetchBotIdentity,
  identityCache,
  SLACK_TOKEN_ERRORS,
  SlackUnreachableError,
  StartupError,
  type BotIdentity,
} from './slack-identity.js';
import { failSafeStore } from './store/fail-safe-store.js';
import { createMemoryStore, type Store } from './store/store.js';
import type { DurableStore } from './store/durable.js';
import { createButtonSeal } from './trunks/button-seal.js';
import type { DigestPoster } from './digest/digest-poster.js';
import { createStandingJobs } from './standing-jobs.js';
import type { Poller } from './watch/poller.js';

/** A started bot and how to stop it gracefully. */
export interface RunningBot {
  /** HTTP port actually bound (health route; Slack requests too in HTTP mode). */
  port: number;
  /** From auth.test at start; undefined when Slack could not be reached then. */
  identity: BotIdentity | undefined;
  inflight: Inflight;
  /** Compares snapshots for channel watches (only the lease holder among instances posts). */
  poller: Poller;
  /** Posts daily digests when due (only the lease holder among instances posts). */
  digests: DigestPoster;
  /** The start-up checks (as `npm run doctor` runs them), settled once each is logged; empty when turned off. */
  checks: Promise<readonly CheckResult[]>;
  /** Stops taking requests, lets replies in flight finish (up to `graceMs`), then releases connections. */
  stop(graceMs: number): Promise<{ drained: boolean }>;
}

export interface StartBotOptions {
  log: Logger;
  /** The clock for vendor timestamps and "as of" times; injectable so tests need not wait for time to pass. */
  now?: () => number;
  /** Leave the watch poller's and the digest poster's timers off (tests drive `poller.pollOnce()` and `digests.runDue()`). */
  manualPolling?: boolean;
  /** Run the doctor's checks once ready and log them (default true); they add one call to Slack and to ITNIO. */
  startupChecks?: boolean;
}

/** Verifies the Slack token, builds the app and starts listening (HTTP) or connecting (Socket Mode). */
export async function startBot(
  config: Config,
  { log, now = Date.now, manualPolling = false, startupChecks = true }: StartBotOptions,
): Promise<RunningBot> {
  // auth.test and the stores' first connections are independent waits: run them side by side.
  const [verified, opened, kept] = await Promise.allSettled([
    verifyToken(config, log),
    openStore(config, log),
    openDurable(config, log),
  ]);
  if (verified.status === 'rejected' || opened.status === 'rejected' || kept.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.close();
    if (kept.status === 'fulfilled') await kept.value.close();
    throw [verified, opened, kept].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))[0];
  }
  const identity = verified.value;
  const store = opened.value;
  const durable = kept.value;
  const vendor = countCalls(
    createItnioClient({
      apiUrl: config.itnio.apiUrl,
      apiKey: config.itnio.apiKey,
      apiSecret: config.itnio.apiSecret,
      timeoutMs: config.itnio.timeoutMs,
      now,
    }),
    log,
  );
  // Every ITNIO call, from a page query or a snapshot build, queues for one of the same slots.
  const limited = limitConcurrency(vendor, { max: config.limits.itnioConcurrency, queue: config.limits.itnioQueue });
  const inventory = createInventory({
    source: limited,
    store,
    log,
    ttlSeconds: config.inventory.ttlSeconds,
    maxTrunks: config.inventory.maxTrunks,
    parallel: config.limits.itnioConcurrency,
    timeZone: config.itnio.timeZone,
    shared: config.redisUrl !== undefined,
    now,
  });
  const trunks = protectSource(limited, store, {
    cacheTtlSeconds: config.cacheTtlSeconds,
    ...(config.redisUrl !== undefined && {
      sharedLockSeconds: Math.ceil(queryDeadlineMs(config.itnio.timeoutMs) / 1000),
    }),
  });
  const slackIdentity = identityCache(config, identity, log);
  const inflight = new Inflight();
  const shutdown = new AbortController();
  const seal = createButtonSeal(buttonSealSecretOf(config));
  const { watches, poller, digestBook, digests, stopSending } = createStandingJobs(config, {
    durable,
    inventory,
    seal,
    log,
    now,
  });
  const app = createApp(config, {
    trunks,
    inventory,
    store,
    watches,
    ...(!manualPolling && {
      pollSoon: () => {
        void poller.pollOnce();
      },
    }),
    digests: digestBook,
    digestTimeZone: config.digest.timeZone,
    now,
    inflight,
    log,
    // Audit lines stay on when LOG_LEVEL is warn or error; only `silent` silences them.
    audit: log.child({ component: 'audit' }, { level: config.logLevel === 'silent' ? 'silent' : 'info' }),
    timeZone: config.itnio.timeZone,
    shutdown: shutdown.signal,
    access: config.access,
    perUserPerMinute: config.limits.perUserPerMinute,
    identity: slackIdentity,
    seal,
  });

  let port = config.http.port;
  try {
    if (config.slack.appToken !== undefined) {
      await app.start().catch((err: unknown) => {
        throw appTokenError(err);
      });
    } else {
      const server = (await app.start({
        port: config.http.port,
        ...(config.http.host && { host: config.http.host }),
      })) as Server;
      port = (server.address() as AddressInfo).port;
    }
  } catch (err) {
    // Socket Mode has already opened its health-route server by the time Slack refuses the token.
    await app.stop().catch(() => undefined);
    trunks.close();
    await Promise.all([store.close(), durable.close()]);
    throw err;
  }
  if (!manualPolling) {
    poller.start();
    digests.start();
  }
  log.info(
    {
      mode: slackModeOf(config),
      port,
      team: identity?.teamId,
      itnio: config.itnio.apiUrl,
      watchStore: durable.kind,
    },
    'trunkbot is ready',
  );
  // After listening, never before: the checks (and the clients they load) must not delay start-up or the first acks.
  const checks = startupChecks
    ? import('./doctor/log-startup-checks.js')
        .then(({ logStartupChecks }) => logStartupChecks(config, log.child({ component: 'doctor' }), { now }))
        .catch((err: unknown) => {
          log.error(errorFields(err), 'start-up checks failed to run');
          return [];
        })
    : Promise.resolve([]);

  return {
    port,
    identity,
    inflight,
    poller,
    digests,
    checks,
    async stop(graceMs) {
      await app.stop().catch((err: unknown) => log.warn(errorFields(err), 'stopping the receiver failed'));
      stopSending();
      const polled = Promise.all([poller.stop(), digests.stop()]);
      // Let replies finish; queries still waiting on ITNIO near the end are cut off so their users get an answer.
      const replyMs = Math.min(2_000, graceMs / 4);
      let drained = await inflight.drain(graceMs - replyMs);
      if (!drained) {
        shutdown.abort();
        drained = await inflight.drain(replyMs);
      }
      await polled;
      trunks.close();
      await Promise.all([store.close(), durable.close()]);
      log.info({ drained }, 'trunkbot stopped');
      return { drained };
    },
  };
}

/** Socket Mode's first call (apps.connections.open) refusing the app token, phrased as the fix. */
function appTokenError(err: unknown): unknown {
  const code = slackErrorCode(err);
  if (code === undefined || !SLACK_TOKEN_ERRORS.has(code)) return err;
  return new StartupError(`SLACK_APP_TOKEN was rejected by Slack (${code}): ${APP_TOKEN_FIX}.`, { cause: err });
}

/** auth.test at start: a rejected token stops start-up; an unreachable Slack is verified later instead. */
async function verifyToken(config: Config, log: Logger): Promise<BotIdentity | undefined> {
  try {
    return await fetchBotIdentity(config);
  } catch (err) {
    if (!(err instanceof SlackUnreachableError)) throw err;
    log.warn(errorFields(err), 'starting without verifying the Slack token; it will be verified on the first request');
    return undefined;
  }
}

/** Watches and alert state: in Redis when REDIS_URL is set (shared by every instance), else files under DATA_DIR. */
async function openDurable(config: Config, log: Logger): Promise<DurableStore> {
  if (config.redisUrl === undefined) {
    const { createFileDurable } = await import('./store/file-durable.js');
    return createFileDurable({ dir: config.watch.dataDir });
  }
  const { createRedisDurable } = await import('./store/redis.js');
  const redis = await createRedisDurable({ url: config.redisUrl, prefix: config.redisPrefix });
  if (!redis.ready)
    log.warn({ store: 'redis' }, 'watches are kept in Redis, which is not reachable yet: polls wait for it');
  return redis;
}

/** Redis when REDIS_URL is set (wrapped so an outage degrades to per-instance memory), else memory. */
async function openStore(config: Config, log: Logger): Promise<Store> {
  if (config.redisUrl === undefined) return createMemoryStore();
  // Loaded only when configured: the Redis client is a noticeable share of start-up time.
  const { createRedisStore } = await import('./store/redis.js');
  const redis = await createRedisStore({ url: config.redisUrl, prefix: config.redisPrefix });
  if (redis.ready) log.info({ store: 'redis' }, 'shared store connected');
  else log.warn({ store: 'redis' }, 'shared store not reachable at start; using this instance’s memory until it is');
  return failSafeStore(redis, log);
}
