import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerQuery } from '../../trunks/answer-query.js';
import { renderProblem } from '../../trunks/render-notice.js';
import { errorFields, slackErrorCode } from '../../log.js';
import { audited, type BotDeps } from '../deps.js';
import { admitClick, buttonOrigin } from './button-context.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

const SHARE_MEMORY_SECONDS = 60;

const CANNOT_POST =
  'I couldn’t post in this channel. Invite me with `/invite @trunkbot` (private channels and DMs need that), then press *Share* again.';

/**
 * Share: post the same page into the channel for everyone, attributed to the user.
 * Rule 1: post as the bot (works in public channels, and anywhere the bot is a member).
 * Rule 2: if Slack refuses, post through the response_url as an in-channel reply.
 * Rule 3: if that fails too, tell the user exactly what to do.
 * The private copy is removed once the shared one exists.
 */
export function shareButton(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const origin = buttonOrigin(body, 'share');
    await deps.inflight.run(() =>
      audited(deps, origin, async (record) => {
        const admitted = await admitClick(deps, body, origin, action.value, respond, record);
        if (!admitted) return;
        const { state, channel } = admitted;
        // A double click must not post the page twice; a failed share frees the claim so it can be retried.
        const claim = `share:${origin.user}:${body.container?.message_ts ?? ''}:${action.value}`;
        if (!(await deps.store.claim(claim, SHARE_MEMORY_SECONDS))) {
          record.outcome = 'duplicate_share';
          return;
        }
        const answer = await answerQuery(deps, state.request, { shareable: false, sharedBy: origin.user });
        Object.assign(record, answer);
        if (!answer.ok) {
          await deps.store.delete(claim);
          await respond({ response_type: 'ephemeral', replace_original: false, ...answer.message });
          return;
        }
        let via: 'chat.postMessage' | 'response_url' | 'none' = 'chat.postMessage';
        try {
          await client.chat.postMessage({ channel, ...answer.message });
        } catch (postError) {
          deps.log.info({ ...origin, slackError: slackErrorCode(postError) ?? 'unknown' }, 'share via chat.postMessage refused; using response_url');
          via = 'response_url';
          try {
            await respond({ response_type: 'in_channel', replace_original: false, ...answer.message });
          } catch (respondError) {
            deps.log.warn({ ...origin, ...errorFields(respondError) }, 'share via response_url failed');
            via = 'none';
          }
        }
        record.outcome = via === 'none' ? 'share_failed' : `shared_via_${via}`;
        if (via === 'none') {
          await deps.store.delete(claim);
          await respond({ response_type: 'ephemeral', replace_original: false, ...renderProblem(CANNOT_POST) }).catch(() => undefined);
        } else {
          await respond({ delete_original: true }).catch(() => undefined);
        }
      }),
    );
  };
}
