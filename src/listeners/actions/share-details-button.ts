import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorFields, slackErrorCode } from '../../log.js';
import { shareClaim, triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readTrunkRef } from '../../pipeline/read-trunk-ref.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { renderCannotPost } from '../../trunks/render-notice.js';
import { decodeTrunkRef } from '../../trunks/trunk-ref.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Share from a Details modal: post that one trunk, attributed, into the channel the modal was opened from. */
export function shareDetailsButton(deps: BotDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = decodeTrunkRef(action.value, deps.seal);
    // A modal belongs to no channel; the channel travels sealed in the button.
    const origin = { ...buttonOrigin(body, 'share'), ...(ref?.channel && { channel: ref.channel }) };
    // Notes go on a small modal stacked over the details, which stay as they are.
    const note = (message: SlackMessage) =>
      client.views.push({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'trunkbot' },
          close: { type: 'plain_text', text: 'Back' },
          blocks: message.blocks,
        },
      });
    await runRequest(deps, {
      origin,
      claims: [...triggerClaim(body.trigger_id), ...shareClaim(origin.user, body.view?.id ?? '', action.value ?? '')],
      // The trunk is on the user's screen already: sharing it is no new work for ITNIO.
      unmetered: true,
      read: () => readTrunkRef(ref?.channel ? ref : undefined, { shareable: false, sharedBy: origin.user }),
      whisper: note,
      reply: async (answer) => {
        if (!answer.ok || !ref?.channel) {
          await note(answer.message);
          return undefined;
        }
        try {
          await client.chat.postMessage({ channel: ref.channel, ...answer.message });
          return 'shared_via_chat.postMessage';
        } catch (postError) {
          deps.log.info(
            { ...origin, slackError: slackErrorCode(postError) ?? 'unknown' },
            'share from Details refused',
          );
          await note(renderCannotPost()).catch((noteError: unknown) =>
            deps.log.warn({ ...origin, ...errorFields(noteError) }, 'could not tell the user the share failed'),
          );
          return 'share_failed';
        }
      },
    });
  };
}
