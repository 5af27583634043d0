import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
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

type ButtonHandler = Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>>;

// Every trunkbot action id starts so (action-ids.ts): one listener takes them all.
const TRUNKBOT_ACTION = /^trunks_/;

/**
 * Registers the button handlers behind one Bolt listener that picks the handler by action id. Bolt runs
 * every event through every registered listener's matchers (an object spread and a few promises each),
 * so a listener per button would cost each request fifteen trips through matchers that say no.
 */
export function register(app: App, deps: BotDeps): void {
  const page = pageButton(deps);
  const share = shareButton(deps);
  const byId = new Map<string, ButtonHandler>([
    [ACTION.prev, page],
    [ACTION.next, page],
    [ACTION.refresh, page],
    [ACTION.retry, page],
    [ACTION.retryRefresh, page],
    [ACTION.share, share],
    [ACTION.shareLookup, shareButton(deps, (request, view) => answerLookup(deps, request, view))],
    [ACTION.exportCsv, exportButton(deps)],
    [ACTION.details, detailsButton(deps)],
    [ACTION.shareDetails, shareDetailsButton(deps)],
    [ACTION.shareToChannel, shareToChannelButton(deps)],
    [ACTION.unwatch, unwatchButton(deps)],
    [ACTION.homeRefresh, homeRefreshButton(deps)],
  ]);
  const byPattern: [RegExp, ButtonHandler][] = [
    [SUGGESTION_ACTION, page],
    [HOME_QUERY_ACTION, homeQueryButton(deps)],
  ];
  app.action<BlockAction<ButtonAction>>(TRUNKBOT_ACTION, async (args) => {
    const id = args.action.action_id;
    const handler = byId.get(id) ?? byPattern.find(([pattern]) => pattern.test(id))?.[1];
    if (handler) return handler(args);
    // A button from a newer or older version of the bot: nothing to run, but Slack must hear back.
    await args.ack();
    args.logger.warn(`no handler for the button ${JSON.stringify(id)}`);
  });
}
