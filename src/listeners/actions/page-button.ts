import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { ACTION } from '../../trunks/action-ids.js';
import { audited, type BotDeps } from '../deps.js';
import { admitClick, buttonOrigin, isEphemeral } from './button-context.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** ‹ Prev / Next › / ↻ Refresh: fetch the page the button names and replace the message in place. */
export function pageButton(deps: BotDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    await deps.inflight.run(() =>
      audited(deps, origin, async (record) => {
        const admitted = await admitClick(deps, body, origin, action.value, respond, record);
        if (!admitted) return;
        const { state } = admitted;
        const answer = await answerQuery(deps, state.request, {
          shareable: isEphemeral(body) && state.sharedBy === undefined,
          // Refresh goes to ITNIO even when the page is cached; paging may use the cache.
          fresh: action.action_id === ACTION.refresh,
          ...(state.sharedBy !== undefined && { sharedBy: state.sharedBy }),
        });
        Object.assign(record, answer);
        // A failed fetch must not wipe the page the user (or the channel) is looking at.
        if (answer.ok) await respond({ replace_original: true, ...answer.message });
        else await respond({ response_type: 'ephemeral', replace_original: false, ...answer.message });
      }),
    );
  };
}
