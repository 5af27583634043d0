import { checkAccess } from '../guard/access-policy.js';
import { checkRateLimit } from '../guard/rate-limit.js';
import type { BotDeps, Origin } from './deps.js';

/** Why a request was turned away, with the words the user sees (mrkdwn written by us or the operator). */
export interface Refusal {
  outcome: string;
  message: string;
}

// Slack never reuses a trigger_id; seeing one twice means the request was replayed.
const TRIGGER_MEMORY_SECONDS = 10 * 60;

/** True the first time a trigger_id is seen; a replayed signed request is ignored without a word. */
export async function firstDelivery(deps: BotDeps, triggerId: string | undefined): Promise<boolean> {
  return triggerId === undefined || triggerId === '' || deps.store.claim(`trigger:${triggerId}`, TRIGGER_MEMORY_SECONDS);
}

/** Rule 1: workspace, channel and user allowlists; nothing else runs for a refused request. */
export function refuseAccess(deps: BotDeps, origin: Origin): Refusal | undefined {
  const installed = deps.identity.current();
  const decision = checkAccess(deps.access, origin, { ...(installed?.teamId && { teamId: installed.teamId }) });
  return decision.allowed ? undefined : { outcome: `refused_${decision.reason}`, message: decision.message };
}

/** Rule 2: the per-user rate limit, counted only for requests that would query ITNIO. */
export async function refuseRate(deps: BotDeps, origin: Origin): Promise<Refusal | undefined> {
  const decision = await checkRateLimit(deps.store, origin.user, deps.perUserPerMinute);
  if (decision.allowed) return undefined;
  return {
    outcome: 'rate_limited',
    message: `You've run ${decision.limit} trunk queries in the last minute, which is the limit. Try again in ${decision.retryAfterSeconds} s.`,
  };
}
