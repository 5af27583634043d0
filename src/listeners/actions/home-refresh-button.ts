import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { triggerClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { homeIntake } from '../../pipeline/home-intake.js';
import { runRequest } from '../../pipeline/run-request.js';
import { buttonOrigin } from './button-origin.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** ↻ Refresh on the App Home tab: collect every trunk from ITNIO again, then publish the user's Home anew. */
export function homeRefreshButton(deps: BotDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await runRequest(
      deps,
      homeIntake(deps, {
        origin: buttonOrigin(body, 'home'),
        claims: triggerClaim(body.trigger_id),
        publish: (view) => client.views.publish({ user_id: body.user.id, view }),
        fresh: true,
      }),
    );
  };
}
