import type { IdentityCache } from '../../src/slack-identity.js';
import { createLogger } from '../../src/log.js';
import { createInventory } from '../../src/inventory/inventory.js';
import { Inflight } from '../../src/pipeline/inflight.js';
import type { BotDeps } from '../../src/pipeline/deps.js';
import type { PageQuery, SourcedPage, TrunkSource } from '../../src/resilience/trunk-source.js';
import { createMemoryStore } from '../../src/store/store.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import { createDigestBook } from '../../src/digest/digest-book.js';
import { createWatchBook } from '../../src/watch/watch-book.js';
import { captureLogs } from './capture-logs.js';
import { memoryDurable } from './memory-durable.js';
import { aPage, aTrunk } from './trunks.js';

/** A trunk source that answers from memory (or with `fail`) and records every query. */
export function fakeTrunks(
  answer: (query: PageQuery) => Promise<SourcedPage> = async () => ({
    ...aPage([aTrunk()]),
    latencyMs: 5,
    fetchedAt: 1_700_000_000_000,
  }),
) {
  const queries: PageQuery[] = [];
  const source: TrunkSource = {
    queryTrunks(query) {
      queries.push(query);
      return answer(query);
    },
    close: () => undefined,
  };
  return { source, queries };
}

/** Listener deps wired to memory and fakes, with the audit lines captured. */
export function fakeDeps(overrides: Partial<BotDeps> = {}) {
  const logs = captureLogs();
  const log = createLogger({ level: 'info', destination: logs.destination });
  const trunks = fakeTrunks();
  const identity: IdentityCache = {
    current: () => ({ botId: 'B1', botUserId: 'UBOT', teamId: 'T1' }),
    refresh: () => undefined,
    resolve: async () => ({ botId: 'B1', botUserId: 'UBOT', teamId: 'T1' }),
  };
  const store = createMemoryStore();
  const source = overrides.trunks ?? trunks.source;
  const deps: BotDeps = {
    log,
    audit: log,
    store,
    trunks: source,
    inventory: createInventory({
      source,
      store,
      log,
      ttlSeconds: 60,
      maxTrunks: 20_000,
      parallel: 2,
      timeZone: 'UTC',
      shared: false,
    }),
    watches: createWatchBook(memoryDurable()),
    digests: createDigestBook(memoryDurable()),
    digestTimeZone: 'UTC',
    inflight: new Inflight(),
    access: { channels: [], users: [], teams: [], contact: 'the support-tools team' },
    perUserPerMinute: 0,
    identity,
    timeZone: 'UTC',
    seal: createButtonSeal('test-secret'),
    ...overrides,
  };
  const audits = () => logs.lines.filter((l) => l.audit === true);
  return { deps, logs, audits, queries: trunks.queries };
}

/** A call recorder standing in for Bolt's `ack`, `respond` or a Web API method. */
export function recorder<A = unknown>(fail?: () => Error) {
  const calls: A[] = [];
  const fn = async (arg?: A) => {
    calls.push(arg as A);
    if (fail) throw fail();
    return { ok: true };
  };
  return Object.assign(fn, { calls });
}
