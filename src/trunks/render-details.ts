import type { types } from '@slack/bolt';
import { ACTION } from './action-ids.js';
import type { Block } from './message.js';
import { gatewayEmoji } from './render-card.js';
import { bold, capitalise, code, escapeClip, oneLine, slackDate, truncate } from './slack-text.js';
import { type Trunk, typeLabel } from './trunk.js';
import { parseVendorTime } from './vendor-time.js';

export interface DetailsOptions {
  trunk: Trunk;
  /** Zone the vendor's times are in. */
  timeZone: string;
  fetchedAt: Date;
  /** The sealed value of the modal's Share button (undefined: no Share, e.g. no channel to share to). */
  shareValue?: string;
}

// Slack's limits for a modal: 100 blocks, 3,000 characters of section text. A group line costs at most
// ~170 characters, so 15 fit a section; the sections stop well before the block limit.
const GROUPS_PER_SECTION = 15;
const MAX_GROUP_SECTIONS = 90;

/** The whole record of one trunk as modal blocks: every address, every group with its number, never the password. */
export function renderDetails({ trunk, timeZone, fetchedAt, shareValue }: DetailsOptions): Block[] {
  const name = trunk.name === null || trunk.name.trim() === '' ? '(unnamed trunk)' : trunk.name;
  const direction = trunk.type === null ? 'Unknown direction' : capitalise(typeLabel(trunk.type));
  const enabled = trunk.enabled === null ? 'unknown' : trunk.enabled ? 'enabled' : '*disabled*';
  const gateway = trunk.gatewayUp === null ? 'unknown' : trunk.gatewayUp ? 'up' : '*down*';
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  const blocks: Block[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${gatewayEmoji(trunk.gatewayUp)} ${bold(escapeClip(oneLine(name), 1_000))}`,
      },
    },
    {
      type: 'section',
      fields: [
        field('Direction', direction),
        field('State', `${capitalise(enabled)} · gateway ${gateway}`),
        field('Gateway IP', values(trunk.gatewayIp)),
        field('Whitelist IP', values(trunk.whiteIp)),
        field('Call-center IP', values(trunk.ccIp)),
        field('Prefix', values(trunk.prefix)),
        field('SIP account', values(trunk.sipAccount)),
        field('ID', code(String(trunk.keyId ?? 'none'), 40)),
        field('Created', when(trunk.createTime, timeZone)),
        field('Updated', when(trunk.updateTime, timeZone)),
      ],
    },
    { type: 'divider' },
    ...groupSections(trunk.groups),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Data from ITNIO as of ${slackDate(fetchedAt, '{date_short_pretty} {time_secs}', fetchedAt.toISOString())}. The SIP password is never shown.`,
        },
      ],
    },
  ];
  if (shareValue !== undefined) {
    const share: types.Button = {
      type: 'button',
      action_id: ACTION.shareDetails,
      text: { type: 'plain_text', text: 'Share to channel', emoji: true },
      value: shareValue,
    };
    blocks.push({ type: 'actions', block_id: 'trunk_details_actions', elements: [share] });
  }
  return blocks;
}

/** A short modal title (Slack allows 24 characters). */
export function detailsTitle(trunk: Trunk): string {
  return truncate(oneLine(trunk.name ?? 'Trunk') || 'Trunk', 24);
}

function values(v: string | null): string {
  return v === null || v.trim() === '' ? '_none_' : code(v, 1_000);
}

function groupSections(groups: Trunk['groups']): Block[] {
  if (groups.length === 0) return [{ type: 'section', text: { type: 'mrkdwn', text: '*Agent groups*\nnone' } }];
  const lines = groups.map((g) => {
    const label = escapeClip(oneLine(g.groupName ?? `group ${g.groupId ?? '?'}`), 80);
    const id = g.groupId === null ? '' : ` · ID ${code(String(g.groupId), 30)}`;
    return `• ${label}${g.number ? ` — ${code(g.number, 40)}` : ''}${id}`;
  });
  const sections: Block[] = [];
  for (let i = 0; i < lines.length && sections.length < MAX_GROUP_SECTIONS; i += GROUPS_PER_SECTION) {
    const head = i === 0 ? `*Agent groups (${groups.length})*\n` : '';
    const text = head + lines.slice(i, i + GROUPS_PER_SECTION).join('\n');
    sections.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const shown = Math.min(lines.length, MAX_GROUP_SECTIONS * GROUPS_PER_SECTION);
  if (shown < lines.length) {
    sections.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${lines.length - shown} more groups do not fit in one Slack view.` }],
    });
  }
  return sections;
}

function when(raw: string | null, timeZone: string): string {
  if (raw === null) return '_unknown_';
  const date = parseVendorTime(raw, timeZone);
  if (!date) return escapeClip(oneLine(raw), 60);
  return slackDate(date, '{date_short_pretty} {time}', `${oneLine(raw)} ${timeZone}`);
}
