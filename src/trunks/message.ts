import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** A Slack message body: blocks plus the top-level text used for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** A section of mrkdwn. */
export function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** A line of small print. */
export function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** A message that is one section of mrkdwn, its text also the notification text. */
export function textMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
