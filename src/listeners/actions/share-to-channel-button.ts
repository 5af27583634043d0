import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorFields } from '../../log.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { renderStaleButton } from '../../trunks/render-notice.js';
import { renderShareForm } from '../../trunks/share-form.js';
import { decodeTrunkRef } from '../../trunks/trunk-ref.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Share… on an alert: opens the form that posts the trunk into a channel the user picks. Opening a form
 * reads no trunk, so it is not a request: the submission is, and goes through the pipeline (access,
 * rate limit, audit). The form opens at once, as the click's trigger_id lasts three seconds.
 */
export function shareToChannelButton(deps: BotDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const ref = decodeTrunkRef(action.value, deps.seal);
    const stale = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'trunkbot' },
      close: { type: 'plain_text' as const, text: 'Close' },
      blocks: renderStaleButton().blocks,
    };
    // The button's sealed value becomes the form's private_metadata as it is, checked again on submit.
    const view = ref?.channel && action.value ? renderShareForm(ref.id, action.value) : stale;
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      deps.log.warn(
        { ...buttonOrigin(body, 'share_to_channel'), ...errorFields(error) },
        'could not open the Share form',
      );
    }
  };
}
