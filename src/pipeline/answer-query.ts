import { InventoryTooLargeError } from '../inventory/fetch-inventory.js';
import type { IndexedSnapshot } from '../inventory/inventory.js';
import { ItnioError } from '../itnio/errors.js';
import { GuardError } from '../resilience/errors.js';
import { matchTrunks } from '../trunks/match-trunks.js';
import { isDown } from '../trunks/trunk-index.js';
import type { SlackMessage } from '../trunks/message.js';
import type { ButtonSeal } from '../trunks/button-seal.js';
import { renderFailure, type Failure, type RetryOf } from '../trunks/render-failure.js';
import { renderTooLarge } from '../trunks/render-notice.js';
import { recordsShown, renderTrunkPage } from '../trunks/render-page.js';
import { renderStats } from '../trunks/render-stats.js';
import { suggestAlternatives } from '../trunks/suggest.js';
import { summarize } from '../trunks/trunk-stats.js';
import type { Progress } from '../inventory/fetch-inventory.js';
import type { TrunkPage } from '../trunks/trunk.js';
import { PAGE_SIZE, type TrunkRequest } from '../trunks/trunk-request.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';
import type { Outcome } from './outcome.js';
import { answerFromVendorFilters } from './vendor-fallback.js';

/** How the answer is shown: whether it offers Share, who shared it, whether a cached snapshot will do. */
export interface AnswerView {
  shareable: boolean;
  sharedBy?: string;
  /** Go to ITNIO even when the data is cached (Refresh). */
  fresh?: boolean;
  /** A failure offers ↻ Retry: the surface's page buttons can run the request again. */
  retryable?: boolean;
}

/** What the audit line says about an answer. */
export interface AnswerFacts {
  total?: number;
  latencyMs?: number;
  cached?: boolean;
  /** Trunks shown, for the audit trail. */
  shown?: { id: string | number | null; name: string | null }[];
  unreadable?: number;
  error?: unknown;
}

/** A rendered answer, whether it is a list or summary of trunks (`ok`), and what the audit line needs. */
export interface Answer extends AnswerFacts {
  message: SlackMessage;
  ok: boolean;
  outcome: Outcome;
}

type AnswerDeps = Pick<BotDeps, 'trunks' | 'inventory' | 'timeZone' | 'seal' | 'shutdown'>;

/**
 * Answers `request` from the snapshot of every trunk (built or reused), or — when the inventory is too
 * large to hold — from ITNIO's own name and direction filters. Never throws.
 */
export async function answerQuery(
  deps: AnswerDeps,
  request: TrunkRequest,
  view: AnswerView,
  onProgress?: (progress: Progress) => void,
): Promise<Answer> {
  const asked = Date.now();
  const started = performance.now();
  try {
    let snapshot: IndexedSnapshot;
    try {
      snapshot = await deps.inventory.get({
        ...(view.fresh && { fresh: true }),
        ...(deps.shutdown && { signal: deps.shutdown }),
        ...(onProgress && { onProgress }),
      });
    } catch (error) {
      if (error instanceof InventoryTooLargeError) return await answerFromVendorFilters(deps, request, view, error);
      throw error;
    }
    const facts = {
      latencyMs: Math.round(performance.now() - started),
      // Built before this request arrived: served from the cached snapshot.
      ...(snapshot.fetchedAt < asked && { cached: true }),
      ...(snapshot.unreadable > 0 && { unreadable: snapshot.unreadable }),
    };
    const matched = matchTrunks(snapshot.index, request, snapshot.fetchedAt);
    const fetchedAt = new Date(snapshot.fetchedAt);
    if (request.stats) {
      const stats = summarize(matched, snapshot.fetchedAt, snapshot.index);
      const message = renderStats({
        request,
        stats,
        fetchedAt,
        shareable: view.shareable,
        seal: deps.seal,
        ...sharer(view),
      });
      return { message, ok: true, outcome: 'ok', total: matched.length, ...facts };
    }
    const page: TrunkPage = {
      total: matched.length,
      size: PAGE_SIZE,
      current: request.page,
      pages: Math.ceil(matched.length / PAGE_SIZE),
      records: matched.slice((request.page - 1) * PAGE_SIZE, request.page * PAGE_SIZE),
      unreadable: snapshot.unreadable,
    };
    const message = renderTrunkPage({
      request,
      page,
      fetchedAt,
      timeZone: deps.timeZone,
      shareable: view.shareable,
      seal: deps.seal,
      downCount: matched.filter(isDown).length,
      details: true,
      exportable: true,
      ...(matched.length === 0 && { suggestions: suggestAlternatives(snapshot.index, request, snapshot.fetchedAt) }),
      ...sharer(view),
    });
    return {
      message,
      ok: true,
      outcome: matched.length === 0 ? 'empty' : 'ok',
      total: matched.length,
      shown: shownOf(recordsShown(page)),
      ...facts,
    };
  } catch (error) {
    return failedAnswer(error, 'search', retryOf(request, view, deps.seal));
  }
}

/**
 * A fetch that failed, as the answer the user sees; `cannot` names what a too-large inventory rules out, and
 * `retry` the request a Retry button runs again.
 */
export function failedAnswer(error: unknown, cannot: string, retry?: RetryOf): Answer {
  if (error instanceof InventoryTooLargeError) {
    return { message: renderTooLarge(error.total, error.maxTrunks, cannot), ok: false, outcome: 'inventory_too_large' };
  }
  const failure = failureOf(error);
  return { message: renderFailure(failure, retry), ok: false, outcome: failure.code, error };
}

/** What a failure's Retry button runs, when the view offers one. */
export function retryOf(request: TrunkRequest, view: AnswerView, seal: ButtonSeal): RetryOf | undefined {
  return view.retryable ? { request, fresh: view.fresh === true, seal } : undefined;
}

function sharer(view: AnswerView): { sharedBy?: string } {
  return view.sharedBy === undefined ? {} : { sharedBy: view.sharedBy };
}

/** What went wrong, in the terms the user-facing copy knows; anything unrecognised is a bot error. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ItnioError) return { code: error.code, ...error.details };
  if (error instanceof GuardError) return { code: error.code };
  // The shutdown signal's own reason (a DOMException): the query was stopped, not failed.
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return { code: 'itnio_cancelled' };
  return { code: 'error' };
}
