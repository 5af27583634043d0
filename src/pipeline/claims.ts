import { STORE_KEY } from '../store/keys.js';
import type { Outcome } from './outcome.js';

/** A one-time mark: a request whose claim is already taken has been handled and is dropped. */
export interface Claim {
  key: string;
  ttlSeconds: number;
  /** The audit outcome of a request dropped by this claim. */
  duplicate: Outcome;
  /** Freed again when the request does not succeed, so the user can simply try again. */
  releaseOnFailure?: boolean;
}

// Slack never reuses a trigger_id; seeing one twice means the signed request was replayed.
const TRIGGER_MEMORY_SECONDS = 10 * 60;
// Slack retries an event for up to ~1 hour; remembering ids a little longer makes a retry a no-op.
const EVENT_MEMORY_SECONDS = 2 * 60 * 60;
const SHARE_MEMORY_SECONDS = 60;
// A large export takes seconds; a second click meanwhile, or just after, would upload the same file again.
const EXPORT_MEMORY_SECONDS = 60;

/** A slash command's or click's trigger_id (none when Slack sent none). */
export function triggerClaim(triggerId: string | undefined): Claim[] {
  if (triggerId === undefined || triggerId === '') return [];
  return [{ key: STORE_KEY.trigger(triggerId), ttlSeconds: TRIGGER_MEMORY_SECONDS, duplicate: 'replay_ignored' }];
}

/** An Events API delivery: Slack's retries (on any instance, with Redis) are answered once. */
export function eventClaim(eventId: string): Claim[] {
  return [{ key: STORE_KEY.event(eventId), ttlSeconds: EVENT_MEMORY_SECONDS, duplicate: 'duplicate_event' }];
}

/** One Share of one message by one user: a double click posts once; a failed share may be retried. */
export function shareClaim(user: string, messageTs: string, value: string): Claim[] {
  return [
    {
      key: STORE_KEY.share(user, messageTs, value),
      ttlSeconds: SHARE_MEMORY_SECONDS,
      duplicate: 'duplicate_share',
      releaseOnFailure: true,
    },
  ];
}

/** One Export CSV click on one message by one user: a double click uploads once; a failed export may be retried. */
export function exportClaim(user: string, messageTs: string, value: string): Claim[] {
  return [
    {
      key: STORE_KEY.export(user, messageTs, value),
      ttlSeconds: EXPORT_MEMORY_SECONDS,
      duplicate: 'duplicate_export',
      releaseOnFailure: true,
    },
  ];
}
