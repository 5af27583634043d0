import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { eventClaim } from '../../pipeline/claims.js';
import type { BotDeps } from '../../pipeline/deps.js';
import { homeIntake } from '../../pipeline/home-intake.js';
import { runRequest } from '../../pipeline/run-request.js';

/**
 * The user opened trunkbot's Home tab: publish theirs, from the snapshot every query shares. Slack sends the
 * event on every visit, so the tab is always as fresh as the snapshot; a retried delivery publishes once.
 */
export function appHomeOpened(deps: BotDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    // The Messages tab holds the direct messages Home's buttons answer with; opening it needs nothing.
    if (event.tab !== 'home') return;
    const enterprise = (body as { enterprise_id?: string }).enterprise_id;
    await runRequest(
      deps,
      homeIntake(deps, {
        origin: {
          surface: 'home',
          user: event.user,
          // The event names no workspace of the user's own; Slack offers an app's Home tab in the
          // workspaces it is installed in, which is the envelope's.
          ...(body.team_id && { team: body.team_id }),
          ...(enterprise && { enterprise }),
        },
        claims: eventClaim(body.event_id),
        publish: (view) => client.views.publish({ user_id: event.user, view }),
      }),
    );
  };
}
