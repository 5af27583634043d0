import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { Origin } from '../deps.js';

/** The facts a button handler needs from a `block_actions` payload. */
export function buttonOrigin(body: BlockAction<ButtonAction>, surface: Origin['surface']): Origin {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const team = body.team?.id ?? body.user.team_id;
  return { surface, user: body.user.id, ...(channel && { channel }), ...(team && { team }) };
}

/** Whether the clicked message is the user's private (ephemeral) result. */
export function isEphemeral(body: BlockAction<ButtonAction>): boolean {
  return body.container?.is_ephemeral === true;
}

/** Said when a button's value cannot be trusted or no longer makes sense. */
export const STALE_BUTTON =
  'That button is out of date or was changed, so I did not run it. Run `/trunks` again to get fresh results.';
