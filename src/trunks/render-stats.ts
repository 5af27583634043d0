import type { types } from '@slack/bolt';
import { ACTION, suggestionAction } from './action-ids.js';
import type { ButtonSeal } from './button-seal.js';
import type { Block, SlackMessage } from './message.js';
import { encodePageState } from './page-state.js';
import { describeRequest } from './describe-request.js';
import { code, escapeClip, oneLine, slackDate, truncate } from './slack-text.js';
import type { TrunkStats } from './trunk-stats.js';
import type { TrunkRequest } from './trunk-request.js';

export interface RenderStatsOptions {
  /** The request summarised (`stats` set; its other filters chose the trunks counted). */
  request: TrunkRequest;
  stats: TrunkStats;
  fetchedAt: Date;
  shareable: boolean;
  sharedBy?: string;
  seal: ButtonSeal;
}

const DOWN_LISTED = 10;

/** A summary of the matching trunks: counts by direction, state and gateway, the trunks that are down, recent changes. */
export function renderStats(options: RenderStatsOptions): SlackMessage {
  const { request, stats, fetchedAt, seal } = options;
  // The buttons list the trunks behind a count: the same filters, without `stats`.
  const list = (extra: Partial<TrunkRequest>) =>
    encodePageState({ request: { ...request, stats: undefined, ...extra, page: 1 } }, seal);
  const byDirection = (['outgoing', 'incoming', 'unknown'] as const)
    .map((direction) => {
      const c = stats.counts[direction];
      const total = sum(c.enabled) + sum(c.disabled) + sum(c.unknown);
      if (total === 0) return undefined;
      const label = direction === 'unknown' ? 'Unknown direction' : direction === 'outgoing' ? 'Outgoing' : 'Incoming';
      return `*${label}* ${total} · enabled ${sum(c.enabled)} (gateway up ${c.enabled.up}, *down ${c.enabled.down}*${c.enabled.unknown ? `, unknown ${c.enabled.unknown}` : ''}) · disabled ${sum(c.disabled)}`;
    })
    .filter((line) => line !== undefined);
  const down = stats.downTrunks
    .slice(0, DOWN_LISTED)
    .map(
      (t) =>
        `:red_circle: ${escapeClip(oneLine(t.name ?? '(unnamed trunk)'), 80)}${t.gatewayIp ? ` ${code(t.gatewayIp, 40)}` : ''} · ID ${code(String(t.keyId), 20)}`,
    );
  const heading = `${stats.total} ${stats.total === 1 ? 'trunk' : 'trunks'} · ${stats.down} down · ${stats.changedLast24h} changed in the last 24 h`;

  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(describeRequest(request), 150), emoji: false } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: options.sharedBy ? `${heading}  ·  shared by <@${options.sharedBy}>` : heading },
      ],
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: byDirection.length > 0 ? byDirection.join('\n') : 'No trunks match.' },
    },
  ];
  if (down.length > 0) {
    const more = stats.down > DOWN_LISTED ? `\n… and ${stats.down - DOWN_LISTED} more` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Enabled, gateway down*\n${down.join('\n')}${more}` },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Data from ITNIO as of ${slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString())}`,
      },
    ],
  });
  const buttons: types.Button[] = [];
  if (stats.down > 0)
    buttons.push(button(suggestionAction(1), `List all ${stats.down} down`, list({ status: ['down'] })));
  if (stats.changedLast24h > 0) {
    buttons.push(button(suggestionAction(2), 'Changed in 24 h', list({ changed: { withinMinutes: 24 * 60 } })));
  }
  buttons.push(button(ACTION.refresh, '↻ Refresh', encodePageState({ request }, seal)));
  if (options.shareable) buttons.push(button(ACTION.share, 'Share', encodePageState({ request }, seal)));
  blocks.push({ type: 'actions', block_id: 'trunks_stats', elements: buttons });
  return { text: `${describeRequest(request)}: ${heading}`, blocks };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function button(actionId: string, label: string, value: string): types.Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label, emoji: true }, value };
}
