import type { Inflight } from '../inflight.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { QueryAnswer, QueryDeps } from '../trunks/answer-query.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** Everything listeners need, injected so tests and the demo can supply their own. */
export interface BotDeps extends QueryDeps {
  log: Logger;
  store: Store;
  inflight: Inflight;
}

/** Who asked, from where, through which Slack surface. */
export interface Origin {
  surface: 'command' | 'mention' | 'button' | 'share';
  user: string;
  channel?: string;
  team?: string;
}

/** The one log line per handled request. */
export function logHandled(
  log: Logger,
  origin: Origin,
  request: TrunkRequest | undefined,
  answer: Partial<Omit<QueryAnswer, 'outcome'>> & { outcome: string; input?: string },
): void {
  const line = {
    ...origin,
    // What was typed, when it could not be read: support can then reproduce the problem.
    ...(answer.input !== undefined && { input: answer.input.slice(0, 200) }),
    ...(request && { filters: { type: request.type ?? null, name: request.name ?? null }, page: request.page }),
    outcome: answer.outcome,
    ...(answer.total !== undefined && { total: answer.total }),
    ...(answer.latencyMs !== undefined && { apiLatencyMs: answer.latencyMs }),
    ...(answer.error instanceof Error && { error: { message: answer.error.message, code: (answer.error as { code?: unknown }).code } }),
  };
  if (answer.error !== undefined) log.warn(line, 'trunks request failed');
  else log.info(line, 'trunks request handled');
}
