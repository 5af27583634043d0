import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { decodePageState, type PageState } from '../../trunks/page-state.js';
import { renderProblem } from '../../trunks/render-notice.js';
import type { SlackMessage } from '../../trunks/message.js';
import type { AuditRecord, BotDeps, Origin } from '../deps.js';
import { admit, firstDelivery } from '../gate.js';

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
 * values are answered privately, and the user's rate limit applies. Returns the state to act on and
 * the channel it was clicked in; otherwise `record` says why not.
 */
export async function admitClick(
  deps: BotDeps,
  body: BlockAction<ButtonAction>,
  origin: Origin,
  value: string | undefined,
  respond: RespondFn,
  record: AuditRecord,
): Promise<{ state: PageState; channel: string } | undefined> {
  if (!(await firstDelivery(deps, body.trigger_id))) {
    record.outcome = 'replay_ignored';
    return undefined;
  }
  const whisper = (message: SlackMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...message });
  const admitted = await admit(deps, origin, record, whisper, () => {
    const state = decodePageState(value, deps.seal);
    return state && origin.channel
      ? { request: state.request, state, channel: origin.channel }
      : { outcome: 'invalid_button', reply: renderProblem(STALE_BUTTON) };
  });
  return admitted && { state: admitted.state, channel: admitted.channel };
}
