import type { types } from '@slack/bolt';
import { ACTION } from './action-ids.js';
import type { ButtonSeal } from './button-seal.js';
import type { Block, SlackMessage } from './message.js';
import { encodePageState } from './page-state.js';
import { gatewayEmoji } from './render-card.js';
import { code, escapeClip, oneLine, slackDate } from './slack-text.js';
import type { Trunk } from './trunk.js';
import type { TrunkRequest } from './trunk-request.js';

/** One address or number found in a message, and the trunks it belongs to. */
export interface LookupItem {
  kind: 'IP' | 'number';
  value: string;
  trunks: Trunk[];
}

export interface RenderLookupOptions {
  items: LookupItem[];
  /** Found in the message but beyond what one answer shows. */
  notLookedUp: number;
  /** The lookup as a request, for the Share button. */
  request: TrunkRequest;
  fetchedAt: Date;
  shareable: boolean;
  sharedBy?: string;
  seal: ButtonSeal;
}

const TRUNKS_PER_ITEM = 5;

/** For each IP address and phone number found in a message, the trunks it matches, or that none does. */
export function renderLookup(options: RenderLookupOptions): SlackMessage {
  const { items, fetchedAt, seal } = options;
  const found = items.filter((i) => i.trunks.length > 0).length;
  const summary = `${items.length} ${items.length === 1 ? 'address or number' : 'addresses and numbers'} found · ${found} match a trunk`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Trunks in this message', emoji: false } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: options.sharedBy ? `${summary}  ·  shared by <@${options.sharedBy}>` : summary },
      ],
    },
  ];
  for (const item of items) {
    const head = `${item.kind} ${code(item.value, 60)}`;
    const body =
      item.trunks.length === 0
        ? `${head} → no trunk`
        : `${head} →\n${item.trunks
            .slice(0, TRUNKS_PER_ITEM)
            .map(
              (t) =>
                `${gatewayEmoji(t.gatewayUp)} ${escapeClip(oneLine(t.name ?? '(unnamed trunk)'), 80)} · ID ${code(String(t.keyId), 20)}`,
            )
            .join(
              '\n',
            )}${item.trunks.length > TRUNKS_PER_ITEM ? `\n… and ${item.trunks.length - TRUNKS_PER_ITEM} more` : ''}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: body } });
  }
  const more =
    options.notLookedUp > 0 ? `  ·  ${options.notLookedUp} more not looked up (one answer shows ${items.length})` : '';
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Data from ITNIO as of ${slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString())}${more}`,
      },
    ],
  });
  if (options.shareable && items.length > 0) {
    const share: types.Button = {
      type: 'button',
      action_id: ACTION.shareLookup,
      text: { type: 'plain_text', text: 'Share', emoji: true },
      value: encodePageState({ request: options.request }, seal),
    };
    blocks.push({ type: 'actions', block_id: 'trunks_lookup', elements: [share] });
  }
  const text = items
    .map(
      (i) =>
        `${i.value}: ${
          i.trunks.length === 0
            ? 'no trunk'
            : i.trunks
                .map((t) => oneLine(t.name ?? '?'))
                .slice(0, 3)
                .join(', ')
        }`,
    )
    .join('; ');
  return { text: escapeClip(`Trunks in this message: ${text}`, 1_000), blocks };
}
