import { ItnioError } from '../itnio/errors.js';
import { GuardError } from '../resilience/errors.js';
import type { SlackMessage } from '../trunks/message.js';
import { recordsShown, renderTrunkPage } from '../trunks/render-page.js';
import { renderFailure, type Failure } from '../trunks/render-failure.js';
import { PAGE_SIZE, type TrunkRequest } from '../trunks/trunk-request.js';
import type { BotDeps } from './deps.js';
import type { Outcome } from './outcome.js';

/** How the answer is shown: whether it offers Share, who shared it, whether a cached page will do. */
export interface AnswerView {
  shareable: boolean;
  sharedBy?: string;
  /** Go to ITNIO even when the page is cached (Refresh). */
  fresh?: boolean;
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

/** A rendered answer, whether it is a page of trunks (`ok`), and what the audit line needs. */
export interface Answer extends AnswerFacts {
  message: SlackMessage;
  ok: boolean;
  outcome: Outcome;
}

type AnswerDeps = Pick<BotDeps, 'trunks' | 'timeZone' | 'seal' | 'shutdown'>;

/** Fetches one page for `request` and renders it, or renders what went wrong. Never throws. */
export async function answerQuery(deps: AnswerDeps, request: TrunkRequest, view: AnswerView): Promise<Answer> {
  try {
    const page = await deps.trunks.queryTrunks({
      page: request.page,
      size: PAGE_SIZE,
      filter: {
        ...(request.type !== undefined && { type: request.type }),
        ...(request.name !== undefined && { sipTrunkName: request.name }),
      },
      ...(deps.shutdown && { signal: deps.shutdown }),
      ...(view.fresh && { fresh: true }),
    });
    const message = renderTrunkPage({
      request,
      page,
      fetchedAt: new Date(page.fetchedAt),
      timeZone: deps.timeZone,
      shareable: view.shareable,
      seal: deps.seal,
      ...(view.sharedBy !== undefined && { sharedBy: view.sharedBy }),
    });
    return {
      message,
      ok: true,
      outcome: page.records.length === 0 ? 'empty' : 'ok',
      total: page.total,
      latencyMs: page.latencyMs,
      ...(page.cached && { cached: true }),
      shown: recordsShown(page).map((t) => ({ id: t.keyId, name: t.name })),
      ...(page.unreadable > 0 && { unreadable: page.unreadable }),
    };
  } catch (error) {
    const failure = failureOf(error);
    return { message: renderFailure(failure), ok: false, outcome: failure.code, error };
  }
}

/** What went wrong, in the terms the user-facing copy knows; anything unrecognised is a bot error. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ItnioError) return { code: error.code, ...error.details };
  if (error instanceof GuardError) return { code: error.code };
  // The shutdown signal's own reason (a DOMException): the query was stopped, not failed.
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return { code: 'itnio_cancelled' };
  return { code: 'error' };
}
