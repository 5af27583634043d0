import { randomUUID } from 'node:crypto';
import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** A channel's subscription to changes of the trunks a request matches. */
export interface Watch {
  id: string;
  channel: string;
  /** Who set it up (a user ID), or `operator` for ALERT_CHANNEL_ID. */
  createdBy: string;
  createdAt: number;
  /** The filters in canonical query words (`outgoing acme`); empty for every trunk. */
  query: string;
  request: TrunkRequest;
  /** Set when Slack said the channel is gone or the bot was removed: no alerts until it is set up again. */
  disabled?: { reason: string; at: number };
}

/** The operator's standing watch of every trunk, from configuration rather than the store. */
export const OPERATOR = 'operator';

/** A channel may hold this many watches; more would be noise no one reads. */
export const MAX_WATCHES_PER_CHANNEL = 20;

/** The watches of every channel, kept in the durable store. */
export interface WatchBook {
  /** Every watch, the operator's first; disabled ones included. */
  all(): Promise<Watch[]>;
  /** A channel's watches, oldest first: the numbers `/trunks unwatch N` refers to. */
  ofChannel(channel: string): Promise<Watch[]>;
  /**
   * Adds a watch, or re-enables the channel's paused one with the same filters (`paused` is how it was);
   * `existing` when it was already there and active.
   */
  add(watch: Omit<Watch, 'id' | 'createdAt'>, at: number): Promise<{ watch: Watch; existing: boolean; paused?: Watch }>;
  /** Puts a watch back as it was (a re-enabled one whose confirmation Slack refused). */
  restore(watch: Watch): Promise<void>;
  remove(watch: Watch): Promise<boolean>;
  /** Disables every watch of a channel Slack will not let the bot post in; returns how many. */
  disableChannel(channel: string, reason: string, at: number): Promise<number>;
}

/** The watch book on `store`; `alertChannel` (ALERT_CHANNEL_ID) adds the operator's watch of every trunk. */
export function createWatchBook(store: DurableStore, alertChannel?: string): WatchBook {
  // The operator's watch lives in configuration; only whether Slack refused its channel is remembered here.
  let operatorDisabled: Watch['disabled'];
  const operator = (): Watch[] =>
    alertChannel === undefined
      ? []
      : [
          {
            id: OPERATOR,
            channel: alertChannel,
            createdBy: OPERATOR,
            createdAt: 0,
            query: '',
            request: { page: 1 },
            ...(operatorDisabled && { disabled: operatorDisabled }),
          },
        ];
  const stored = async (): Promise<Watch[]> => {
    const records = await store.records(DURABLE_KEY.watches);
    return [...records.values()]
      .flatMap((json) => {
        try {
          return [JSON.parse(json) as Watch];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  };

  return {
    async all() {
      return [...operator(), ...(await stored())];
    },
    async ofChannel(channel) {
      return (await this.all()).filter((w) => w.channel === channel);
    },
    async add(watch, at) {
      const same = (await stored()).find((w) => w.channel === watch.channel && w.query === watch.query);
      if (same) {
        if (!same.disabled) return { watch: same, existing: true };
        const { disabled: _, ...enabled } = same;
        const renewed: Watch = { ...enabled, createdBy: watch.createdBy };
        await store.putRecord(DURABLE_KEY.watches, renewed.id, JSON.stringify(renewed));
        return { watch: renewed, existing: false, paused: same };
      }
      const created: Watch = { ...watch, id: randomUUID().slice(0, 8), createdAt: at };
      await store.putRecord(DURABLE_KEY.watches, created.id, JSON.stringify(created));
      return { watch: created, existing: false };
    },
    async restore(watch) {
      if (watch.id !== OPERATOR) await store.putRecord(DURABLE_KEY.watches, watch.id, JSON.stringify(watch));
    },
    async remove(watch) {
      return watch.id !== OPERATOR && store.deleteRecord(DURABLE_KEY.watches, watch.id);
    },
    async disableChannel(channel, reason, at) {
      let count = 0;
      if (alertChannel === channel && !operatorDisabled) {
        operatorDisabled = { reason, at };
        count += 1;
      }
      for (const watch of await stored()) {
        if (watch.channel !== channel || watch.disabled) continue;
        await store.putRecord(DURABLE_KEY.watches, watch.id, JSON.stringify({ ...watch, disabled: { reason, at } }));
        count += 1;
      }
      return count;
    },
  };
}
