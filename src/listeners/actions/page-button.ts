import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { readButton } from '../../pipeline/read-button.js';
import { runRequest } from '../../pipeline/run-request.js';
import { ACTION } from '../../trunks/action-ids.js';
import type { SlackMessage } from '../../trunks/message.js';
import { buttonOrigin, isDirectMessage, isEphemeral } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const FRESH: ReadonlySet<string> = new Set([ACTION.refresh, ACTION.retryRefresh]);
const RETRY: ReadonlySet<string> = new Set([ACTION.retry, ACTION.retryRefresh]);

/**
 * ‹ Prev / Next › / ↻ Refresh, a suggested query and ↻ Retry: on the user's private result (or their DM from
 * the bot), replace it in place.
 * A message shared into a channel is evidence in an incident and stays as it was shared: pressing its
 * buttons gives the presser a private continuation (with its own Share) instead. A failure is no evidence:
 * Retry replaces it wherever it is, in a private result or in a mention's thread.
 */
export function pageButton(deps: BotDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'button');
    const retrying = RETRY.has(action.action_id);
    const ephemeral = isEphemeral(body);
    const direct = isDirectMessage(body);
    const inPlace = ephemeral || direct || retrying;
    const privately = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    let noteShown = false;
    const inPlaceNote = async (message: SlackMessage) => {
      await respond({ replace_original: true, ...message });
      noteShown = true;
    };
    await runRequest(deps, {
      origin,
      claims: triggerClaim(body.trigger_id),
      read: () =>
        readButton(deps.seal, action.value, origin, {
          // A mention's answer, retried in its thread, is already there for everyone; a DM has no one to share with.
          shareable: !direct && (ephemeral || !retrying),
          // Refresh rebuilds the data even when it is fresh enough; paging may reuse it.
          fresh: FRESH.has(action.action_id),
          retryable: true,
        }),
      whisper: privately,
      ...(inPlace && { progress: inPlaceNote }),
      reply: async (answer) => {
        // A failed fetch must not wipe the page the user is looking at; a failure it replaces (Retry), or a note
        // that has already taken the page's place, it may — and its own Retry brings the page back.
        if (inPlace && (answer.ok || retrying || noteShown))
          await respond({ replace_original: true, ...answer.message });
        else await privately(answer.message);
      },
    });
  };
}
