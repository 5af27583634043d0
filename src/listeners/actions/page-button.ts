import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { decodePageState } from '../../trunks/page-state.js';
import { renderProblem } from '../../trunks/render-notice.js';
import { logHandled, type BotDeps } from '../deps.js';
import { buttonOrigin, isEphemeral, STALE_BUTTON } from './button-context.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** ‹ Prev / Next ›: fetch the page the button names and replace the message in place. */
export function pageButton(deps: BotDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await deps.inflight.run(async () => {
      const origin = buttonOrigin(body, 'button');
      const state = decodePageState(action.value, deps.seal);
      if (!state) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderProblem(STALE_BUTTON) });
        logHandled(deps.log, origin, undefined, { outcome: 'invalid_button' });
        return;
      }
      const answer = await answerQuery(deps, state.request, {
        shareable: isEphemeral(body) && state.sharedBy === undefined,
        ...(state.sharedBy !== undefined && { sharedBy: state.sharedBy }),
      });
      // A failed fetch must not wipe the page the user (or the channel) is looking at.
      if (answer.ok) await respond({ replace_original: true, ...answer.message });
      else await respond({ response_type: 'ephemeral', replace_original: false, ...answer.message });
      logHandled(deps.log, origin, state.request, answer);
    });
  };
}
