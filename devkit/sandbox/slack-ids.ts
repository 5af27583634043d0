import { randomBytes } from 'node:crypto';

/** The made-up workspace the sandbox's requests come from, and who sends them unless told otherwise. */
export const SANDBOX_WORKSPACE = {
  // Slack still sends the deprecated verification token; Bolt ignores it in favour of the signature.
  verificationToken: 'sandbox-verification-token',
  teamDomain: 'trunkbot-sandbox',
  userId: 'U0SUPPORT1',
  userName: 'support.engineer',
  channelId: 'C0INCIDENT',
  channelName: 'incident-123',
};

let lastTsMicros = 0;

/** A Slack message timestamp (`seconds.micros`), never the same twice in this process. */
export function nextTs(): string {
  lastTsMicros = Math.max(Date.now() * 1000, lastTsMicros + 1);
  return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, '0')}`;
}

const digits = (count: number): string => Array.from(randomBytes(count), (b) => String(b % 10)).join('');

/** A fresh trigger_id in Slack's shape: `digits.digits.32 hex`. */
export function newTriggerId(): string {
  return `${digits(13)}.${digits(11)}.${randomBytes(16).toString('hex')}`;
}

/** A fresh Slack-style id such as `Ev0A1B2C3D4E` for the given prefix. */
export function newSlackId(prefix: string): string {
  return prefix + randomBytes(8).toString('hex').toUpperCase().slice(0, 10);
}

/**
 * The id of the bot's direct-message conversation with a user (the app's Messages tab): Slack posts a
 * message sent to a user ID there and answers with this `D…` id. Stable per user, as in Slack.
 */
export function dmChannelOf(userId: string): string {
  return `D${userId.slice(1)}`;
}

/** Whether `channel` is a user ID, which chat.postMessage takes as "the bot's DM with that user". */
export function isUserId(channel: unknown): channel is string {
  return typeof channel === 'string' && /^[UW][A-Z0-9]{2,30}$/.test(channel);
}
