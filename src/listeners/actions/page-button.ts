import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readButton } from '../../pipeline/read-button.js';
import { runRequest } from '../../pipeline/run-request.js';
import { ACTION } from '../../trunks/action-ids.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin, isEphemeral } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** ‹ Prev / Next › / ↻ Refresh: fetch the page the button names and replace the message in place. */
export function pageButton(deps: BotDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      read: () =>
        readButton(deps.seal, action.value, origin, (state) => ({
          shareable: isEphemeral(body) && state.sharedBy === undefined,
          // Refresh goes to ITNIO even when the page is cached; paging may use the cache.
          fresh: action.action_id === ACTION.refresh,
          ...(state.sharedBy !== undefined && { sharedBy: state.sharedBy }),
        })),
      whisper: privately,
      reply: async (answer) => {
        // A failed fetch must not wipe the page the user (or the channel) is looking at.
        if (answer.ok) await respond({ replace_original: true, ...answer.message });
        else await privately(answer.message);
      },
    });
  };
}
