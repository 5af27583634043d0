import type { App, ViewSubmitAction } from '@slack/bolt';
import type { BotDeps } from '../../pipeline/deps.js';
import { SHARE_FORM } from '../../trunks/action-ids.js';
import { shareToChannelSubmission } from './share-to-channel-submission.js';

/** Registers the modal submission handlers. */
export function register(app: App, deps: BotDeps): void {
  app.view<ViewSubmitAction>(SHARE_FORM.callbackId, shareToChannelSubmission(deps));
}
