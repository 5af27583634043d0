import { renderNotice, renderRateLimited } from '../trunks/render-notice.js';
import type { AnswerView } from './answer-query.js';
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

/**
 * The per-user rate limit protects ITNIO, so it counts only requests whose answer asks ITNIO for new data:
 * a ↻ Refresh (and its Retry), and any request while no fresh snapshot is at hand or being built (its answer
 * builds one). Paging and searching a fresh snapshot never count; nor do help, usage and typos, which are
 * answered before this step, or intakes marked `unmetered` (Share), which never get here.
 */
export async function refuseRate(
  deps: Pick<BotDeps, 'store' | 'perUserPerMinute' | 'inventory'>,
  origin: Origin,
  view: AnswerView,
): Promise<Refusal | undefined> {
  if (deps.perUserPerMinute <= 0) return undefined;
  const readiness = await deps.inventory.peek();
  if (!view.fresh && readiness.state !== 'stale') return undefined;
  const decision = await checkRateLimit(deps.store, origin.user, deps.perUserPerMinute);
  if (decision.allowed) return undefined;
  const { limit, retryAfterSeconds } = decision;
  return {
    outcome: 'rate_limited',
    reply: renderRateLimited({
      limit,
      retryAfterSeconds,
      ...(readiness.state === 'fresh' && { dataAsOf: new Date(readiness.fetchedAt) }),
    }),
  };
}
