import type { AccessRules } from '../guard/access-policy.js';
import type { Inflight } from '../inflight.js';
import { errorFields, type Logger } from '../log.js';
import type { IdentityCache } from '../slack-identity.js';
import type { Store } from '../store/store.js';
import type { QueryAnswer, QueryDeps } from '../trunks/answer-query.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';

/** Everything listeners need, built once in `startBot` and passed in rather than imported. */
export interface BotDeps extends QueryDeps {
  log: Logger;
  store: Store;
  inflight: Inflight;
  access: AccessRules;
  /** Queries per user per minute; 0 means no limit. */
  perUserPerMinute: number;
  /** The workspace the bot is installed in, for refusing requests from elsewhere. */
  identity: IdentityCache;
  /** Where audit lines go: kept at info even when LOG_LEVEL is quieter, so the trail has no gaps. */
  audit: Logger;
}

/** Who asked, from where, through which Slack surface. */
export interface Origin {
  surface: 'command' | 'mention' | 'button' | 'share';
  user: string;
  channel?: string;
  team?: string;
  enterprise?: string;
}

/** What one handled request did, filled in as the handling goes and written as its audit line. */
export type AuditRecord = Partial<Omit<QueryAnswer, 'outcome' | 'message'>> & {
  outcome: string;
  request?: TrunkRequest;
  /** The raw text, when it could not be read. */
  input?: string;
  /** Slack refused the reply (expired response_url, channel gone, …). */
  replyFailed?: boolean;
};

/**
 * The audit line: one per query, share, refusal and replay, answering "who looked at which trunks,
 * where, when, and what happened". Documented in the README; keep its keys stable.
 */
export function audit(log: Logger, origin: Origin, record: AuditRecord, durationMs?: number): void {
  const { request } = record;
  const line = {
    audit: true,
    ...origin,
    ...(record.input !== undefined && { input: record.input.slice(0, 200) }),
    ...(request && { filters: { type: request.type ?? null, name: request.name ?? null }, page: request.page }),
    outcome: record.outcome,
    ...(record.replyFailed && { replyFailed: true }),
    ...(record.total !== undefined && { total: record.total }),
    ...(record.shown !== undefined && { resultCount: record.shown.length, trunks: record.shown }),
    ...(record.unreadable !== undefined && { unreadable: record.unreadable }),
    ...(record.latencyMs !== undefined && { apiLatencyMs: record.latencyMs }),
    ...(record.cached && { cached: true }),
    ...(durationMs !== undefined && { durationMs }),
    ...(record.error !== undefined && errorFields(record.error)),
  };
  if (record.error !== undefined) log.warn(line, 'audit');
  else log.info(line, 'audit');
}

/**
 * Runs one request's handling and writes its audit line whatever happens, including a reply that Slack
 * refused (the query still happened, so it is still on record).
 */
export async function audited(deps: BotDeps, origin: Origin, handle: (record: AuditRecord) => Promise<void>): Promise<void> {
  const started = performance.now();
  const record: AuditRecord = { outcome: 'unfinished' };
  try {
    await handle(record);
  } catch (error) {
    record.replyFailed = true;
    record.error = error;
  } finally {
    audit(deps.audit, origin, record, Math.round(performance.now() - started));
  }
}
