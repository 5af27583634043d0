import type { types } from '@slack/bolt';
import * as z from 'zod';
import { SHARE_FORM } from './action-ids.js';
import { type SlackMessage, textMessage } from './message.js';
import { code } from './slack-text.js';

/** The form's title; Slack allows 24 characters, and this is exactly that. */
export const SHARE_FORM_TITLE = 'Share trunk to a channel';

/** The longest note, in characters, as the input's max_length tells Slack. */
export const MAX_NOTE = 500;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** The "Share trunk to a channel" modal: a channel picker and a note, with the sealed trunk reference riding along. */
export function renderShareForm(trunkId: string, sealedRef: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: SHARE_FORM.callbackId,
    title: plain(SHARE_FORM_TITLE),
    submit: plain('Share'),
    close: plain('Cancel'),
    // A submission carries nothing of where the form came from but this; sealed, so it cannot be edited.
    private_metadata: sealedRef,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Posts trunk ${code(trunkId, 40)} (state, addresses, prefix, agent groups) into the channel you pick, marked as shared by you.`,
        },
      },
      {
        type: 'input',
        block_id: SHARE_FORM.channelBlock,
        label: plain('Channel'),
        hint: plain('A private channel needs trunkbot in it first: /invite @trunkbot there.'),
        element: {
          type: 'conversations_select',
          action_id: SHARE_FORM.channelAction,
          placeholder: plain('The incident channel'),
          // No default_to_current_conversation: it would preselect the alert's own channel, the one
          // place where sharing the trunk adds nothing.
          filter: { include: ['public', 'private'], exclude_bot_users: true },
        },
      },
      {
        type: 'input',
        block_id: SHARE_FORM.noteBlock,
        optional: true,
        label: plain('Note'),
        element: {
          type: 'plain_text_input',
          action_id: SHARE_FORM.noteAction,
          multiline: true,
          max_length: MAX_NOTE,
          placeholder: plain('What the channel should know, e.g. "Acme reports one-way audio since 14:00"'),
        },
      },
    ],
  };
}

/** What a submitted form holds, or which fields are wrong (by block id, as Slack shows errors). */
export type ShareFormReading =
  | { ok: true; channel: string; note?: string }
  | { ok: false; errors: Record<string, string> };

const stateSchema = z.object({
  [SHARE_FORM.channelBlock]: z
    .object({ [SHARE_FORM.channelAction]: z.object({ selected_conversation: z.string().nullish() }) })
    .optional(),
  [SHARE_FORM.noteBlock]: z.object({ [SHARE_FORM.noteAction]: z.object({ value: z.string().nullish() }) }).optional(),
});

// A public or private channel, as the picker's filter offers them.
const CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

/**
 * Reads a submission's `view.state.values`. Slack enforces the required channel and the note's length
 * itself; they are checked again because a payload is only as good as what reads it.
 */
export function readShareForm(values: unknown): ShareFormReading {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const channel = state[SHARE_FORM.channelBlock]?.[SHARE_FORM.channelAction]?.selected_conversation ?? '';
  const note = (state[SHARE_FORM.noteBlock]?.[SHARE_FORM.noteAction]?.value ?? '').trim();
  const errors: Record<string, string> = {};
  if (!CHANNEL_ID.test(channel)) errors[SHARE_FORM.channelBlock] = 'Pick the channel to share the trunk to.';
  // Slack counts characters, not UTF-16 units: an emoji is one.
  if (Array.from(note).length > MAX_NOTE)
    errors[SHARE_FORM.noteBlock] = `Keep the note to ${MAX_NOTE} characters or fewer.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return note === '' ? { ok: true, channel } : { ok: true, channel, note };
}

/** Why the bot could not post in the picked channel, as plain text under the channel field. */
export function cannotShareThere(slackError: string | undefined): string {
  switch (slackError) {
    case 'not_in_channel':
    case 'channel_not_found':
      return 'trunkbot is not in that channel. Invite it there with /invite @trunkbot, then press Share again.';
    case 'is_archived':
      return 'That channel is archived. Pick another one.';
    case undefined:
      return 'Slack could not be reached to post there. Try again in a moment.';
    default:
      return `Slack did not let trunkbot post there (${slackError}). Try again, or pick another channel.`;
  }
}

/** What the form shows while a slow answer is still on its way (Slack's three seconds were up). */
export function renderSharing(): SlackMessage {
  const text =
    ':hourglass_flowing_sand: Sharing… trunkbot is collecting the trunk from ITNIO. This window says when it is posted.';
  return textMessage(text);
}

/** The trunk was posted in `channel`. */
export function renderSharedIn(channel: string): SlackMessage {
  const text = `:white_check_mark: Shared in <#${channel}>.`;
  return textMessage(text);
}
