import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { shareClaim, triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readButton } from '../../pipeline/read-button.js';
import type { Intake } from '../../pipeline/request.js';
import { runRequest } from '../../pipeline/run-request.js';
import { shareToChannel } from '../../pipeline/share-reply.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Share: post the same page into the channel for everyone, attributed to the user, once per click. */
export function shareButton(deps: BotDeps, answerWith?: Intake['answer']) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'share');
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await runRequest(deps, {
      origin,
      claims: [
        ...triggerClaim(body.trigger_id),
        ...shareClaim(origin.user, body.container?.message_ts ?? '', action.value ?? ''),
      ],
      // The page is on the user's screen already: sharing it is no new work for ITNIO.
      unmetered: true,
      read: () => readButton(deps.seal, action.value, origin, { shareable: false, sharedBy: origin.user }),
      whisper: privately,
      ...(answerWith && { answer: answerWith }),
      reply: async (answer) => {
        // readButton refuses a click without a channel, so `channel` is always known here.
        if (answer.ok && origin.channel !== undefined) {
          return shareToChannel({ client, respond, log: deps.log, origin, channel: origin.channel }, answer.message);
        }
        await privately(answer.message);
        return undefined;
      },
    });
  };
}
