import type { AccessRules } from '../guard/access-policy.js';
import type { Inflight } from '../inflight.js';
import type { Logger } from '../log.js';
import type { IdentityCache } from '../slack-identity.js';
import type { Store } from '../store/store.js';
import type { QueryAnswer, QueryDeps } from '../trunks/answer-query.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** Everything listeners need, injected so tests and the demo can supply their own. */
export interface BotDeps extends QueryDeps {
  log: Logger;
  store: Store;
  inflight: Inflight;
  access: AccessRules;
  /** Queries per user per minute; 0 means no limit. */
  perUserPerMinute: number;
  /** The workspace the bot is installed in, for refusing requests from elsewhere. */
  identity: IdentityCache;
}

/** Who asked, from where, through which Slack surface. */
export interface Origin {
  surface: 'command' | 'mention' | 'button' | 'share';
  user: string;
  channel?: string;
  team?: string;
  enterprise?: string;
}

/**
 * The audit line: one per query, share and refusal, answering "who looked at which trunks, where,
 * when, and what happened". Documented in the README; keep its keys stable.
 */
export function audit(
  log: Logger,
  origin: Origin,
  request: TrunkRequest | undefined,
  answer: Partial<Omit<QueryAnswer, 'outcome' | 'message'>> & { outcome: string; input?: string },
): void {
  const line = {
    audit: true,
    ...origin,
    // What was typed, when it could not be read: support can then reproduce the problem.
    ...(answer.input !== undefined && { input: answer.input.slice(0, 200) }),
    ...(request && { filters: { type: request.type ?? null, name: request.name ?? null }, page: request.page }),
    outcome: answer.outcome,
    ...(answer.total !== undefined && { total: answer.total }),
    ...(answer.shown !== undefined && { resultCount: answer.shown.length, trunks: answer.shown }),
    ...(answer.unreadable !== undefined && { unreadable: answer.unreadable }),
    ...(answer.latencyMs !== undefined && { apiLatencyMs: answer.latencyMs }),
    ...(answer.cached && { cached: true }),
    ...(answer.error instanceof Error && { error: { message: answer.error.message, code: (answer.error as { code?: unknown }).code } }),
  };
  if (answer.error !== undefined) log.warn(line, 'audit');
  else log.info(line, 'audit');
}
