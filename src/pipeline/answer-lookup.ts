import { matchTrunks } from '../trunks/match-trunks.js';
import { type LookupItem, renderLookup } from '../trunks/render-lookup.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { type Answer, type AnswerView, failedAnswer } from './answer-query.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';

/** The most addresses and numbers one answer looks up (each is a section of its own). */
export const MAX_LOOKUP_ITEMS = 20;

type LookupDeps = Pick<BotDeps, 'inventory' | 'seal' | 'shutdown'>;

/** Each IP address and phone number of `request`, looked up on its own in the snapshot. */
export async function answerLookup(
  deps: LookupDeps,
  request: TrunkRequest,
  view: AnswerView,
  notLookedUp = 0,
): Promise<Answer> {
  try {
    const snapshot = await deps.inventory.get(deps.shutdown ? { signal: deps.shutdown } : {});
    const find = (filter: Partial<TrunkRequest>) =>
      matchTrunks(snapshot.index, { page: 1, ...filter }, snapshot.fetchedAt);
    const items: LookupItem[] = [
      ...(request.ips ?? []).map((ip) => ({ kind: 'IP' as const, value: ip, trunks: find({ ips: [ip] }) })),
      ...(request.numbers ?? []).map((n) => ({ kind: 'number' as const, value: n, trunks: find({ numbers: [n] }) })),
    ];
    const message = renderLookup({
      items,
      notLookedUp,
      request,
      fetchedAt: new Date(snapshot.fetchedAt),
      shareable: view.shareable,
      seal: deps.seal,
      ...(view.sharedBy !== undefined && { sharedBy: view.sharedBy }),
    });
    const shown = shownOf([...new Map(items.flatMap((i) => i.trunks).map((t) => [String(t.keyId), t])).values()]);
    return {
      message,
      ok: true,
      outcome: shown.length === 0 ? 'empty' : 'ok',
      total: shown.length,
      shown,
    };
  } catch (error) {
    return failedAnswer(error, 'look up addresses and numbers');
  }
}
