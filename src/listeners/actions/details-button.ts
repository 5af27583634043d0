import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorFields } from '../../log.js';
import { answerDetails } from '../../pipeline/answer-details.js';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readTrunkRef } from '../../pipeline/read-trunk-ref.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { decodeTrunkRef } from '../../trunks/trunk-ref.js';
import { buttonOrigin, isDirectMessage } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const modal = (title: string, message: SlackMessage) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  close: { type: 'plain_text' as const, text: 'Close' },
  blocks: message.blocks,
});

const LOADING: SlackMessage = {
  text: 'Loading…',
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Loading the trunk from ITNIO…' } },
  ],
};

/**
 * Details: the whole record of one trunk in a modal. The modal opens at once (Slack's trigger_id lasts
 * three seconds) and is filled in when the answer is ready, or tells why not.
 */
export function detailsButton(deps: BotDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'details');
    let viewId: string | undefined;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: modal('Trunk details', LOADING) });
      viewId = opened.view?.id;
    } catch (error) {
      deps.log.warn({ ...origin, ...errorFields(error) }, 'could not open the Details modal');
    }
    // Without a modal (the trigger expired, Slack refused) there is nowhere to answer.
    if (viewId === undefined) return;
    const opened = viewId;
    const show = (title: string, message: SlackMessage) =>
      client.views.update({ view_id: opened, view: modal(title, message) });
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      read: () => readTrunkRef(decodeTrunkRef(action.value, deps.seal), { shareable: false }),
      whisper: (message) => show('Trunk details', message),
      // Share to channel is for channels: not from Home (no channel) nor a DM with the bot (no one to share with).
      answer: (request) => answerDetails(deps, request, isDirectMessage(body) ? undefined : origin.channel),
      reply: async (answer) => {
        // A details answer's text is the trunk's short title.
        await show(answer.ok ? answer.message.text : 'Trunk details', answer.message);
      },
    });
  };
}
