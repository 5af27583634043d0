import type { IndexedSnapshot, Inventory } from '../../src/inventory/inventory.js';
import { createLogger } from '../../src/log.js';
import type { DurableStore } from '../../src/store/durable.js';
import { createButtonSeal } from '../../src/trunks/button-seal.js';
import type { SlackMessage } from '../../src/trunks/message.js';
import type { Trunk } from '../../src/trunks/trunk.js';
import { indexTrunks } from '../../src/trunks/trunk-index.js';
import type { AlertSender, Sent } from '../../src/watch/alert-sender.js';
import { createPoller } from '../../src/watch/poller.js';
import { createWatchBook } from '../../src/watch/watch-book.js';
import { memoryDurable } from './memory-durable.js';

export const CHANNEL = 'C0WATCH';

/** A clock the test moves. */
export function fakeClock(start = Date.UTC(2026, 0, 5, 14, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** ITNIO as a list the test edits; each get() is a fresh snapshot at the clock's time. */
export function fakeInventory(now: () => number, trunks: Trunk[]) {
  const state = { trunks, fail: false };
  const inventory: Inventory = {
    // Every get() is a fresh snapshot: there is never one to reuse.
    peek: async () => ({ state: 'stale' }),
    async get(): Promise<IndexedSnapshot> {
      if (state.fail) throw Object.assign(new Error('ITNIO down'), { code: 'itnio_unreachable' });
      return {
        trunks: state.trunks,
        fetchedAt: now(),
        unreadable: 0,
        total: state.trunks.length,
        index: indexTrunks(state.trunks, 'UTC'),
      };
    },
  };
  return { inventory, state };
}

export interface SentCall {
  kind: 'post' | 'update';
  channel: string;
  ts: string;
  threadTs?: string;
  message: SlackMessage;
}

/** A sender that records every call; `next` lets a test script the outcome of the next calls. */
export function recordingSender() {
  const calls: SentCall[] = [];
  const scripted: Array<() => Promise<Sent>> = [];
  let n = 0;
  const sender: AlertSender = {
    async post(channel, message, threadTs) {
      const script = scripted.shift();
      if (script) return script();
      n += 1;
      const ts = `1700000000.${String(n).padStart(6, '0')}`;
      calls.push({ kind: 'post', channel, ts, message, ...(threadTs !== undefined && { threadTs }) });
      return { ok: true, ts };
    },
    async update(channel, ts, message) {
      calls.push({ kind: 'update', channel, ts, message });
      return { ok: true, ts };
    },
  };
  const topLevel = () => calls.filter((c) => c.kind === 'post' && c.threadTs === undefined);
  return { sender, calls, scripted, topLevel };
}

/** A poller on `durable` with one watch of every trunk in CHANNEL. */
export async function pollerOn(options: {
  durable?: DurableStore;
  inventory: Inventory;
  sender: AlertSender;
  now: () => number;
  confirmPolls?: number;
  intervalMs?: number;
}) {
  const durable = options.durable ?? memoryDurable(options.now);
  const book = createWatchBook(durable);
  if ((await book.all()).length === 0) {
    await book.add({ channel: CHANNEL, createdBy: 'U0ALICE', query: '', request: { page: 1 } }, options.now());
  }
  const poller = createPoller({
    inventory: options.inventory,
    durable,
    book,
    sender: options.sender,
    log: createLogger({ level: 'silent' }),
    seal: createButtonSeal('test-secret'),
    intervalMs: options.intervalMs ?? 1_000,
    confirmPolls: options.confirmPolls ?? 2,
    timeZone: 'UTC',
    now: options.now,
  });
  return { poller, durable, book };
}
