import type { InventoryTooLargeError } from '../inventory/fetch-inventory.js';
import { recordsShown, renderTrunkPage } from '../trunks/render-page.js';
import { renderTooLarge, tooLargeReason } from '../trunks/render-notice.js';
import { PAGE_SIZE, type TrunkRequest } from '../trunks/trunk-request.js';
import type { Answer, AnswerView } from './answer-query.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';

type FallbackDeps = Pick<BotDeps, 'trunks' | 'timeZone' | 'seal' | 'shutdown'>;

/** The filters ITNIO itself understands; every other one needs the whole inventory. */
function vendorOnly({ page, type, name, ...rest }: TrunkRequest): boolean {
  return Object.values(rest).every((v) => v === undefined);
}

/**
 * Too many trunks to hold a snapshot: answer what ITNIO's own filters can (direction and name, one
 * page at a time), say so on the page, and say plainly which filters cannot work.
 */
export async function answerFromVendorFilters(
  deps: FallbackDeps,
  request: TrunkRequest,
  view: AnswerView,
  tooLarge: InventoryTooLargeError,
): Promise<Answer> {
  if (!vendorOnly(request)) {
    return {
      message: renderTooLarge(
        tooLarge.total,
        tooLarge.maxTrunks,
        "search by anything but direction and name words (ITNIO's own filters)",
        'Try `/trunks outgoing acme`.',
      ),
      ok: false,
      outcome: 'inventory_too_large',
    };
  }
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
    notice: `${tooLargeReason(tooLarge.total, tooLarge.maxTrunks)}: this list uses ITNIO's own name filter, one page at a time.`,
    ...(view.sharedBy !== undefined && { sharedBy: view.sharedBy }),
  });
  return {
    message,
    ok: true,
    outcome: page.records.length === 0 ? 'empty' : 'ok',
    total: page.total,
    latencyMs: page.latencyMs,
    ...(page.cached && { cached: true }),
    shown: shownOf(recordsShown(page)),
    ...(page.unreadable > 0 && { unreadable: page.unreadable }),
  };
}
