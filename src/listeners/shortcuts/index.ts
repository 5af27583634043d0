import type { App, MessageShortcut } from '@slack/bolt';
import type { BotDeps } from '../../pipeline/deps.js';
import { FIND_IN_MESSAGE } from '../../trunks/action-ids.js';
import { findInMessage } from './find-in-message.js';

/** Registers the message shortcuts. */
export function register(app: App, deps: BotDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: FIND_IN_MESSAGE, type: 'message_action' }, findInMessage(deps));
}
