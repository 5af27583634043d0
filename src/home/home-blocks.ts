import type { types } from '@slack/bolt';

/**
 * How many of each list the Home tab shows before "…and N more" and a button that runs the whole query.
 * With the fixed blocks and a note this stays near 60 blocks, well under Slack's 100 for a view, and each
 * item is a short section, so no text comes near 3,000 characters nor the view near Slack's 250 kB.
 */
export const HOME_SHOWN = { down: 15, changed: 10, watches: 20, noteBlocks: 3 } as const;

/** A button with its screen-reader hint. */
export function button(actionId: string, label: string, value: string, hint: string): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label, emoji: true },
    value,
    accessibility_label: hint,
  };
}
