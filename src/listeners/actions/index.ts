import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION } from '../../trunks/action-ids.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { pageButton } from './page-button.js';
import { shareButton } from './share-button.js';

/** Registers the button handlers. */
export function register(app: App, deps: BotDeps): void {
  const page = pageButton(deps);
  app.action<BlockAction<ButtonAction>>(ACTION.prev, page);
  app.action<BlockAction<ButtonAction>>(ACTION.next, page);
  app.action<BlockAction<ButtonAction>>(ACTION.refresh, page);
  app.action<BlockAction<ButtonAction>>(ACTION.share, shareButton(deps));
}
