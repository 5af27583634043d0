import { renderNotice } from '../trunks/render-notice.js';
import type { SlackMessage } from '../trunks/message.js';
import { checkAccess } from './access-policy.js';
import type { BotDeps } from './deps.js';
import type { Outcome } from './outcome.js';
import { checkRateLimit } from './rate-limit.js';
import type { Origin } from './request.js';

/** Why a request was turned away, and the private reply that tells the user. */
export interface Refusal {
  outcome: Outcome;
  reply: SlackMessage;
}

const IDENTITY_WAIT_MS = 3_000;

/**
 * Workspace, channel and user allowlists; nothing else runs for a refused request. Without
 * ALLOWED_TEAM_IDS the installed workspace comes from auth.test; if Slack has not told us yet (it was
 * unreachable at start) we wait briefly — this runs after ack — and refuse rather than guess.
 */
export async function refuseAccess(
  deps: Pick<BotDeps, 'access' | 'identity'>,
  origin: Origin,
): Promise<Refusal | undefined> {
  const installed =
    deps.access.teams.length > 0 ? deps.identity.current() : await deps.identity.resolve(IDENTITY_WAIT_MS);
  if (!installed && deps.access.teams.length === 0) {
    return {
      outcome: 'refused_unverified',
      reply: renderNotice('trunkbot is still confirming its workspace with Slack. Try again in a minute.'),
    };
  }
  const decision = checkAccess(deps.access, origin, { ...(installed?.teamId && { teamId: installed.teamId }) });
  return decision.allowed
    ? undefined
    : { outcome: `refused_${decision.reason}`, reply: renderNotice(decision.message) };
}

/** The per-user rate limit, counted only for requests that would query ITNIO. */
export async function refuseRate(
  deps: Pick<BotDeps, 'store' | 'perUserPerMinute'>,
  origin: Origin,
): Promise<Refusal | undefined> {
  const decision = await checkRateLimit(deps.store, origin.user, deps.perUserPerMinute);
  if (decision.allowed) return undefined;
  return {
    outcome: 'rate_limited',
    reply: renderNotice(
      `You've run ${decision.limit} trunk queries in the last minute, which is the limit. Try again in ${decision.retryAfterSeconds} s.`,
    ),
  };
}
