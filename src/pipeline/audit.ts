import { errorFields, type Logger } from '../log.js';
import type { Trunk } from '../trunks/trunk.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import type { AnswerFacts } from './answer-query.js';
import type { Outcome } from './outcome.js';
import type { Origin } from './request.js';

/** What one handled request did: the pipeline's return value, and the audit line's content. */
export interface Handled extends AnswerFacts {
  outcome: Outcome;
  request?: TrunkRequest;
  /** The raw text, when it could not be read. */
  input?: string;
  /** Slack refused the reply (expired response_url, channel gone, …); the request still happened. */
  replyFailed?: boolean;
  durationMs?: number;
}

/**
 * The audit line: one per query, share, refusal and replay, answering "who looked at which trunks,
 * where, when, and what happened". Documented in the README; keep its keys stable.
 */
export function writeAudit(log: Logger, origin: Origin, handled: Handled): void {
  const { request } = handled;
  const line = {
    audit: true,
    ...origin,
    ...(handled.input !== undefined && { input: handled.input.slice(0, 200) }),
    ...(request && { filters: filtersOf(request), page: request.page }),
    outcome: handled.outcome,
    ...(handled.replyFailed && { replyFailed: true }),
    ...(handled.total !== undefined && { total: handled.total }),
    ...(handled.shown !== undefined && { resultCount: handled.shown.length, trunks: handled.shown }),
    ...(handled.unreadable !== undefined && { unreadable: handled.unreadable }),
    ...(handled.latencyMs !== undefined && { apiLatencyMs: handled.latencyMs }),
    ...(handled.cached && { cached: true }),
    ...(handled.durationMs !== undefined && { durationMs: handled.durationMs }),
    ...(handled.error !== undefined && errorFields(handled.error)),
  };
  // A bot error is the one kind that needs a developer; vendor and Slack failures are the weather.
  if (handled.outcome === 'error') log.error(line, 'audit');
  else if (handled.error !== undefined) log.warn(line, 'audit');
  else log.info(line, 'audit');
}

/** Every filter of a request, `type` and `name` always present (null when unset) so audit queries stay simple. */
function filtersOf({ page: _page, type, name, ...rest }: TrunkRequest): Record<string, unknown> {
  const set = Object.entries(rest).filter(([, value]) => value !== undefined);
  return { type: type ?? null, name: name ?? null, ...Object.fromEntries(set) };
}

/** The trunks an answer showed, as the audit line names them. */
export function shownOf(trunks: readonly Trunk[]): NonNullable<AnswerFacts['shown']> {
  return trunks.map((t) => ({ id: t.keyId, name: t.name }));
}
