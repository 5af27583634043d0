import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { Origin, Surface } from '../../pipeline/request.js';

/** Who clicked, and where, from a `block_actions` payload. */
export function buttonOrigin(body: BlockAction<ButtonAction>, surface: Surface): Origin {
  const channel = body.channel?.id ?? body.container?.channel_id;
  // The clicker's own workspace, which differs from the message's in a Slack Connect channel.
  const team = body.user.team_id ?? body.team?.id;
  const enterprise = body.enterprise?.id;
  return {
    surface,
    user: body.user.id,
    ...(channel && { channel }),
    ...(team && { team }),
    ...(enterprise && { enterprise }),
  };
}

/** Whether the clicked message is the user's private (ephemeral) result. */
export function isEphemeral(body: BlockAction<ButtonAction>): boolean {
  return body.container?.is_ephemeral === true;
}

/**
 * Whether the click came from the bot's direct messages with the user (the app's Messages tab, where Home's
 * answers go): only the user and the bot are there, so answers page in place and offer no Share.
 */
export function isDirectMessage(body: BlockAction<ButtonAction>): boolean {
  return (body.channel?.id ?? body.container?.channel_id ?? '').startsWith('D');
}
