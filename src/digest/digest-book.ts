import type { DurableStore } from '../store/durable.js';
import { DURABLE_KEY } from '../store/keys.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** A channel's daily summary: at one local time each day, the trunks down, disabled and changed. */
export interface Digest {
  /** The channel it posts in; a channel has one digest, so this is also its id. */
  channel: string;
  /** Who set it up (a user ID). */
  createdBy: string;
  /** When it was set up, by the bot's clock: days due before that are not owed. */
  createdAt: number;
  /** The local time it posts at, `HH:MM`. */
  time: string;
  /** IANA zone the time is in: the creator's Slack zone, or DIGEST_TIMEZONE. */
  timeZone: string;
  /** `user` when the zone is the creator's own, `default` when Slack did not say and DIGEST_TIMEZONE stood in. */
  zoneFrom: 'user' | 'default';
  /** The filters in canonical query words (`outgoing acme`); empty for every trunk. */
  query: string;
  request: TrunkRequest;
  /** Set when Slack said the channel is gone or the bot was removed: no digests until it is set up again. */
  disabled?: { reason: string; at: number };
}

/** The last digest sent to a channel, or the one being sent: written before and after each post. */
export interface DigestSend {
  /** The local day it was due on in the digest's zone (`2026-03-05`): one post per channel per day. */
  day: string;
  dueAt: number;
  /** Posts tried for that day; each is counted before it is sent. */
  attempts: number;
  /** Set once Slack took it: the day is done. */
  postedAt?: number;
  ts?: string;
  /** The day was over (or tried too often) before it could be posted: not posted, and not tried again. */
  skipped?: 'missed' | 'given_up';
}

/** Every channel's digest, and what was last sent to each, in the durable store. */
export interface DigestBook {
  all(): Promise<Digest[]>;
  get(channel: string): Promise<Digest | undefined>;
  /** Sets the channel's digest, replacing any; returns the one replaced. */
  set(digest: Digest): Promise<Digest | undefined>;
  /** Puts a channel back as it was before `set` (the confirmation could not be posted). */
  restore(channel: string, previous: Digest | undefined): Promise<void>;
  remove(channel: string): Promise<Digest | undefined>;
  /** Pauses the channel's digest: Slack will not let the bot post there. */
  disable(channel: string, reason: string, at: number): Promise<boolean>;
  /** What was last sent to each channel, by channel. */
  sends(): Promise<Map<string, DigestSend>>;
  send(channel: string): Promise<DigestSend | undefined>;
  recordSend(channel: string, send: DigestSend): Promise<void>;
}

function parse<T>(json: string | undefined): T | undefined {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

/** The digest book on `store`: digests and sends are records keyed by channel, so channels never overwrite each other. */
export function createDigestBook(store: DurableStore): DigestBook {
  const digests = async () => {
    const records = await store.records(DURABLE_KEY.digests);
    return new Map(
      [...records].flatMap(([channel, json]) => {
        const digest = parse<Digest>(json);
        return digest ? [[channel, digest] as const] : [];
      }),
    );
  };
  const put = (digest: Digest) => store.putRecord(DURABLE_KEY.digests, digest.channel, JSON.stringify(digest));

  return {
    async all() {
      return [...(await digests()).values()].sort((a, b) => a.createdAt - b.createdAt);
    },
    async get(channel) {
      return (await digests()).get(channel);
    },
    async set(digest) {
      const previous = (await digests()).get(digest.channel);
      await put(digest);
      return previous;
    },
    async restore(channel, previous) {
      if (previous) await put(previous);
      else await store.deleteRecord(DURABLE_KEY.digests, channel);
    },
    async remove(channel) {
      const previous = (await digests()).get(channel);
      if (previous) await store.deleteRecord(DURABLE_KEY.digests, channel);
      return previous;
    },
    async disable(channel, reason, at) {
      const digest = (await digests()).get(channel);
      if (!digest || digest.disabled) return false;
      await put({ ...digest, disabled: { reason, at } });
      return true;
    },
    async sends() {
      const records = await store.records(DURABLE_KEY.digestSends);
      return new Map(
        [...records].flatMap(([channel, json]) => {
          const send = parse<DigestSend>(json);
          return send ? [[channel, send] as const] : [];
        }),
      );
    },
    async send(channel) {
      return (await this.sends()).get(channel);
    },
    async recordSend(channel, send) {
      await store.putRecord(DURABLE_KEY.digestSends, channel, JSON.stringify(send));
    },
  };
}
