import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../pipeline/answer-query.js';
import { answerUnwatch } from '../../pipeline/answer-watch.js';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { homeIntake } from '../../pipeline/home-intake.js';
import type { Intake } from '../../pipeline/request.js';
import { runRequest } from '../../pipeline/run-request.js';
import { renderStaleButton } from '../../trunks/render-notice.js';
import type { SlackMessage } from '../../trunks/message.js';
import { decodeWatchRef } from '../../watch/watch-ref.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Remove on the `/trunks watching` list or the App Home tab: stops that watch and tells the channel. On the
 * list, the list that is left replaces it; on Home (which has no message to replace) the Home tab is
 * published again without the watch, with a note on top when the watch was not removed.
 */
export function unwatchButton(deps: BotDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = decodeWatchRef(action.value, deps.seal);
    // The watch's channel travels sealed in the button: the one it belongs to, wherever the list is shown.
    const origin = { ...buttonOrigin(body, 'button'), ...(ref && { channel: ref.channel }) };
    const remove = (whisper: Intake['whisper'], reply: (answer: Answer) => Promise<void>): Intake => ({
      origin,
      claims: triggerClaim(body.trigger_id),
      // Only the watch book is read and changed: ITNIO is not asked.
      unmetered: true,
      read: () =>
        ref
          ? { request: { page: 1 }, view: { shareable: false } }
          : { outcome: 'invalid_button', reply: renderStaleButton() },
      whisper,
      answer: () =>
        answerUnwatch(deps, origin, { id: ref!.id }, (message) =>
          client.chat.postMessage({ channel: ref!.channel, ...message }),
        ),
      reply,
    });

    if (body.view?.type !== 'home') {
      const privately = (message: SlackMessage) =>
        respond({ response_type: 'ephemeral', replace_original: true, ...message });
      await runRequest(
        deps,
        remove(privately, async (answer) => {
          await privately(answer.message);
        }),
      );
      return;
    }
    const notes: SlackMessage[] = [];
    await runRequest(
      deps,
      remove(
        async (message) => notes.push(message),
        async (answer) => {
          // Every unwatch answer leads with what happened; a removed watch speaks for itself by being gone.
          if (answer.outcome !== 'watch_removed')
            notes.push({ ...answer.message, blocks: answer.message.blocks.slice(0, 1) });
        },
      ),
    );
    const note = notes.at(-1);
    await runRequest(
      deps,
      homeIntake(deps, {
        origin: buttonOrigin(body, 'home'),
        claims: [],
        publish: (view) => client.views.publish({ user_id: body.user.id, view }),
        ...(note && { note }),
      }),
    );
  };
}
