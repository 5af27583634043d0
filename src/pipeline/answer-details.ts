import { detailsTitle, renderDetails } from '../trunks/render-details.js';
import { renderProblem } from '../trunks/render-notice.js';
import type { TrunkRequest } from '../trunks/trunk-request.js';
import { encodeTrunkRef } from '../trunks/trunk-ref.js';
import { type Answer, failedAnswer } from './answer-query.js';
import { shownOf } from './audit.js';
import type { BotDeps } from './deps.js';

type DetailsDeps = Pick<BotDeps, 'inventory' | 'timeZone' | 'seal' | 'shutdown'>;

/** One trunk's whole record from the snapshot, as modal blocks; Share offered when there is a channel to share to. */
export async function answerDetails(
  deps: DetailsDeps,
  request: TrunkRequest,
  channel: string | undefined,
): Promise<Answer> {
  const id = request.ids?.[0] ?? '';
  try {
    const snapshot = await deps.inventory.get(deps.shutdown ? { signal: deps.shutdown } : {});
    const trunk = snapshot.trunks.find((t) => String(t.keyId) === id);
    if (!trunk) {
      return {
        message: renderProblem(`Trunk ${id} is no longer in ITNIO's list. Run \`/trunks\` again for current results.`),
        ok: false,
        outcome: 'empty',
        total: 0,
      };
    }
    const blocks = renderDetails({
      trunk,
      timeZone: deps.timeZone,
      fetchedAt: new Date(snapshot.fetchedAt),
      ...(channel !== undefined && { shareValue: encodeTrunkRef({ id, channel }, deps.seal) }),
    });
    return {
      message: { text: detailsTitle(trunk), blocks },
      ok: true,
      outcome: 'ok',
      total: 1,
      shown: shownOf([trunk]),
    };
  } catch (error) {
    return failedAnswer(error, 'show one trunk in full');
  }
}
