import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createItnioClient, queryDeadlineMs } from './itnio/client.js';
import { createInventory } from './inventory/inventory.js';
import { errorFields, type Logger } from './log.js';
import { Inflight } from './pipeline/inflight.js';
import { countCalls } from './resilience/count-calls.js';
import { limitConcurrency } from './resilience/limit-concurrency.js';
import { protectSource } from './resilience/protect-source.js';
import { fetchBotIdentity, identityCache, SlackUnreachableError, type BotIdentity } from './slack-identity.js';
import { failSafeStore } from './store/fail-safe-store.js';
import { createMemoryStore, type Store } from './store/store.js';
import { createButtonSeal } from './trunks/button-seal.js';

/** A started bot and how to stop it gracefully. */
export interface RunningBot {
  /** HTTP port actually bound (health route; Slack requests too in HTTP mode). */
  port: number;
  /** From auth.test at start; undefined when Slack could not be reached then. */
  identity: BotIdentity | undefined;
  inflight: Inflight;
  /** Stops taking requests, lets replies in flight finish (up to `graceMs`), then releases connections. */
  stop(graceMs: number): Promise<{ drained: boolean }>;
}

export interface StartBotOptions {
  log: Logger;
  /** The clock for vendor timestamps and "as of" times; injectable so tests need not wait for time to pass. */
  now?: () => number;
}

/** Verifies the Slack token, builds the app and starts listening (HTTP) or connecting (Socket Mode). */
export async function startBot(config: Config, { log, now = Date.now }: StartBotOptions): Promise<RunningBot> {
  // auth.test and the store's first connection are independent waits: run them side by side.
  const [verified, opened] = await Promise.allSettled([verifyToken(config, log), openStore(config, log)]);
  if (verified.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.close();
    throw verified.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  const identity = verified.value;
  const store = opened.value;
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
  const app = createApp(config, {
    trunks,
    inventory,
    store,
    inflight,
    log,
    // Audit lines stay on when LOG_LEVEL is warn or error; only `silent` silences them.
    audit: log.child({ component: 'audit' }, { level: config.logLevel === 'silent' ? 'silent' : 'info' }),
    timeZone: config.itnio.timeZone,
    shutdown: shutdown.signal,
    access: config.access,
    perUserPerMinute: config.limits.perUserPerMinute,
    identity: slackIdentity,
    seal: createButtonSeal(config.slack.signingSecret ?? config.slack.appToken ?? config.slack.botToken),
  });

  let port = config.http.port;
  if (config.slack.appToken !== undefined) {
    await app.start();
  } else {
    const server = (await app.start({
      port: config.http.port,
      ...(config.http.host && { host: config.http.host }),
    })) as Server;
    port = (server.address() as AddressInfo).port;
  }
  log.info(
    { mode: config.slack.appToken ? 'socket' : 'http', port, team: identity?.teamId, itnio: config.itnio.apiUrl },
    'trunkbot is ready',
  );

  return {
    port,
    identity,
    inflight,
    async stop(graceMs) {
      await app.stop().catch((err: unknown) => log.warn(errorFields(err), 'stopping the receiver failed'));
      // Let replies finish; queries still waiting on ITNIO near the end are cut off so their users get an answer.
      const replyMs = Math.min(2_000, graceMs / 4);
      let drained = await inflight.drain(graceMs - replyMs);
      if (!drained) {
        shutdown.abort();
        drained = await inflight.drain(replyMs);
      }
      trunks.close();
      await store.close();
      log.info({ drained }, 'trunkbot stopped');
      return { drained };
    },
  };
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

/** Redis when REDIS_URL is set (wrapped so an outage degrades to per-instance memory), else memory. */
async function openStore(config: Config, log: Logger): Promise<Store> {
  if (config.redisUrl === undefined) return createMemoryStore();
  // Loaded only when configured: the Redis client is a noticeable share of start-up time.
  const { createRedisStore } = await import('./store/redis-store.js');
  const redis = await createRedisStore({ url: config.redisUrl, prefix: config.redisPrefix });
  if (redis.ready) log.info({ store: 'redis' }, 'shared store connected');
  else log.warn({ store: 'redis' }, 'shared store not reachable at start; using this instance’s memory until it is');
  return failSafeStore(redis, log);
}
