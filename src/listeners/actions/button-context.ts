import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { decodePageState, type PageState } from '../../trunks/page-state.js';
import { renderNotice, renderProblem } from '../../trunks/render-notice.js';
import { audit, type BotDeps, type Origin } from '../deps.js';
import { firstDelivery, refuseAccess, refuseRate } from '../gate.js';

/** The facts a button handler needs from a `block_actions` payload. */
export function buttonOrigin(body: BlockAction<ButtonAction>, surface: Origin['surface']): Origin {
  const channel = body.channel?.id ?? body.container?.channel_id;
  // The clicker's own workspace, which differs from the message's in a Slack Connect channel.
  const team = body.user.team_id ?? body.team?.id;
  const enterprise = body.enterprise?.id;
  return { surface, user: body.user.id, ...(channel && { channel }), ...(team && { team }), ...(enterprise && { enterprise }) };
}

/** Whether the clicked message is the user's private (ephemeral) result. */
export function isEphemeral(body: BlockAction<ButtonAction>): boolean {
  return body.container?.is_ephemeral === true;
}

const STALE_BUTTON = 'That button is out of date or was changed, so I did not run it. Run `/trunks` again to get fresh results.';

/**
 * Lets a click through the same gate as a command: replays are dropped, refused users and tampered
 * values are answered privately, and the user's rate limit applies. Returns the state to act on.
 */
export async function admitClick(
  deps: BotDeps,
  body: BlockAction<ButtonAction>,
  origin: Origin,
  value: string | undefined,
  respond: RespondFn,
): Promise<PageState | undefined> {
  if (!(await firstDelivery(deps, body.trigger_id))) {
    deps.log.warn({ ...origin }, 'replayed button click ignored');
    return undefined;
  }
  const whisper = (message: ReturnType<typeof renderProblem>) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
  const refusal = await refuseAccess(deps, origin);
  if (refusal) {
    await whisper(renderNotice(refusal.message));
    audit(deps.log, origin, undefined, { outcome: refusal.outcome });
    return undefined;
  }
  const state = decodePageState(value, deps.seal);
  if (!state || !origin.channel) {
    await whisper(renderProblem(STALE_BUTTON));
    audit(deps.log, origin, undefined, { outcome: 'invalid_button' });
    return undefined;
  }
  const limited = await refuseRate(deps, origin);
  if (limited) {
    await whisper(renderNotice(limited.message));
    audit(deps.log, origin, state.request, { outcome: limited.outcome });
    return undefined;
  }
  return state;
}
