import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readHomeButton } from '../../pipeline/read-button.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Down, Changed in 24 h, Stats and "List all" on the App Home tab: the query runs like a suggested one, and
 * the answer comes as a direct message from the bot (chat.postMessage to the user's ID, which Slack puts in
 * the app's Messages tab). Home has no channel and no response_url, and a modal was the other choice; a DM
 * is what a list needs: it is a normal message, so Prev/Next page it in place, Details and Refresh work as
 * on any answer, and it stays there to come back to during an incident — a modal is gone once closed and
 * would need paging of its own. It takes no scope beyond chat:write, and no trigger_id that expires in 3 s.
 */
export function homeQueryButton(deps: BotDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    const direct = (message: SlackMessage) => client.chat.postMessage({ channel: origin.user, ...message });
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      // Share is left out: only the user and the bot are in a DM.
      read: () => readHomeButton(deps.seal, action.value, { shareable: false }),
      whisper: direct,
      reply: async (answer) => {
        await direct(answer.message);
      },
    });
  };
}
