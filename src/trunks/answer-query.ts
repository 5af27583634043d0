import { describeItnioError } from '../itnio/describe-error.js';
import type { ItnioClient } from '../itnio/client.js';
import { ItnioError, type ItnioErrorCode } from '../itnio/errors.js';
import type { ButtonSeal } from './button-seal.js';
import type { SlackMessage } from './message.js';
import { recordsShown, renderTrunkPage } from './render-page.js';
import { renderProblem } from './render-notice.js';
import { PAGE_SIZE, type TrunkRequest } from './trunk-request.js';

export interface QueryDeps {
  itnio: ItnioClient;
  timeZone: string;
  seal: ButtonSeal;
  /** Aborted when the process stops, so queries still waiting on ITNIO end with a reply. */
  shutdown?: AbortSignal;
}

/** A rendered answer plus what the log line needs to say about it. */
export interface QueryAnswer {
  message: SlackMessage;
  ok: boolean;
  outcome: 'ok' | 'empty' | ItnioErrorCode | 'error';
  total?: number;
  latencyMs?: number;
  cached?: boolean;
  /** Trunks shown, for the audit trail. */
  shown?: { id: string | number | null; name: string | null }[];
  unreadable?: number;
  error?: unknown;
}

/** Fetches one page for `request` and renders it, or renders what went wrong. Never throws. */
export async function answerQuery(
  deps: QueryDeps,
  request: TrunkRequest,
  view: { shareable: boolean; sharedBy?: string; fresh?: boolean },
): Promise<QueryAnswer> {
  try {
    const filter = {
      ...(request.type !== undefined && { type: request.type }),
      ...(request.name !== undefined && { sipTrunkName: request.name }),
    };
    const page = await deps.itnio.queryTrunks({
      page: request.page,
      size: PAGE_SIZE,
      filter,
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
    return {
      message: renderProblem(describeItnioError(error)),
      ok: false,
      outcome: error instanceof ItnioError ? error.code : 'error',
      error,
    };
  }
}
