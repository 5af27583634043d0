import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerLookup } from '../../pipeline/answer-lookup.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { ACTION, HOME_QUERY_ACTION, SUGGESTION_ACTION } from '../../trunks/action-ids.js';
import { detailsButton } from './details-button.js';
import { exportButton } from './export-button.js';
import { homeQueryButton } from './home-query-button.js';
import { homeRefreshButton } from './home-refresh-button.js';
import { pageButton } from './page-button.js';
import { shareButton } from './share-button.js';
import { shareDetailsButton } from './share-details-button.js';
import { shareToChannelButton } from './share-to-channel-button.js';
import { unwatchButton } from './unwatch-button.js';

/** Registers the button handlers. */
export function register(app: App, deps: BotDeps): void {
  const page = pageButton(deps);
  for (const id of [ACTION.prev, ACTION.next, ACTION.refresh, ACTION.retry, ACTION.retryRefresh, SUGGESTION_ACTION]) {
    app.action<BlockAction<ButtonAction>>(id, page);
  }
  app.action<BlockAction<ButtonAction>>(ACTION.share, shareButton(deps));
  app.action<BlockAction<ButtonAction>>(
    ACTION.shareLookup,
    shareButton(deps, (request, view) => answerLookup(deps, request, view)),
  );
  app.action<BlockAction<ButtonAction>>(ACTION.exportCsv, exportButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.details, detailsButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.shareDetails, shareDetailsButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.shareToChannel, shareToChannelButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.unwatch, unwatchButton(deps));
  app.action<BlockAction<ButtonAction>>(ACTION.homeRefresh, homeRefreshButton(deps));
  app.action<BlockAction<ButtonAction>>(HOME_QUERY_ACTION, homeQueryButton(deps));
}
