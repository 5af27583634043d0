import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** A Slack message body: blocks plus the top-level text used for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
