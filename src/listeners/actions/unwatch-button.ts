import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerUnwatch } from '../../pipeline/answer-watch.js';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { runRequest } from '../../pipeline/run-request.js';
import { renderStaleButton } from '../../trunks/render-notice.js';
import type { SlackMessage } from '../../trunks/message.js';
import { decodeWatchRef } from '../../watch/watch-ref.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Remove on the `/trunks watching` list: stops that watch, tells the channel, and shows the list that is left. */
export function unwatchButton(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = decodeWatchRef(action.value, deps.seal);
    // The watch's channel travels sealed in the button: the one it belongs to, wherever the list is shown.
    const origin = { ...buttonOrigin(body, 'button'), ...(ref && { channel: ref.channel }) };
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: true, ...message });
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      // Only the watch book is read and changed: ITNIO is not asked.
      unmetered: true,
      read: () =>
        ref
          ? { request: { page: 1 }, view: { shareable: false } }
          : { outcome: 'invalid_button', reply: renderStaleButton() },
      whisper: privately,
      answer: () =>
        answerUnwatch(deps, origin, { id: ref!.id }, (message) =>
          client.chat.postMessage({ channel: ref!.channel, ...message }),
        ),
      reply: async (answer) => {
        await privately(answer.message);
      },
    });
  };
}
