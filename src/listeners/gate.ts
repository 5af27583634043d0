import { checkAccess } from '../guard/access-policy.js';
import { checkRateLimit } from '../guard/rate-limit.js';
import type { SlackMessage } from '../trunks/message.js';
import { renderNotice } from '../trunks/render-notice.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { AuditRecord, BotDeps, Origin } from './deps.js';

/** Why a request was turned away, with the words the user sees (mrkdwn written by us or the operator). */
export interface Refusal {
  outcome: string;
  message: string;
}

// Slack never reuses a trigger_id; seeing one twice means the request was replayed.
const TRIGGER_MEMORY_SECONDS = 10 * 60;

// Slack retries an event for up to ~1 hour; remembering ids a little longer makes a retry a no-op.
const EVENT_MEMORY_SECONDS = 2 * 60 * 60;

/** True the first time a trigger_id is seen; a replayed signed request is ignored without a word. */
export async function firstDelivery(deps: BotDeps, triggerId: string | undefined): Promise<boolean> {
  return triggerId === undefined || triggerId === '' || deps.store.claim(`trigger:${triggerId}`, TRIGGER_MEMORY_SECONDS);
}

/** True the first time an event id is seen (on any instance, with Redis): Slack's retries post once. */
export function firstEventDelivery(deps: BotDeps, eventId: string): Promise<boolean> {
  return deps.store.claim(`event:${eventId}`, EVENT_MEMORY_SECONDS);
}

/** What reading a request produced: something to run, or the private reply that says why not. */
export type Reading<T> = ({ request: TrunkRequest } & T) | { outcome: string; reply: SlackMessage; input?: string };

/**
 * The one definition of an admitted request, for every surface: access first, then reading what was
 * asked (`read`), then the user's rate limit. A request turned away is answered with `whisper` (only
 * the asker sees it) and `record` says why; an admitted one is returned.
 */
export async function admit<T extends object>(
  deps: BotDeps,
  origin: Origin,
  record: AuditRecord,
  whisper: (message: SlackMessage) => Promise<unknown>,
  read: () => Reading<T>,
): Promise<({ request: TrunkRequest } & T) | undefined> {
  const refusal = await refuseAccess(deps, origin);
  if (refusal) {
    record.outcome = refusal.outcome;
    await whisper(renderNotice(refusal.message));
    return undefined;
  }
  const reading = read();
  if ('reply' in reading) {
    record.outcome = reading.outcome;
    if (reading.input !== undefined) record.input = reading.input;
    await whisper(reading.reply);
    return undefined;
  }
  record.request = reading.request;
  const limited = await refuseRate(deps, origin);
  if (limited) {
    record.outcome = limited.outcome;
    await whisper(renderNotice(limited.message));
    return undefined;
  }
  return reading;
}

/**
 * Rule 1: workspace, channel and user allowlists; nothing else runs for a refused request. Without
 * ALLOWED_TEAM_IDS the installed workspace comes from auth.test; if Slack has not told us yet (it was
 * unreachable at start) we wait briefly — this runs after ack — and refuse rather than guess.
 */
export async function refuseAccess(deps: BotDeps, origin: Origin): Promise<Refusal | undefined> {
  const installed = deps.access.teams.length > 0 ? deps.identity.current() : await deps.identity.resolve(IDENTITY_WAIT_MS);
  if (!installed && deps.access.teams.length === 0) {
    return { outcome: 'refused_unverified', message: 'trunkbot is still confirming its workspace with Slack. Try again in a minute.' };
  }
  const decision = checkAccess(deps.access, origin, {
    ...(installed?.teamId && { teamId: installed.teamId }),
    ...(installed?.enterpriseId && { enterpriseId: installed.enterpriseId }),
  });
  return decision.allowed ? undefined : { outcome: `refused_${decision.reason}`, message: decision.message };
}

const IDENTITY_WAIT_MS = 3_000;

/** Rule 2: the per-user rate limit, counted only for requests that would query ITNIO. */
export async function refuseRate(deps: BotDeps, origin: Origin): Promise<Refusal | undefined> {
  const decision = await checkRateLimit(deps.store, origin.user, deps.perUserPerMinute);
  if (decision.allowed) return undefined;
  return {
    outcome: 'rate_limited',
    message: `You've run ${decision.limit} trunk queries in the last minute, which is the limit. Try again in ${decision.retryAfterSeconds} s.`,
  };
}
