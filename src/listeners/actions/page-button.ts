import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readButton } from '../../pipeline/read-button.js';
import { runRequest } from '../../pipeline/run-request.js';
import { ACTION } from '../../trunks/action-ids.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin, isDirectMessage, isEphemeral } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * ‹ Prev / Next › / ↻ Refresh, and a suggested query: on the user's private result (or their DM from the bot),
 * replace it in place.
 * A message shared into a channel is evidence in an incident and stays as it was shared: pressing its
 * buttons gives the presser a private continuation (with its own Share) instead.
 */
export function pageButton(deps: BotDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    const direct = isDirectMessage(body);
    const inPlace = isEphemeral(body) || direct;
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      read: () =>
        readButton(deps.seal, action.value, origin, {
          shareable: !direct,
          // Refresh rebuilds the data even when it is fresh enough; paging may reuse it.
          fresh: action.action_id === ACTION.refresh,
        }),
      whisper: privately,
      ...(inPlace && { progress: (message: SlackMessage) => respond({ replace_original: true, ...message }) }),
      reply: async (answer) => {
        // A failed fetch must not wipe the page the user is looking at.
        if (answer.ok && inPlace) await respond({ replace_original: true, ...answer.message });
        else await privately(answer.message);
      },
    });
  };
}
