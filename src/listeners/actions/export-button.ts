import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ExportDestination } from '../../pipeline/answer-export.js';
import { exportClaim, triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { exportIntake } from '../../pipeline/export-intake.js';
import { readButton } from '../../pipeline/read-button.js';
import type { Reading } from '../../pipeline/request.js';
import { runRequest } from '../../pipeline/run-request.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin, isEphemeral } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Export CSV: every trunk the list matches (not just its page) as a file. On the user's private list it goes to
 * their DM with the bot; on a list everyone in the channel sees (shared, or a mention's answer) it goes to that
 * channel, in the list's thread if it has one. Once per click.
 */
export function exportButton(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    const threadTs = body.message?.thread_ts;
    const destination: ExportDestination =
      isEphemeral(body) || origin.channel === undefined
        ? { kind: 'dm' }
        : { kind: 'channel', channel: origin.channel, ...(threadTs && { threadTs }) };
    const read = (): Reading => {
      const reading = readButton(deps.seal, action.value, origin, { shareable: false });
      return 'request' in reading ? { ...reading, request: { ...reading.request, page: 1 } } : reading;
    };
    await runRequest(
      deps,
      exportIntake(deps, {
        origin,
        claims: [
          ...triggerClaim(body.trigger_id),
          ...exportClaim(origin.user, body.container?.message_ts ?? '', action.value ?? ''),
        ],
        read,
        whisper: privately,
        client,
        destination,
      }),
    );
  };
}
